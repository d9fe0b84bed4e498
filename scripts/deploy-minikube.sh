#!/usr/bin/env bash
# Deploys todo-chatbot to Minikube, from a fresh clone to a working URL:
#   1. checks the tools (minikube, kubectl, helm, docker, curl);
#   2. starts Minikube if it is not running (docker driver, the plan's 2 CPUs / 4 GB; MINIKUBE_CPUS, MINIKUBE_MEMORY);
#   3. builds both images inside Minikube's Docker (or, with --load, builds them
#      on the host and runs `minikube image load`); their image ids go to the pods
#      as annotations, so a rebuilt image always rolls out under the same tag;
#   4. loads the in-chart database's image (postgres:16) into Minikube, once;
#   5. helm upgrade --install --wait (any extra arguments go to helm, e.g.
#      --set secrets.databaseUrl=... --set secrets.groqApiKey=...);
#   6. runs `helm test` and prints the URL: the NodePort when this machine reaches
#      Minikube's address, else a `kubectl port-forward` it starts in the background
#      (the docker driver on Windows, macOS and WSL). It never waits on a tunnel.
# Safe to run again: it upgrades in place (and replaces its earlier port-forward).
#
# Usage: scripts/deploy-minikube.sh [--load] [--skip-build] [--no-forward] [--namespace NS] [--release NAME] [-- HELM_ARGS...]
#   --no-forward  print the port-forward command for a terminal of its own instead of starting it
# Environment: LOCAL_PORT (the port-forward's local port, default 8080), NAMESPACE, RELEASE.
# Runs on bash 3.2 (macOS) and newer.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NAMESPACE="${NAMESPACE:-default}"
RELEASE="${RELEASE:-todo-chatbot}"
CPUS="${MINIKUBE_CPUS:-2}"
MEMORY="${MINIKUBE_MEMORY:-4096}"
LOCAL_PORT="${LOCAL_PORT:-8080}"
CHART="$ROOT/helm/todo-chatbot"
MODE=docker-env
BUILD=1
FORWARD=1
# bash 3.2 treats "${HELM_ARGS[@]}" of an empty array as unset under set -u: every
# expansion below is written ${HELM_ARGS[@]+"${HELM_ARGS[@]}"}.
HELM_ARGS=()

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
step() { printf '\n\033[1m[%s] %s\033[0m\n' "$1" "$2"; }
die() { printf '\nerror: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --load) MODE=load ;;
    --skip-build) BUILD= ;;
    --no-forward) FORWARD= ;;
    --namespace) [ $# -ge 2 ] || die "--namespace needs a value"; NAMESPACE="$2"; shift ;;
    --release) [ $# -ge 2 ] || die "--release needs a value"; RELEASE="$2"; shift ;;
    --) shift; while [ $# -gt 0 ]; do HELM_ARGS+=("$1"); shift; done; break ;;
    *) HELM_ARGS+=("$1") ;;
  esac
  shift
done

# A port-forward this script started: kept when all went well, stopped on failure.
FORWARD_PID=
FORWARD_STATE="${TMPDIR:-/tmp}/todo-chatbot-port-forward-$NAMESPACE-$RELEASE"
DONE=
on_exit() {
  if [ -z "$DONE" ] && [ -n "$FORWARD_PID" ]; then
    kill "$FORWARD_PID" 2>/dev/null || true
    rm -f "$FORWARD_STATE.pid"
  fi
}
trap on_exit EXIT

step 1/6 "checking the tools"
for tool in minikube kubectl helm docker curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (see docs/kubernetes.md: Prerequisites)"
done
helm_version="$(helm version --template '{{.Version}}')"
helm_major="$(printf '%s' "$helm_version" | sed 's/^v\([0-9]*\).*/\1/')"
helm_minor="$(printf '%s' "$helm_version" | sed 's/^v[0-9]*\.\([0-9]*\).*/\1/')"
# --reset-then-reuse-values (in the chart's upgrade advice) came with Helm 3.14
if [ "$helm_major" -lt 3 ] || { [ "$helm_major" -eq 3 ] && [ "$helm_minor" -lt 14 ]; }; then
  die "Helm 3.14 or newer is needed (found $helm_version)"
fi
echo "minikube $(minikube version --short), helm $helm_version, $(docker --version)"

step 2/6 "Minikube"
if minikube status --format '{{.Host}}' 2>/dev/null | grep -q Running; then
  echo "Minikube is running"
else
  echo "starting Minikube (docker driver, $CPUS CPUs, $MEMORY MB)"
  minikube start --driver=docker --cpus="$CPUS" --memory="$MEMORY"
fi
kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE"

export DOCKER_BUILDKIT=1  # the Dockerfiles use BuildKit's cache mounts
# Runs docker against the engine the images are for: Minikube's own (docker-env) or the host's (--load).
image_docker() {
  if [ "$MODE" = docker-env ]; then
    (eval "$(minikube docker-env --shell bash)" && docker "$@")
  else
    docker "$@"
  fi
}

step 3/6 "images todo-backend:1.0.0 and todo-frontend:1.0.0"
if [ -z "$BUILD" ]; then
  echo "skipped (--skip-build)"
else
  if [ "$MODE" = docker-env ]; then
    echo "building inside Minikube's Docker (minikube docker-env)"
  else
    echo "building on the host, then minikube image load"
  fi
  for image in backend frontend; do
    (cd "$ROOT" && image_docker build -f "docker/$image/Dockerfile" -t "todo-$image:1.0.0" .)
  done
  if [ "$MODE" = load ]; then
    minikube image load todo-backend:1.0.0
    minikube image load todo-frontend:1.0.0
  fi
fi
# The tag stays 1.0.0 (pullPolicy Never), so the pods would keep a rebuilt image's
# predecessor: its id as a pod annotation rolls them whenever the image changed.
for image in backend frontend; do
  id="$(image_docker image inspect --format '{{.Id}}' "todo-$image:1.0.0" 2>/dev/null || true)"
  if [ -n "$id" ]; then
    echo "todo-$image:1.0.0 is $id"
    HELM_ARGS+=(--set-string "$image.podAnnotations.todo-chatbot/image-id=$id")
  fi
done

step 4/6 "the database's image"
# Only when the release runs the in-chart PostgreSQL (no external database URL given):
# the image its StatefulSet names, with these values.
pg_image=
rendered_ok=
if rendered="$(helm template "$RELEASE" "$CHART" --namespace "$NAMESPACE" ${HELM_ARGS[@]+"${HELM_ARGS[@]}"} 2>&1)"; then
  rendered_ok=1
  pg_image="$(printf '%s\n' "$rendered" | awk '/^kind: StatefulSet/ { sts = 1 } sts && /^ *image:/ { gsub(/"/, ""); print $2; exit }')"
  [ -n "$pg_image" ] || echo "none: the release uses an external database"
else
  # e.g. an upgrade-only helm option: the install below reports anything really wrong
  echo "skipped: helm template did not render with these arguments:"
  printf '%s\n' "$rendered" | tail -n 3
fi
# PUBLIC_URL (the chart's config.publicUrl) is the address this script prints: remote MCP's issuer
# and resource are built from it, and OAuth clients refuse a server that names another. Unless it
# was given (the rendered ConfigMap holds another value, or did not render), it is set here: to the NodePort's address
# where an earlier run's NodePort answers, else to the port-forward's; step 6 corrects it if the
# NodePort turns out to answer after all.
PUBLIC_URL_SET=
if [ -n "$rendered_ok" ] && printf '%s\n' "$rendered" | grep -q '^ *PUBLIC_URL: "http://localhost:8080"$'; then
  PUBLIC_URL_SET="http://localhost:$LOCAL_PORT"
  selector="app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/component=frontend"
  earlier="$(kubectl get service -n "$NAMESPACE" -l "$selector" -o jsonpath='{.items[0].metadata.name}' 2>/dev/null || true)"
  if [ -n "$earlier" ]; then earlier="$(kubectl get service "$earlier" -n "$NAMESPACE" -o jsonpath='{.spec.ports[0].nodePort}' 2>/dev/null || true)"; fi
  if [ -n "$earlier" ]; then
    ip="$(minikube ip)"
    if curl -s -o /dev/null --connect-timeout 3 --max-time 5 "http://$ip:$earlier/healthz"; then PUBLIC_URL_SET="http://$ip:$earlier"; fi
  fi
  HELM_ARGS+=(--set-string "config.publicUrl=$PUBLIC_URL_SET")
  echo "PUBLIC_URL: $PUBLIC_URL_SET"
fi
if [ -n "$pg_image" ]; then
  if minikube image ls 2>/dev/null | grep -Eq "(^|/)$pg_image\$"; then
    echo "$pg_image is in Minikube already"
  else
    # Pulled during the install instead, it would eat into helm's --wait budget.
    echo "loading $pg_image into Minikube (about 150 MB, once; this can take a few minutes)..."
    minikube image load "$pg_image"
    echo "$pg_image is in Minikube"
  fi
fi

step 5/6 "helm upgrade --install $RELEASE (namespace $NAMESPACE)"
started=$SECONDS
helm upgrade --install "$RELEASE" "$CHART" --namespace "$NAMESPACE" \
  --wait --timeout 5m ${HELM_ARGS[@]+"${HELM_ARGS[@]}"} \
  || { kubectl get pods -n "$NAMESPACE" -l "app.kubernetes.io/instance=$RELEASE"; \
       die "the release did not become ready: kubectl describe pod / kubectl logs on the pods above tell why"; }
echo "all pods ready after $((SECONDS - started)) s"
kubectl get pods -n "$NAMESPACE" -l "app.kubernetes.io/instance=$RELEASE"

step 6/6 "helm test and the URL"
helm test "$RELEASE" --namespace "$NAMESPACE" --logs
selector="app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/component=frontend"
service="$(kubectl get service -n "$NAMESPACE" -l "$selector" -o jsonpath='{.items[0].metadata.name}')"
[ -n "$service" ] || die "no web app Service found (labels $selector)"
service_port="$(kubectl get service "$service" -n "$NAMESPACE" -o jsonpath='{.spec.ports[0].port}')"
node_port="$(kubectl get service "$service" -n "$NAMESPACE" -o jsonpath='{.spec.ports[0].nodePort}')"
forward_command="kubectl port-forward -n $NAMESPACE svc/$service $LOCAL_PORT:$service_port"

# An earlier run's port-forward holds the local port: stop it first.
if [ -f "$FORWARD_STATE.pid" ]; then
  old="$(cat "$FORWARD_STATE.pid")"
  if ps -p "$old" -o command= 2>/dev/null | grep -q port-forward; then
    echo "stopping the port-forward of an earlier run (pid $old)"
    kill "$old" 2>/dev/null || true
  fi
  rm -f "$FORWARD_STATE.pid"
fi

url=
# The NodePort answers where this machine reaches Minikube's address (Linux, VM drivers).
# On the docker driver under Windows, macOS and WSL it does not, and `minikube service
# --url` would hold a tunnel open until Ctrl-C: a port-forward does the job instead.
if [ -n "$node_port" ]; then
  ip="$(minikube ip)"
  if curl -s -o /dev/null --connect-timeout 3 --max-time 5 "http://$ip:$node_port/healthz"; then
    url="http://$ip:$node_port"
    echo "Minikube's NodePort answers at $url"
  else
    echo "Minikube's address $ip:$node_port is not reachable from here (docker driver on Windows, macOS or WSL)"
  fi
fi
if [ -z "$url" ] && [ -z "$FORWARD" ]; then
  printf '\nIn a second terminal, run (it keeps running; Ctrl-C stops it):\n  %s\n' "$forward_command"
  url="http://localhost:$LOCAL_PORT"
  printf 'then the chatbot is at: \033[1m%s\033[0m\n' "$url"
elif [ -z "$url" ]; then
  log="$FORWARD_STATE.log"
  # In the background, detached from this shell's output, so the script ends and the URL stays.
  nohup kubectl port-forward -n "$NAMESPACE" "svc/$service" "$LOCAL_PORT:$service_port" </dev/null >"$log" 2>&1 &
  FORWARD_PID=$!
  deadline=$((SECONDS + 20))
  until grep -q "Forwarding from" "$log" 2>/dev/null; do
    kill -0 "$FORWARD_PID" 2>/dev/null || { cat "$log" >&2; die "kubectl port-forward stopped (is port $LOCAL_PORT taken? set LOCAL_PORT)"; }
    [ $SECONDS -lt $deadline ] || { cat "$log" >&2; die "kubectl port-forward did not start within 20 s"; }
    sleep 0.5
  done
  echo "$FORWARD_PID" >"$FORWARD_STATE.pid"
  url="http://localhost:$LOCAL_PORT"
  echo "started in the background: $forward_command"
  echo "  (pid $FORWARD_PID, log $log; stop it with: kill $FORWARD_PID. It ends when the web app's pod is"
  echo "   replaced: run this script again, or the command above in a terminal of its own.)"
fi
if [ -n "$PUBLIC_URL_SET" ] && [ "$url" != "$PUBLIC_URL_SET" ]; then
  echo "setting PUBLIC_URL to $url (the backend restarts with it)"
  helm upgrade "$RELEASE" "$CHART" --namespace "$NAMESPACE" --reset-then-reuse-values \
    --set-string "config.publicUrl=$url" --wait --timeout 5m >/dev/null \
    || die "the release did not become ready with PUBLIC_URL $url"
fi
DONE=1
printf '\nThe chatbot is at: \033[1m%s\033[0m\n' "$url"
echo "Remote MCP clients (Claude, ChatGPT, VS Code, the MCP Inspector) connect to: $url/mcp"
echo "Check it end to end: NAMESPACE=$NAMESPACE RELEASE=$RELEASE $ROOT/scripts/verify-chatbot.sh $url"
