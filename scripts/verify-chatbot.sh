#!/usr/bin/env bash
# Checks a running todo-chatbot end to end through its web address:
#   health, remote MCP's OAuth discovery naming this address (PUBLIC_URL), sign-up, a chat turn that adds a task,
#   the task list, a reminder on the event stream, and - when kubectl can reach the cluster - that the task survives deleting the backend pod.
# Usage: scripts/verify-chatbot.sh BASE_URL   (e.g. the URL scripts/deploy-minikube.sh prints)
# Environment: NAMESPACE (default: default), RELEASE (default: todo-chatbot), SKIP_KUBECTL=1.
# Exits non-zero with the reason on the first failure.
set -euo pipefail

if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] || [ $# -ne 1 ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  [ $# -eq 1 ] && exit 0 || exit 2
fi
BASE="${1%/}"
NAMESPACE="${NAMESPACE:-default}"
RELEASE="${RELEASE:-todo-chatbot}"

ok() { printf '  ok  %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 is needed"; }
need curl
need python3
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)" 2>/dev/null; }
call() {  # call METHOD PATH [BODY] -> prints the body; fails on a non-2xx status
  local method="$1" path="$2" body="${3:-}" out code
  out="$(mktemp)"
  code="$(curl -sS -o "$out" -w '%{http_code}' --max-time 30 -X "$method" "$BASE$path" \
    -H 'content-type: application/json' ${TOKEN:+-H "Authorization: Bearer $TOKEN"} ${body:+-d "$body"})" \
    || { rm -f "$out"; fail "$method $path: no answer from $BASE"; }
  if [ "${code:0:1}" != 2 ]; then
    local detail
    detail="$(cat "$out")"
    rm -f "$out"
    fail "$method $path answered $code: $detail"
  fi
  cat "$out"
  rm -f "$out"
}

echo "verifying the chatbot at $BASE"
health="$(call GET /health)"
[ "$(json '["status"]' <<<"$health")" = healthy ] || fail "/health: $health"
ok "health: $health"

page="$(curl -sS --max-time 10 "$BASE/")" || fail "GET / failed"
grep -q 'id="root"' <<<"$page" || fail "GET / did not serve the web app"
ok "the web app is served"

# Remote MCP with OAuth, through the proxy: the backend's discovery documents (not the web app's
# page), naming this very address, as OAuth clients given $BASE/mcp require.
resource="$(json '["resource"]' <<<"$(call GET /.well-known/oauth-protected-resource/mcp)")"
[ "$resource" = "$BASE/mcp" ] \
  || fail "the server names $resource as its MCP address, not $BASE/mcp: set PUBLIC_URL (the chart's config.publicUrl) to $BASE"
issuer="$(json '["issuer"]' <<<"$(call GET /.well-known/oauth-authorization-server)")"
[ "$issuer" = "$BASE" ] || fail "the OAuth issuer is $issuer, not $BASE"
challenge="$(curl -sS -o /dev/null -D - --max-time 10 -X POST "$BASE/mcp" | tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p')"
grep -q "resource_metadata=\"$BASE/.well-known/oauth-protected-resource/mcp\"" <<<"$challenge" \
  || fail "POST /mcp without a token did not point to the resource metadata: $challenge"
signin="$(curl -sS --max-time 10 "$BASE/oauth/authorize")" || fail "GET /oauth/authorize failed"
grep -q "Unknown app" <<<"$signin" || fail "/oauth/authorize is not the backend's sign-in page: $(head -c 200 <<<"$signin")"
ok "remote MCP: OAuth discovery and sign-in at $BASE/mcp"

email="verify-$(date +%s)-$RANDOM@example.com"
signup="$(call POST /api/auth/signup "{\"email\":\"$email\",\"password\":\"verify password 123\"}")"
TOKEN="$(json '["access_token"]' <<<"$signup")"
user="$(json '["user"]["id"]' <<<"$signup")"
if [ -z "$TOKEN" ] || [ -z "$user" ]; then fail "sign-up gave no token: $signup"; fi
ok "signed up $email"

title="verify task $RANDOM"
reply="$(call POST "/api/$user/chat" "{\"message\":\"add $title\"}")"
ok "chat: $(json '["response"]' <<<"$reply")"

tasks="$(call GET "/api/$user/tasks")"
python3 -c "import json,sys; sys.exit(0 if any(t['title'].lower() == sys.argv[1] for t in json.load(sys.stdin)) else 1)" \
  "$title" <<<"$tasks" || fail "the task is not in the list: $tasks"
ok "the task is in the list"

# A reminder a few seconds ahead fires on the open event stream, through the proxy, unbuffered.
events="$(mktemp)"
curl -sN --max-time 40 "$BASE/api/$user/events" -H "Authorization: Bearer $TOKEN" >"$events" 2>/dev/null &
events_pid=$!
for _ in $(seq 1 50); do grep -q '^: connected' "$events" && break; sleep 0.2; done
grep -q '^: connected' "$events" || { kill "$events_pid" 2>/dev/null; fail "the event stream did not open: $(cat "$events")"; }
moment="$(python3 -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) + d.timedelta(seconds=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
call POST "/api/$user/tasks" "{\"title\":\"verify reminder\",\"reminder\":{\"at\":\"$moment\"}}" >/dev/null
deadline=$((SECONDS + 30))
until grep -q '^event: reminder' "$events"; do
  [ $SECONDS -lt $deadline ] || { kill "$events_pid" 2>/dev/null; fail "no reminder on the event stream within 30 s: $(cat "$events")"; }
  sleep 0.5
done
kill "$events_pid" 2>/dev/null || true
rm -f "$events"
ok "a reminder fired on the event stream"

if [ -z "${SKIP_KUBECTL:-}" ] && command -v kubectl >/dev/null && kubectl version --request-timeout=5s >/dev/null 2>&1; then
  selector="app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/component=backend"
  pods="$(kubectl get pods -n "$NAMESPACE" -l "$selector" -o name)"
  [ -n "$pods" ] || fail "no backend pod found in namespace $NAMESPACE"
  echo "  ..  deleting $(wc -w <<<"$pods") backend pod(s) to check nothing is lost"
  # shellcheck disable=SC2086 # one argument per pod
  kubectl delete -n "$NAMESPACE" --wait=true $pods >/dev/null
  kubectl rollout status -n "$NAMESPACE" "deployment/$RELEASE-backend" --timeout=180s >/dev/null \
    || fail "the backend did not come back"
  deadline=$((SECONDS + 120))
  until tasks="$(call GET "/api/$user/tasks" 2>/dev/null)"; do
    [ $SECONDS -lt $deadline ] || fail "the API did not answer after the pod was replaced"
    sleep 2
  done
  grep -q "$title" <<<"$tasks" || fail "the task did not survive the pod deletion"
  ok "the task survived deleting the backend pod"
else
  echo "  --  kubectl has no cluster (or SKIP_KUBECTL): pod-deletion check skipped"
fi
echo "all checks passed"
