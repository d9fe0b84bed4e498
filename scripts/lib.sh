# Shared by the scripts in this folder: the project's Python environment.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TODO_VENV:-$ROOT/.venv}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Creates the virtual environment (once) and installs the backend into it.
ensure_backend() {
  local extras="${1:-}"
  command -v python3 >/dev/null || die "python3 (3.11 or newer) is needed"
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11 or newer is needed"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.installed$extras"
  # an install with the test extras also holds everything the plain one needs
  if [ -z "$extras" ] && [ -f "$VENV/.installedtest" ] && [ "$VENV/.installedtest" -nt "$ROOT/backend/pyproject.toml" ]; then
    return 0
  fi
  if [ ! -f "$stamp" ] || [ "$ROOT/backend/pyproject.toml" -nt "$stamp" ] || [ "$ROOT/backend/requirements.lock" -nt "$stamp" ]; then
    say "installing the backend${extras:+ with $extras}"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    # The runtime dependencies at the versions the image ships (backend/requirements.lock),
    # so what is tested is what runs. setuptools explains editable installs in a banner on
    # every install: that one warning is filtered out (by its text); every other one shows.
    PYTHONWARNINGS="ignore:Editable installation" \
      "$VENV/bin/python" -m pip install -q -c "$ROOT/backend/requirements.lock" -e "$ROOT/backend${extras:+[$extras]}"
    touch "$stamp"
  fi
}

# Installs the frontend's packages (npm ci) when the lock file changed.
ensure_frontend_packages() {
  local dir="$ROOT/frontend"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the frontend's packages"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Builds the web app when its sources changed. Returns non-zero without Node.js.
ensure_frontend_build() {
  command -v npm >/dev/null || return 1
  local dir="$ROOT/frontend"
  ensure_frontend_packages
  if [ ! -f "$dir/dist/index.html" ] || [ -n "$(find "$dir/src" "$dir/index.html" "$dir/package.json" -newer "$dir/dist/index.html" -print -quit)" ]; then
    say "building the web app"
    (cd "$dir" && npm run build --silent)
  fi
}
