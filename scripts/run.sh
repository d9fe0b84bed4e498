#!/usr/bin/env bash
# Runs todo-chatbot on this machine: SQLite file database, offline agent, no keys needed.
# Settings come from the environment or a .env file (see .env.example).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_backend
cd "$ROOT"
say "starting todo-chatbot on http://localhost:${PORT:-8000} (Ctrl+C stops it)"
exec "$VENV/bin/todo-chatbot" serve "$@"
