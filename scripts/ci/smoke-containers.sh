#!/usr/bin/env bash
# Proves the two images on a real Docker engine, the way the plan runs them:
#   1. PostgreSQL, the backend (alias todo-chatbot-backend) and the frontend on one
#      network; both app containers read-only, all capabilities dropped, no new privileges;
#   2. through the frontend's published port only: the app, /health, sign-up,
#      a chat turn "add buy milk", and the task in PostgreSQL;
#   3. both containers non-root; no secret-looking value in image history or config;
#   4. the backend stopped (a clean exit on SIGTERM): /health answers 502/503 within 5 s; started again:
#      healthy within 10 s and the task still there;
#   5. the web app's Content-Security-Policy: its own origin only (the reminders' /sw.js too), OpenAI's ChatKit origins
#      with CHATKIT_DOMAIN_KEY, and a CHATKIT_ORIGINS that could end the header refused;
#   6. image sizes and the bytes each adds over its base.
# Expects the images built (scripts/ci/build-images.sh); BACKEND_IMAGE and FRONTEND_IMAGE
# name others (default todo-backend:1.0.0, todo-frontend:1.0.0). Leaves nothing running.
set -euo pipefail

DOCKER="${DOCKER:-/usr/bin/docker}"
PORT="${SMOKE_PORT:-18080}"
NET=todo-smoke-$$
BASE="http://127.0.0.1:$PORT"
PG_PASSWORD="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
AUTH_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DB_URL="postgresql://todo:$PG_PASSWORD@smoke-pg-$$:5432/todo"
BACKEND_IMAGE="${BACKEND_IMAGE:-todo-backend:1.0.0}"
FRONTEND_IMAGE="${FRONTEND_IMAGE:-todo-frontend:1.0.0}"
HARDENED=(--read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges)

say() { printf '\n==> %s\n' "$*"; }
fail() { printf 'SMOKE TEST FAILED: %s\n' "$*" >&2; dump; exit 1; }
dump() {
  for c in "smoke-be-$$" "smoke-fe-$$"; do
    echo "--- logs of $c (last 15 lines)" >&2
    "$DOCKER" logs --tail 15 "$c" >&2 2>&1 || true
  done
}
cleanup() {
  "$DOCKER" rm -f "smoke-pg-$$" "smoke-be-$$" "smoke-fe-$$" "smoke-ck-$$" >/dev/null 2>&1 || true
  "$DOCKER" network rm "$NET" >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_for() {  # wait_for SECONDS URL -> 0 when it answers 200
  local deadline=$((SECONDS + $1))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$2")" = 200 ]; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

say "1. PostgreSQL, migrations, backend and frontend on network $NET"
"$DOCKER" network create "$NET" >/dev/null
"$DOCKER" run -d --name "smoke-pg-$$" --network "$NET" \
  -e POSTGRES_USER=todo -e POSTGRES_DB=todo -e POSTGRES_PASSWORD="$PG_PASSWORD" postgres:16 >/dev/null
for _ in $(seq 1 60); do
  "$DOCKER" exec "smoke-pg-$$" pg_isready -U todo -d todo -h 127.0.0.1 >/dev/null 2>&1 && break
  sleep 0.5
done
"$DOCKER" run --rm --network "$NET" "${HARDENED[@]}" -e DATABASE_URL="$DB_URL" -e LOG_LEVEL=WARNING \
  "$BACKEND_IMAGE" todo-chatbot db upgrade || fail "migrations"
"$DOCKER" run -d --name "smoke-be-$$" --network "$NET" --network-alias todo-chatbot-backend "${HARDENED[@]}" \
  -e DATABASE_URL="$DB_URL" -e BETTER_AUTH_SECRET="$AUTH_SECRET" "$BACKEND_IMAGE" >/dev/null
"$DOCKER" run -d --name "smoke-fe-$$" --network "$NET" -p "127.0.0.1:$PORT:8080" "${HARDENED[@]}" \
  "$FRONTEND_IMAGE" >/dev/null
wait_for 30 "$BASE/health" || fail "the stack did not become healthy through the frontend"

say "2. through the frontend's port only"
page="$(curl -sf "$BASE/")" || fail "GET / failed"
grep -q '<div id="root">' <<<"$page" || fail "GET / is not the app"
curl -sf "$BASE/some/client/route" | grep -q '<div id="root">' || fail "no SPA fallback"
health="$(curl -s "$BASE/health")"
[ "$health" = '{"status":"healthy","database":"connected"}' ] || fail "health: $health"
headers="$(curl -sI "$BASE/")"
for h in "content-security-policy: default-src 'self'" "x-content-type-options: nosniff" "frame-ancestors 'none'" "cache-control: no-cache"; do
  grep -qi "$h" <<<"$headers" || fail "missing header: $h"
done
asset="$(grep -o '/assets/[^"]*\.js' <<<"$page" | head -n 1)"
curl -sI -H 'Accept-Encoding: gzip' "$BASE$asset" | grep -qi 'content-encoding: gzip' || fail "assets not gzipped"
curl -sI "$BASE$asset" | grep -qi 'max-age=31536000' || fail "assets not cached long"
signup="$(curl -sf -X POST "$BASE/api/auth/signup" -H 'content-type: application/json' \
  -d '{"email":"smoke@example.com","password":"smoke password"}')" || fail "sign-up"
token="$(json '["access_token"]' <<<"$signup")"
user="$(json '["user"]["id"]' <<<"$signup")"
reply="$(curl -sf -X POST "$BASE/api/$user/chat" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"message":"add buy milk"}')" || fail "chat"
echo "chat reply: $(json '["response"]' <<<"$reply")"
stream="$(curl -sfN -X POST "$BASE/api/$user/chat/stream" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"message":"what is still open?"}')" || fail "chat stream"
grep -q '^event: done' <<<"$stream" || fail "the stream did not finish through the proxy"
titles="$("$DOCKER" exec "smoke-pg-$$" psql -U todo -d todo -tAc "SELECT title FROM tasks")"
[ "$titles" = "Buy milk" ] || fail "PostgreSQL holds: $titles"
echo "PostgreSQL holds the task: $titles"
# the event stream passes the proxy unbuffered: a change shows up while the stream is open
events="$(mktemp)"
curl -sN --max-time 6 "$BASE/api/$user/events" -H "Authorization: Bearer $token" >"$events" &
events_pid=$!
for _ in $(seq 1 30); do grep -q '^: connected' "$events" && break; sleep 0.1; done
curl -sf -X POST "$BASE/api/$user/tasks" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"title":"Water the ferns"}' >/dev/null || fail "add a task"
for _ in $(seq 1 30); do grep -q '^event: tasks' "$events" && break; sleep 0.1; done
grep -q '^event: tasks' "$events" || { cat "$events"; fail "the event stream did not pass the proxy as it happened"; }
echo "event stream through the proxy: $(grep -m1 '^data:' "$events")"
wait "$events_pid" || true
rm -f "$events"

say "3. non-root, and no secrets in the images"
for c in "smoke-be-$$" "smoke-fe-$$"; do
  uid="$("$DOCKER" exec "$c" id -u)"
  [ "$uid" != 0 ] || fail "$c runs as root"
  echo "$c runs as uid $uid"
done
for image in "$BACKEND_IMAGE" "$FRONTEND_IMAGE"; do
  meta="$("$DOCKER" history --no-trunc --format '{{.CreatedBy}}' "$image"; "$DOCKER" image inspect "$image")"
  if grep -Eio '(secret|password|passwd|api_key|apikey|token|database_url)[a-z_]*["]?[=:] ?"?[^" ,$]{6,}' <<<"$meta" \
      | grep -v -e 'NGINX_ENVSUBST' ; then
    fail "$image carries a secret-looking value"
  fi
  for value in "$PG_PASSWORD" "$AUTH_SECRET"; do
    ! grep -q "$value" <<<"$meta" || fail "$image contains a run-time secret"
  done
  echo "$image: no secret-looking values in history or config"
done

say "4. the backend goes away and comes back"
"$DOCKER" stop -t 10 "smoke-be-$$" >/dev/null
exit_code="$("$DOCKER" inspect --format '{{.State.ExitCode}}' "smoke-be-$$")"
[ "$exit_code" = 0 ] || fail "the backend did not shut down cleanly on SIGTERM (exit $exit_code)"
echo "the backend shut down cleanly on SIGTERM (exit 0)"
start=$(date +%s%N)
code="$(curl -s -o /tmp/smoke-health-$$ -w '%{http_code}' --max-time 10 "$BASE/health")"
took=$(( ($(date +%s%N) - start) / 1000000 ))
echo "/health with the backend stopped: $code in ${took} ms: $(cat /tmp/smoke-health-$$)"; rm -f /tmp/smoke-health-$$
[[ "$code" =~ ^50[23]$ ]] || fail "expected 502/503, got $code"
[ "$took" -lt 5000 ] || fail "took ${took} ms"
"$DOCKER" start "smoke-be-$$" >/dev/null
start=$(date +%s%N)
wait_for 10 "$BASE/health" || fail "not healthy within 10 s of restart"
echo "healthy again after $(( ($(date +%s%N) - start) / 1000000 )) ms"
tasks="$(curl -sf "$BASE/api/$user/tasks" -H "Authorization: Bearer $token")"
[ "$(json '[0]["title"]' <<<"$tasks")" = "Buy milk" ] || fail "the task is gone: $tasks"
echo "the task survived: Buy milk"

say "5. the web app's Content-Security-Policy, with ChatKit off and on"
csp() { curl -s -D - -o /dev/null "$1" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ss]ecurity-[Pp]olicy: //p'; }
policy="$(csp "$BASE/")"
echo "off: $policy"
if ! grep -q "script-src 'self' ;" <<<"$policy" || grep -q "https://" <<<"$policy"; then
  fail "ChatKit off, yet the CSP allows more than the page's own origin: $policy"
fi
# the reminders' service worker: served from the app's own files, as JavaScript, under the same policy
worker="$(curl -s -D - -o /dev/null "$BASE/sw.js" | tr -d '\r')"
grep -qiE '^content-type: (application|text)/javascript' <<<"$worker" || fail "/sw.js is not served as JavaScript: $worker"
grep -q "script-src 'self'" <<<"$worker" || fail "/sw.js comes without the app's CSP: $worker"
echo "/sw.js: JavaScript, under the app's policy (script-src 'self' covers workers)"
"$DOCKER" run -d --name "smoke-ck-$$" --network "$NET" -p "127.0.0.1:$((PORT + 1)):8080" "${HARDENED[@]}" \
  -e CHATKIT_DOMAIN_KEY=domain_pk_smoke "$FRONTEND_IMAGE" >/dev/null
wait_for 30 "http://127.0.0.1:$((PORT + 1))/healthz" || fail "the frontend with ChatKit on did not start"
policy="$(csp "http://127.0.0.1:$((PORT + 1))/")"
echo "on:  $policy"
for directive in script-src frame-src connect-src; do
  grep -q "$directive 'self' https://cdn.platform.openai.com https://api.openai.com;" <<<"$policy" \
    || fail "ChatKit on, but $directive does not allow OpenAI's ChatKit origins: $policy"
done
"$DOCKER" rm -f "smoke-ck-$$" >/dev/null
if "$DOCKER" run --rm "${HARDENED[@]}" -e 'CHATKIT_ORIGINS=https://a.example;script-src *' "$FRONTEND_IMAGE" \
  >/tmp/smoke-ck-$$ 2>&1; then
  fail "a CHATKIT_ORIGINS that would end the header was accepted"
fi
grep -q "is not an https:// origin" /tmp/smoke-ck-$$ || fail "no clear refusal: $(cat /tmp/smoke-ck-$$)"
echo "refused: $(grep -o "CHATKIT_ORIGINS: .*" /tmp/smoke-ck-$$)"; rm -f /tmp/smoke-ck-$$

say "6. image sizes"
base_of() { sed -n "s/^ARG $2=//p" "$(dirname "$0")/../../docker/$1/Dockerfile"; } # the base image a Dockerfile names
for pair in "$BACKEND_IMAGE $(base_of backend PYTHON_IMAGE)" "$FRONTEND_IMAGE $(base_of frontend NGINX_IMAGE)"; do
  read -r image base <<<"$pair"
  size=$("$DOCKER" image inspect --format '{{.Size}}' "$image")
  base_size=$("$DOCKER" image inspect --format '{{.Size}}' "$base")
  printf '%-22s %7.1f MB in all, %7.2f MB over %s\n' "$image" "$(bc -l <<<"$size/1000000")" \
    "$(bc -l <<<"($size-$base_size)/1000000")" "$base"
done
say "container smoke test passed"
