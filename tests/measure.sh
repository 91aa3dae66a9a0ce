#!/usr/bin/env bash
# Measures the release app as a writer runs it: binary size, time to first painted frame, and
# memory (PSS summed over the app and its WebKit processes, found as the app's descendants) under
# Xvfb, on the sample desk or, with CLAIMS=N, on a copy of the cached generated desk of N claims
# (`init --large --claims N`, tests/bench-desk.sh). PSS is sampled at 5, 15, 30 and 60 s: on a
# large desk it shows whether the app settles or keeps growing.
# Usage: make measure [CLAIMS=100000]   (builds the release app first)
#
# NOTE: "draft editable and lists shown" and typing latency need the page to say when it got
# there; today only the first frame is logged (commands.rs `app_ready`). The e2e typing test
# (tests/e2e/drafting.test.ts) measures typing latency on the 1k-claim desk.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/bench-desk.sh
app=target/release/factdesk-app
cli=target/release/factdesk
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
WEBKIT_DISABLE_COMPOSITING_MODE=1 FACTDESK_DESK="$work/desk.sqlite" \
  xvfb-run -a -s "-screen 0 1280x800x24" "$app" >"$work/log" 2>&1 &
runner=$!

descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }
pss() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
for _ in $(seq 100); do
  # `|| true`: a scan that finds no app yet is not an error (set -e would end the script, and
  # its clean-up would then wait for an app it never learnt the id of).
  app_pid=$(for p in $(descendants "$runner"); do
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = factdesk-app ] && echo "$p"; done | head -1) || true
  [ -n "$app_pid" ] && break
  sleep 0.1
done
[ -n "$app_pid" ] || { echo "the app did not start"; cat "$work/log"; exit 1; }

started=$SECONDS
for at in 5 15 30 60; do
  sleep $((at - (SECONDS - started)))
  total=0
  detail=""
  for p in "$app_pid" $(descendants "$app_pid"); do
    kb=$(pss "$p"); total=$((total + kb))
    detail+=" $(cat "/proc/$p/comm" 2>/dev/null) $((kb / 1024)) MB;"
  done
  echo "PSS at ${at} s, app + WebKit: $((total / 1024)) MB (${detail# })"
  if [ "$at" = 5 ]; then grep -m1 'first frame' "$work/log" || echo "(no first-frame line yet)"; fi
  # On the sample desk the figure settles within seconds.
  [ -n "$claims" ] || break
done
grep -m1 'first frame' "$work/log" >/dev/null || echo "(no first frame within the run)"
