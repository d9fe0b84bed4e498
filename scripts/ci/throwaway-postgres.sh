#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL server for the tests: its own data
# directory under /tmp, loopback only, trust authentication, a random port.
#   throwaway-postgres.sh start PG_BIN_DIR   -> prints the database URL
#   throwaway-postgres.sh stop
set -euo pipefail

STATE="${TMPDIR:-/tmp}/todo-chatbot-test-pg"

as_owner() {
  # PostgreSQL refuses to run as root: root runs it as the postgres user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
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
    as_owner "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w \
      -o "-p $port -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$STATE/server.log" >&2; exit 1; }
    echo "$bin" >"$STATE/bin"
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U todo todo
    echo "postgresql://todo@127.0.0.1:$port/todo"
    ;;
  stop)
    [ -f "$STATE/bin" ] || exit 0
    as_owner "$(cat "$STATE/bin")/pg_ctl" -D "$STATE/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$STATE"
    ;;
  *)
    echo "usage: $0 start PG_BIN_DIR | stop" >&2
    exit 2
    ;;
esac
