#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL server for the tests: its own data
# directory under /tmp, loopback only, trust authentication, a random port.
#   throwaway-postgres.sh start PG_BIN_DIR   -> prints the database URL
#   throwaway-postgres.sh stop                  (the server and its data)
# For fault tests and benchmarks, the same server, its data kept:
#   throwaway-postgres.sh restart               (pg_ctl restart -m fast: every connection ends)
#   throwaway-postgres.sh down                  (stopped, fast: every connection ends)
#   throwaway-postgres.sh up                    (started again on the same port)
# THROWAWAY_PG_DIR: where its state lives (default $TMPDIR/todo-chatbot-test-pg), so that
# several servers can run at once; THROWAWAY_PG_FSYNC=on: durable writes (default off).
set -euo pipefail

STATE="${THROWAWAY_PG_DIR:-${TMPDIR:-/tmp}/todo-chatbot-test-pg}"

as_owner() {
  # PostgreSQL refuses to run as root: root runs it as the postgres user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ctl_() {
  as_owner "$(cat "$STATE/bin")/pg_ctl" -D "$STATE/data" "$@"
}

case "${1:-}" in
  start)
    bin="$2"
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$STATE"
    if [ "$(id -u)" = 0 ]; then chown postgres "$STATE"; fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_owner "$bin/initdb" -D "$STATE/data" -U todo --auth=trust -E UTF8 >"$STATE/initdb.log" 2>&1 \
      || { cat "$STATE/initdb.log" >&2; exit 1; }
    echo "-p $port -k $STATE -c listen_addresses=127.0.0.1 -c fsync=${THROWAWAY_PG_FSYNC:-off} -c max_connections=200" >"$STATE/options"
    echo "$bin" >"$STATE/bin"
    pg_ctl_ -l "$STATE/server.log" -w -o "$(cat "$STATE/options")" start >/dev/null \
      || { cat "$STATE/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U todo todo
    echo "postgresql://todo@127.0.0.1:$port/todo"
    ;;
  stop)
    [ -f "$STATE/bin" ] || exit 0
    pg_ctl_ -m fast stop >/dev/null 2>&1 || true
    rm -rf "$STATE"
    ;;
  restart)
    pg_ctl_ -m fast -w -l "$STATE/server.log" -o "$(cat "$STATE/options")" restart >/dev/null
    ;;
  down)
    pg_ctl_ -m fast -w stop >/dev/null
    ;;
  up)
    pg_ctl_ -w -l "$STATE/server.log" -o "$(cat "$STATE/options")" start >/dev/null
    ;;
  *)
    echo "usage: $0 start PG_BIN_DIR | stop | restart | down | up" >&2
    exit 2
    ;;
esac
