#!/usr/bin/env bash
# Runs todo-chatbot on this machine: the web app and the API on one port, a SQLite
# file database and the offline agent; no keys needed.
# Settings come from the environment or a .env file (see .env.example); arguments
# go to `todo-chatbot serve` (--host, --port, --workers N), e.g. PORT=8080 scripts/run.sh.
# It listens on this machine only (127.0.0.1) unless HOST or --host says otherwise
# (HOST=0.0.0.0 scripts/run.sh lets other machines reach it).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_backend ""
for arg in "$@"; do
  case "$arg" in -h|--help) exec "$VENV/bin/todo-chatbot" serve --help ;; esac
done
if ensure_frontend_build; then
  export FRONTEND_DIST="$ROOT/frontend/dist"
else
  say "Node.js/npm not found: serving the API only (the web app needs Node.js 20+ to build)"
fi
cd "$ROOT"
# The address the server will really use (PORT, HOST, .env, --port, --host; with none
# of them, this machine only: 127.0.0.1), and how a desktop MCP client starts the tools here.
info="$("$VENV/bin/python" "$ROOT/scripts/run-info.py" --command "$VENV/bin/todo-chatbot" --local "$@")"
{ read -r url; read -r host; read -r reach || true; } <<<"$info"
say "starting todo-chatbot: open $url (Ctrl+C stops it)"
if [ -n "$reach" ]; then say "$reach"; fi
exec "$VENV/bin/todo-chatbot" serve --host "$host" "$@"
