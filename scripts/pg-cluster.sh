#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and CI, reached only through a Unix socket in DIR
# (no TCP port, so clusters of parallel test runs never collide).
#
#   scripts/pg-cluster.sh start DIR [WATCH_PID]   initdb (once) and start; prints the admin URL
#   scripts/pg-cluster.sh stop DIR                stop it (fast shutdown)
#
# With PG_TLS_PORT=N set, `start` also listens on 127.0.0.1:N with ssl=on and a self-signed
# certificate made here (DIR/server.crt, for localhost and 127.0.0.1), and its pg_hba.conf
# accepts TCP only over TLS (`hostssl`): for the team desk's TLS tests, never a real desk.
#
# With WATCH_PID, a detached watcher stops the cluster and deletes DIR once that process has
# exited, however it exits (a test binary that panics or is killed still leaves nothing running).
#
# `-A trust` lets any role connect over the socket: right for tests of row-level security (the
# tests connect as each role), never for a real team desk (see docs/team-desk.md).
# initdb refuses to run as root, so as root every server command runs as the `postgres` user.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
usage() { echo "usage: $0 start|stop DIR [WATCH_PID]" >&2; exit 64; }
[ $# -ge 2 ] || usage
cmd=$1
dir=$(realpath -m "$2")
watch_pid=${3:-}

if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL 15 is not installed: $PG_BIN/initdb is missing (apt-get install postgresql)" >&2
  exit 69
fi

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_server "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    opts="-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    port_param=
    if [ -n "${PG_TLS_PORT:-}" ]; then
      if [ ! -f "$dir/server.crt" ]; then
        as_server openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
          -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
          -keyout "$dir/server.key" -out "$dir/server.crt" >"$dir/openssl.log" 2>&1 \
          || { cat "$dir/openssl.log" >&2; exit 1; }
        chmod 644 "$dir/server.crt"
        printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n' \
          | as_server tee "$dir/data/pg_hba.conf" >/dev/null
      fi
      opts="-k $dir -p $PG_TLS_PORT -c listen_addresses=127.0.0.1 -c ssl=on"
      opts+=" -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
      opts+=" -c fsync=off -c full_page_writes=off"
      port_param="&port=$PG_TLS_PORT"
    fi
    as_server "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
      -o "$opts" start >/dev/null \
      || { echo "PostgreSQL did not start; its log ($dir/log):" >&2; cat "$dir/log" >&2; exit 1; }
    if [ -n "$watch_pid" ]; then
      setsid bash -c '
        while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
        "$0" stop "$2" >/dev/null 2>&1 || true
        rm -rf "$2"
      ' "$0" "$watch_pid" "$dir" </dev/null >/dev/null 2>&1 &
    fi
    echo "postgres:///postgres?host=$dir&user=postgres$port_param"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_server "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *) usage ;;
esac
