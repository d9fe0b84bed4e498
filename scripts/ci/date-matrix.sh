#!/usr/bin/env bash
# Runs the backend tests marked `dates` again under other days and time zones, so that an
# expectation that only holds on the day it was written (or in UTC) fails here.
# Each line: the clock (TEST_NOW, an instant), the test users' zone (TEST_TIMEZONE, also the
# process's TZ), and why that moment.
# Usage: scripts/ci/date-matrix.sh [python]   (default: the project's virtual environment)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
python="${1:-${TODO_VENV:-$ROOT/.venv}/bin/python}"

moments=(
  "2026-12-06T12:00:00+00:00 UTC                 a Sunday"
  "2026-10-31T23:30:00+00:00 America/Los_Angeles the 31st, a month's end, the day before a DST change (16:30 local)"
  "2026-12-31T09:30:00+00:00 Pacific/Auckland    late evening on New Year's Eve (22:30 local, UTC+13)"
  "2026-12-09T06:30:00+00:00 America/Los_Angeles late evening on Tuesday, already Wednesday in UTC (22:30 local)"
  "2027-03-27T21:30:00+00:00 Europe/Berlin       late evening the day before the clocks go forward (22:30 local)"
)
for moment in "${moments[@]}"; do
  read -r now zone why <<<"$moment"
  printf '==> tests marked "dates" at %s in %s: %s\n' "$now" "$zone" "$why" >&2
  (cd "$ROOT/backend" && env -u TEST_DATABASE_URL TEST_NOW="$now" TEST_TIMEZONE="$zone" TZ="$zone" \
    "$python" -m pytest -q -p no:cacheprovider -m dates)
done
