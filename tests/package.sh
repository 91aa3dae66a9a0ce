#!/usr/bin/env bash
# Installs the Factdesk .deb into this system with dpkg, as a user would (so it runs as root, which
# CI is), and checks what that user would:
#   - the .rpm holds the same files as the .deb (`rpm -qlp`);
#   - the desktop entry (launched by GLib's `gio launch`, as a desktop does) starts the INSTALLED
#     app under Xvfb, from a fresh HOME, and its first frame is painted (the page's `app_ready`
#     call logs "first frame", as tests/measure.sh reads it);
#   - the app runs with the WebKit flag `make run` sets, from the entry (cheaply, no restart) and
#     from a terminal (the app restarts itself with it), unless the user set it otherwise;
#   - the desk lands in the user's data folder (~/.local/share/org.factdesk.desk) and is a desk;
#   - Ctrl+Q quits it (with status 0 from a terminal), and `dpkg -r` removes every file the
#     package brought while the user's desk stays.
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
xvfb=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$runner" ]; then wait "$runner" 2>/dev/null || true; fi
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi
  if [ -n "$installed" ]; then dpkg -r "$package" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
installed=1

entry=$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -1)
[ -n "$entry" ] || fail "the package installs no desktop entry"
binary=$(dpkg -L "$package" | grep '^/usr/bin/' | head -1)
[ -x "$binary" ] || fail "the package installs no program in /usr/bin"

# --- start the installed app as a user would, and quit it ----------------------------------------
# One X server for the whole test; -displayfd picks a free display (others may run Xvfb too).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
display=":$(head -1 "$work/display")"

env_of() { tr '\0' '\n' <"/proc/$1/environ" | sed -n "s/^$2=//p"; }
# Only a user's plain environment: nothing from this shell (no FACTDESK_DESK, no WebKit flag,
# no XDG overrides), a fresh HOME.
# (An array, not a function: a backgrounded function is a subshell, and $! would name it.)
as_user=(env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display")

# launch_entry LOG [VAR=VALUE...]: what a desktop does with the menu entry (GLib's launcher).
launch_entry() {
  local log=$1 p
  shift
  "${as_user[@]}" "$@" gio launch "$entry" >"$log" 2>&1 || { cat "$log"; fail "gio launch $entry failed"; }
  runner=
  app_pid=
  for _ in $(seq 200); do
    for p in $(pgrep -x "$(basename "$binary")"); do
      [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$binary" ] && [ "$(env_of "$p" HOME)" = "$home" ] \
        && app_pid=$p
    done
    [ -n "$app_pid" ] && break
    sleep 0.1
  done
  [ -n "$app_pid" ] || { cat "$log"; fail "the desktop entry did not start $binary"; }
}

# launch_terminal LOG [VAR=VALUE...]: the program typed in a terminal.
launch_terminal() {
  local log=$1
  shift
  "${as_user[@]}" "$@" "$(basename "$binary")" >"$log" 2>&1 &
  runner=$!
  app_pid=$runner
}

first_frame() {
  local log=$1
  # A debug build on a busy 2-core machine: allow a minute for the first frame.
  for _ in $(seq 600); do
    grep -q 'first frame' "$log" && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$log"; fail "the installed app exited before its first frame"; }
    sleep 0.1
  done
  grep -m1 'first frame' "$log" || { cat "$log"; fail "no first frame within 60 s"; }
}

# quit [any-status]: Ctrl+Q, as the writer quits: the app saves and exits with status 0 (checked
# when it is our child). any-status: with compositing on (the user's own =0) WebKitGTK without a
# GPU sometimes crashes at exit (status 139 in 1 of 3 release runs): reported, not failed, since
# that run checks only that the user's value is kept.
quit() {
  local window status=0 any=${1:-}
  window=$(DISPLAY=$display xdotool search --onlyvisible --pid "$app_pid" | head -1) \
    || fail "no window of the app on $display"
  DISPLAY=$display xdotool windowfocus --sync "$window" key ctrl+q
  for _ in $(seq 150); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$app_pid" 2>/dev/null && fail "the app did not quit within 15 s of Ctrl+Q"
  app_pid=
  if [ -n "$runner" ]; then
    wait "$runner" || status=$?
    runner=
    if [ "$status" != 0 ] && [ -n "$any" ]; then
      echo "package test: note: with compositing on, the app ended with status $status" >&2
    elif [ "$status" != 0 ]; then
      fail "the app quit with status $status"
    fi
  fi
}

restarts="restarting with $flag=1"

launch_entry "$work/entry.log"
first_frame "$work/entry.log"
[ "$(env_of "$app_pid" "$flag")" = 1 ] \
  || fail "the app started from its desktop entry runs without $flag=1 (make run sets it)"
grep -q "$restarts" "$work/entry.log" \
  && fail "the desktop entry left $flag to the app's slower restart"
desk="$home/$data_dir/factdesk.sqlite"
[ -f "$desk" ] || fail "no desk at ~/$data_dir/factdesk.sqlite: $(find "$home" -type f | head)"
[ "$(sqlite3 "$desk" 'PRAGMA integrity_check')" = ok ] || fail "$desk fails its integrity check"
sqlite3 "$desk" 'SELECT count(*) FROM claims' >/dev/null || fail "$desk is not a Factdesk desk"
quit
echo "package test: the desktop entry started $binary with $flag=1; first frame painted," \
  "desk at ~/$data_dir; Ctrl+Q quit it"

launch_terminal "$work/terminal.log"
first_frame "$work/terminal.log"
[ "$(env_of "$app_pid" "$flag")" = 1 ] || fail "started from a terminal, the app runs without $flag=1"
grep -q "$restarts" "$work/terminal.log" || fail "the app did not say it restarted with $flag=1"
quit
echo "package test: from a terminal the app sets $flag=1 itself, and quits with status 0"

# A value the user chose is theirs: neither the entry nor the app may overwrite it.
launch_entry "$work/own.log" "$flag=0"
first_frame "$work/own.log"
[ "$(env_of "$app_pid" "$flag")" = 0 ] || fail "the desktop entry replaced the user's $flag=0"
quit
launch_terminal "$work/own-terminal.log" "$flag=0"
first_frame "$work/own-terminal.log"
[ "$(env_of "$app_pid" "$flag")" = 0 ] || fail "the app replaced the user's $flag=0"
quit any-status
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
