#!/usr/bin/env bash
# Measures the release app as a writer runs it: binary size, time to first painted frame, and
# memory (PSS summed over the app and its WebKit processes, found as the app's descendants) under
# Xvfb, on the sample desk or, with CLAIMS=N, on a copy of the cached generated desk of N claims
# (`init --large --claims N`, tests/bench-desk.sh). PSS is sampled at 5, 15, 30 and 60 s: on a
# large desk it shows whether the app settles or keeps growing.
# Usage: make measure [CLAIMS=100000] [RUNS=5]   (builds the release app first; FACTDESK_APP and
#        FACTDESK_CLI name other binaries, e.g. the debug ones)
#
# Start-up is timed RUNS times (default 5: the machine is shared, so one run says little) and
# each figure is given as the median with every run: "first frame" (the page has painted, its
# `app_ready`) and "draft editable" (the latest draft is in the editor and takes typing, its
# `app_editable`), both in ms after `main`, then where the time went in the median run (the
# shell's phases and the page's marks, src-tauri/src/startup.rs). PSS is sampled in the first run.
# The e2e typing tests (tests/e2e/drafting.test.ts) measure typing latency.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/bench-desk.sh
app=${FACTDESK_APP:-target/release/factdesk-app}
cli=${FACTDESK_CLI:-target/release/factdesk}
claims=${CLAIMS:-}
work=$(mktemp -d)
runner=
app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$runner" ]; then wait "$runner" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "$claims" ]; then
  src=$(desk_for "$claims")
  # A copy: the app may write (autosave, settings), and the cached desk stays as generated.
  cp --reflink=auto "$src" "$work/desk.sqlite"
  echo "desk: $claims generated claims ($(du -h "$src" | cut -f1), $src)"
else
  "$cli" --desk "$work/desk.sqlite" init --sample >/dev/null
  echo "desk: the sample"
fi

echo "binary: $(du -h "$app" | cut -f1) ($(stat -c %s "$app") bytes)"
runs=${RUNS:-5}

descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }
pss() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
# "factdesk: first frame 312 ms after start" -> 312
figure() { sed -n "s/^factdesk: $1 \([0-9]*\) ms after start$/\1/p" "$2" | head -1; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'; }

# One run of the app: its log in $work/log.$1; the first run also samples PSS.
one_run() {
  local log="$work/log.$1"
  # Its own webview profile (storage, caches) beside the desk, the same for every run.
  WEBKIT_DISABLE_COMPOSITING_MODE=1 FACTDESK_DESK="$work/desk.sqlite" \
    XDG_DATA_HOME="$work/profile/data" XDG_CACHE_HOME="$work/profile/cache" \
    XDG_CONFIG_HOME="$work/profile/config" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" >"$log" 2>&1 &
  runner=$!
  app_pid=
  for _ in $(seq 100); do
    # `|| true`: a scan that finds no app yet is not an error (set -e would end the script, and
    # its clean-up would then wait for an app it never learnt the id of).
    app_pid=$(for p in $(descendants "$runner"); do
      [ "$(cat "/proc/$p/comm" 2>/dev/null)" = factdesk-app ] && echo "$p"; done | head -1) || true
    [ -n "$app_pid" ] && break
    sleep 0.1
  done
  [ -n "$app_pid" ] || { echo "the app did not start"; cat "$log"; exit 1; }

  if [ "$1" = 1 ]; then
    local started=$SECONDS at total detail p kb
    for at in 5 15 30 60; do
      sleep $((at - (SECONDS - started)))
      total=0
      detail=""
      for p in "$app_pid" $(descendants "$app_pid"); do
        kb=$(pss "$p"); total=$((total + kb))
        detail+=" $(cat "/proc/$p/comm" 2>/dev/null) $((kb / 1024)) MB;"
      done
      echo "PSS at ${at} s, app + WebKit: $((total / 1024)) MB (${detail# })"
      # On the sample desk the figure settles within seconds.
      [ -n "$claims" ] || break
    done
  fi
  # Until the draft is editable (or 30 s: a desk with no draft never gets there).
  for _ in $(seq 300); do
    grep -q 'draft editable' "$log" && break
    sleep 0.1
  done
  kill "$app_pid" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  runner=
  app_pid=
}

frames=()
editables=()
for run in $(seq "$runs"); do
  one_run "$run"
  frames+=("$(figure 'first frame' "$work/log.$run")")
  editables+=("$(figure 'draft editable' "$work/log.$run")")
done
frame_median=$(echo "${frames[*]}" | median)
editable_median=$(echo "${editables[*]}" | median)
echo "first frame: median ${frame_median:-–} ms over $runs runs (${frames[*]} ms)"
echo "draft editable: median ${editable_median:-–} ms over $runs runs (${editables[*]} ms)"
# Where the time went, in the run whose first frame was the median.
for run in $(seq "$runs"); do
  if [ "${frames[$((run - 1))]}" = "$frame_median" ]; then
    grep -h '^factdesk: start-up:\|^factdesk: to the draft:' "$work/log.$run" | sed "s/^factdesk: /run $run, /"
    break
  fi
done
