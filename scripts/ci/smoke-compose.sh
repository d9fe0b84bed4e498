#!/usr/bin/env bash
# Runs the stack with compose.yaml (Debian's docker-compose) on the images built
# by scripts/ci/build-images.sh, with two backend replicas (--scale backend=2, as
# compose.yaml allows with no other change), checks it through the web app's port
# (verify-chatbot.sh, non-root containers, the task in PostgreSQL), checks the two
# replicas beside them (scripts/ci/check-replicas.py: a change through one reaches a
# stream on the other; reminders fire once across both), then runs the Playwright
# end-to-end suite against it, so the browser goes through the real nginx proxy to
# either replica. Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${COMPOSE_SMOKE_PORT:-18090}"
PROJECT="todo-ci-$$"
export FRONTEND_PORT="$PORT"
POSTGRES_PASSWORD="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
BETTER_AUTH_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# The e2e suite signs up many accounts from one address.
export SIGNUPS_PER_ADDRESS=100000
export POSTGRES_PASSWORD BETTER_AUTH_SECRET
compose() { docker-compose -p "$PROJECT" -f compose.yaml "$@"; }
cleanup() { compose down -v --remove-orphans >/dev/null 2>&1 || true; }
trap cleanup EXIT

# A run killed before its cleanup (SIGKILL, a stopped session) leaves its stack, which restarts
# with dockerd (restart: unless-stopped) and holds the port: take down every earlier CI stack first.
for stale in $(docker ps -a --filter label=com.docker.compose.project --format '{{.Label "com.docker.compose.project"}}' | grep '^todo-ci-' | sort -u || true); do
  echo "==> taking down $stale, left by an earlier run"
  docker-compose -p "$stale" -f compose.yaml down -v --remove-orphans >/dev/null 2>&1 || true
done

echo "==> docker-compose up"
compose up -d --no-build --scale backend=2
deadline=$((SECONDS + 90))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health")" = 200 ]; do
  if [ $SECONDS -ge $deadline ]; then compose ps; compose logs --tail 20; echo "compose stack not healthy" >&2; exit 1; fi
  sleep 1
done
[ "$(docker-compose -p "$PROJECT" ps -q migrate | xargs docker inspect --format '{{.State.ExitCode}}')" = 0 ] \
  || { echo "the migration step did not succeed" >&2; exit 1; }
echo "==> healthy through http://127.0.0.1:$PORT"
SKIP_KUBECTL=1 scripts/verify-chatbot.sh "http://127.0.0.1:$PORT"
for service in backend frontend; do
  for container in $(compose ps -q "$service"); do
    uid="$(docker exec "$container" id -u)"
    [ "$uid" != 0 ] || { echo "$service runs as root" >&2; exit 1; }
    echo "$service ($(docker inspect --format '{{.Name}}' "$container" | sed 's#^/##')) runs as uid $uid"
  done
done
count="$(docker exec "$(compose ps -q postgres)" psql -U todo -d todo -tAc "SELECT count(*) FROM tasks")"
[ "$count" -ge 1 ] || { echo "no task reached PostgreSQL" >&2; exit 1; }
echo "PostgreSQL holds $count task(s)"
echo "==> two backend replicas on one PostgreSQL"
mapfile -t backends < <(compose ps -q backend | xargs docker inspect --format '{{.Name}}' | sed 's#^/##')
[ "${#backends[@]}" = 2 ] || { echo "expected two backend containers, found ${#backends[@]}" >&2; exit 1; }
network="$(docker inspect --format '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}}{{end}}' "${backends[0]}")"
checked="$(docker run --rm --network "$network" --read-only --cap-drop ALL --user 65534:65534 \
  -v "$PWD/scripts/ci/check-replicas.py:/check-replicas.py:ro" --entrypoint python todo-backend:1.0.0 \
  /check-replicas.py "http://${backends[0]}:8000" "http://${backends[1]}:8000")" \
  || { echo "$checked"; echo "the replica check failed" >&2; exit 1; }
grep -v '^user ' <<<"$checked"
user="$(sed -n 's/^user //p' <<<"$checked")"
once="$(docker exec "$(compose ps -q postgres)" psql -U todo -d todo -tAc \
  "SELECT count(*) = count(DISTINCT task_id) AND count(*) > 0 FROM reminder_deliveries WHERE user_id = '$user'")"
[ "$once" = t ] || { echo "the delivery log does not hold one row per reminder" >&2; exit 1; }
echo "  ok  the delivery log holds one row per reminder"
echo "==> the Playwright suite through the compose stack's nginx"
(cd frontend && PLAYWRIGHT_BASE_URL="http://127.0.0.1:$PORT" npx playwright test)
echo "==> compose smoke test passed"
