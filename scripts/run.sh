#!/usr/bin/env bash
# Runs todo-chatbot on this machine: the web app and the API on one port, a SQLite
# file database and the offline agent; no keys needed.
# Settings come from the environment or a .env file (see .env.example).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_backend ""
if ensure_frontend_build; then
  export FRONTEND_DIST="$ROOT/frontend/dist"
else
  say "Node.js/npm not found: serving the API only (the web app needs Node.js 20+ to build)"
fi
cd "$ROOT"
say "starting todo-chatbot on http://localhost:${PORT:-8000} (Ctrl+C stops it)"
exec "$VENV/bin/todo-chatbot" serve "$@"
