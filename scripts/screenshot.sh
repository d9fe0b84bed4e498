#!/usr/bin/env bash
# Writes docs/screenshot.png and docs/shortcuts.png (or the paths given): the web app, built from
# the current sources, signed in as a plausible person with a realistic week's list, and its
# keyboard shortcuts overlay. Run it when the app's look changes and commit the pictures; the test
# suite never rewrites them.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_backend ""
ensure_frontend_build || die "Node.js 20+ and npm are needed to build the web app"
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || die "Chromium is needed (apt-get install chromium, or set CHROMIUM_PATH)"
TODO_VENV="$VENV" node "$ROOT/scripts/screenshot.mjs" "$@"
