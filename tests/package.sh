#!/usr/bin/env bash
# Installs the Factdesk .deb into this system with dpkg, as a user would (so it runs as root, which
# CI is), and checks what that user would:
#   - the .rpm holds the same files as the .deb (`rpm -qlp`);
#   - the desktop entry's command starts the INSTALLED app under Xvfb, from a fresh HOME, and its
#     first frame is painted (the page's `app_ready` call logs "first frame", as tests/measure.sh
#     reads it);
#   - the app runs with the WebKit flag `make run` sets, unless the user set it otherwise;
#   - the desk lands in the user's data folder (~/.local/share/org.factdesk.desk) and is a desk;
#   - Ctrl+Q quits it with status 0, and `dpkg -r` removes every file the package brought while
#     the user's desk stays.
# Usage: tests/package.sh [debug|release]   (the bundle under target/<profile>/bundle; `make
# package-test` builds the debug one first)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-debug}
package=factdesk
data_dir=.local/share/org.factdesk.desk
flag=WEBKIT_DISABLE_COMPOSITING_MODE

fail() { echo "package test: $*" >&2; exit 1; }
trap 'echo "package test: failed at tests/package.sh:$LINENO" >&2' ERR
newest() { ls -t $1 2>/dev/null | head -1; }
deb=$(newest "target/$profile/bundle/deb/*.deb")
rpm=$(newest "target/$profile/bundle/rpm/*.rpm")
[ -n "$deb" ] || fail "no .deb under target/$profile/bundle/deb (run make package-test)"
[ -n "$rpm" ] || fail "no .rpm under target/$profile/bundle/rpm (run make package-test)"
echo "package test: $deb and $rpm"

# --- the two packages hold the same files ---------------------------------------------------
deb_files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\.\{0,1\}/\{0,1\}|/|' | sort)
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null | sort)
[ -n "$deb_files" ] || fail "the .deb lists no files"
diff <(echo "$deb_files") <(echo "$rpm_files") \
  || fail "the .deb (<) and the .rpm (>) hold different files"
[ "$(rpm -qp --qf '%{NAME} %{VERSION}' "$rpm")" = "$(dpkg-deb -f "$deb" Package Version \
  | awk -F': ' '{printf "%s%s", sep, $2; sep=" "}')" ] || fail "the .deb and .rpm differ in name or version"

# --- install ------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || fail "installing a package needs root (CI is root; locally: sudo $0)"
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed'; then
  fail "a $package package is installed already; this test would replace it (dpkg -r $package)"
fi

work=$(mktemp -d)
home="$work/home"
mkdir -p "$home"
runner=
app_pid=
installed=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$runner" ]; then wait "$runner" 2>/dev/null || true; fi
  if [ -n "$installed" ]; then dpkg -r "$package" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
installed=1

entry=$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -1)
[ -n "$entry" ] || fail "the package installs no desktop entry"
# The command a desktop launches, without its field codes (%U, %f...).
command=$(sed -n 's/^Exec=//p' "$entry" | head -1 | sed 's/ *%[a-zA-Z]//g')
[ -n "$command" ] || fail "$entry has no Exec line"
binary=$(PATH=/usr/local/bin:/usr/bin:/bin command -v "${command%% *}") \
  || fail "the desktop entry runs '$command', which is not on PATH"
dpkg -S "$binary" >/dev/null 2>&1 || fail "$binary does not come from the package"

# --- start the installed app as a user would, and quit it ----------------------------------------
descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }
env_of() { tr '\0' '\n' <"/proc/$1/environ" | sed -n "s/^$2=//p"; }

# start LOG [VAR=VALUE...]: the desktop entry's command under Xvfb with only a user's plain
# environment (nothing from this shell: no FACTDESK_DESK, no WebKit flag, no XDG overrides).
start() {
  local log=$1
  shift
  env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@" \
    xvfb-run -a -s "-screen 0 1280x800x24" $command >"$log" 2>&1 &
  runner=$!
  app_pid=
  for _ in $(seq 200); do
    app_pid=$(for p in $(descendants "$runner"); do
      [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$binary" ] && echo "$p"; done | head -1) || true
    [ -n "$app_pid" ] && break
    kill -0 "$runner" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$app_pid" ] || { cat "$log"; fail "the installed app did not start"; }
  # A debug build on a busy 2-core machine: allow a minute for the first frame.
  for _ in $(seq 600); do
    grep -q 'first frame' "$log" && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$log"; fail "the installed app exited before its first frame"; }
    sleep 0.1
  done
  grep -m1 'first frame' "$log" || { cat "$log"; fail "no first frame within 60 s"; }
}

# Ctrl+Q, as the writer quits; the app saves and exits, and xvfb-run passes on its status.
quit() {
  local display auth window status=0
  display=$(env_of "$app_pid" DISPLAY)
  auth=$(env_of "$app_pid" XAUTHORITY)
  window=$(DISPLAY=$display XAUTHORITY=$auth xdotool search --onlyvisible --pid "$app_pid" | head -1) \
    || fail "no window of the app on $display"
  # xdotool's own status says nothing: a quick app quits, and xvfb-run stops the X server, before
  # xdotool lets go of it ("X connection broken"). Whether the app quit is checked below.
  DISPLAY=$display XAUTHORITY=$auth xdotool windowfocus --sync "$window" key ctrl+q 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$app_pid" 2>/dev/null && fail "the app did not quit within 15 s of Ctrl+Q"
  app_pid=
  wait "$runner" || status=$?
  runner=
  [ "$status" = 0 ] || fail "the app quit with status $status"
}

start "$work/first.log"
[ "$(env_of "$app_pid" "$flag")" = 1 ] \
  || fail "the installed app runs without $flag=1 (make run sets it; the package must too)"
desk="$home/$data_dir/factdesk.sqlite"
[ -f "$desk" ] || fail "no desk at ~/$data_dir/factdesk.sqlite: $(find "$home" -type f | head)"
[ "$(sqlite3 "$desk" 'PRAGMA integrity_check')" = ok ] || fail "$desk fails its integrity check"
sqlite3 "$desk" 'SELECT count(*) FROM claims' >/dev/null || fail "$desk is not a Factdesk desk"
quit
echo "package test: started from '$command', first frame painted, desk at ~/$data_dir, quit cleanly"

# A value the user chose is theirs: the app must not overwrite it.
start "$work/second.log" "$flag=0"
[ "$(env_of "$app_pid" "$flag")" = 0 ] || fail "the app replaced the user's $flag=0"
quit
echo "package test: a user's own $flag=0 is kept"

# --- remove -------------------------------------------------------------------------------------
dpkg -r "$package" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -r failed"; }
installed=
dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' \
  && fail "dpkg still lists $package as installed"
left=$(for f in $deb_files; do [ -e "$f" ] && echo "$f"; done) || true
[ -z "$left" ] || fail "dpkg -r left these behind: $left"
[ -f "$desk" ] || fail "removing the package removed the user's desk"
echo "package test: dpkg -r removed every file it installed; the user's desk stays"
