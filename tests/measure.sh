#!/usr/bin/env bash
# Measures the release app as a writer runs it: binary size, time to first painted frame, and idle
# memory (PSS summed over the app and its WebKit processes) on the sample desk, under Xvfb.
# Usage: make measure   (builds the release app first)
set -euo pipefail
cd "$(dirname "$0")/.."
app=target/release/factdesk-app
cli=target/release/factdesk
work=$(mktemp -d)
trap 'pkill -f "$app" 2>/dev/null || true; rm -rf "$work"' EXIT
"$cli" --desk "$work/desk.sqlite" init --sample >/dev/null

echo "binary: $(du -h "$app" | cut -f1) ($(stat -c %s "$app") bytes)"
WEBKIT_DISABLE_COMPOSITING_MODE=1 FACTDESK_DESK="$work/desk.sqlite" xvfb-run -a -s "-screen 0 1280x800x24" "$app" >"$work/log" 2>&1 &
sleep 8
grep -m1 'first frame' "$work/log" || echo "(no first-frame line yet)"
pss() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
total=0
for p in $(pgrep -f "^$app") $(pgrep -f WebKitWebProcess) $(pgrep -f WebKitNetworkProcess); do
  kb=$(pss "$p"); name=$(tr '\0' ' ' < "/proc/$p/cmdline" | cut -c1-60)
  echo "  $kb kB  $name"; total=$((total + kb))
done
echo "idle PSS, app + WebKit: $((total / 1024)) MB"
