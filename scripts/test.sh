#!/usr/bin/env bash
# Runs the whole test suite: the backend on SQLite, then on PostgreSQL.
# PostgreSQL: TEST_DATABASE_URL if set, else a throwaway server started here
# when PostgreSQL's server programs are installed (Debian: apt-get install postgresql).
# Extra arguments go to pytest.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_backend test
cd "$ROOT/backend"

say "backend tests on SQLite"
env -u TEST_DATABASE_URL "$VENV/bin/python" -m pytest -q "$@"

pg_url="${TEST_DATABASE_URL:-}"
if [ -z "$pg_url" ]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$pg_bin" ] && command -v initdb >/dev/null; then pg_bin="$(dirname "$(command -v initdb)")"; fi
  if [ -z "$pg_bin" ]; then
    [ -z "${REQUIRE_POSTGRES:-}" ] || die "PostgreSQL is required here but not installed"
    say "PostgreSQL is not installed: skipped the PostgreSQL run (apt-get install postgresql, or set TEST_DATABASE_URL)"
    exit 0
  fi
  pg_url="$("$ROOT/scripts/ci/throwaway-postgres.sh" start "$pg_bin")"
  trap '"$ROOT/scripts/ci/throwaway-postgres.sh" stop' EXIT
fi

say "backend tests on PostgreSQL"
TEST_DATABASE_URL="$pg_url" "$VENV/bin/python" -m pytest -q "$@"
