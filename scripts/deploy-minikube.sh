#!/usr/bin/env bash
# Deploys todo-chatbot to Minikube, from a fresh clone to a working URL:
#   1. checks the tools (minikube, kubectl, helm, docker);
#   2. starts Minikube if it is not running (docker driver, the plan's 2 CPUs / 4 GB; MINIKUBE_CPUS, MINIKUBE_MEMORY);
#   3. builds both images inside Minikube's Docker (or, with --load, builds them
#      on the host and runs `minikube image load`);
#   4. helm upgrade --install --wait (any extra arguments go to helm, e.g.
#      --set secrets.databaseUrl=... --set secrets.groqApiKey=...);
#   5. runs `helm test` and prints the URL.
# Safe to run again: it upgrades in place.
#
# Usage: scripts/deploy-minikube.sh [--load] [--namespace NS] [--release NAME] [--skip-build] [-- HELM_ARGS...]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NAMESPACE="${NAMESPACE:-default}"
RELEASE="${RELEASE:-todo-chatbot}"
CPUS="${MINIKUBE_CPUS:-2}"
MEMORY="${MINIKUBE_MEMORY:-4096}"
MODE=docker-env
BUILD=1
HELM_ARGS=()

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
step() { printf '\n\033[1m[%s] %s\033[0m\n' "$1" "$2"; }
die() { printf '\nerror: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --load) MODE=load ;;
    --skip-build) BUILD= ;;
    --namespace) NAMESPACE="$2"; shift ;;
    --release) RELEASE="$2"; shift ;;
    --) shift; HELM_ARGS=("$@"); break ;;
    *) HELM_ARGS+=("$1") ;;
  esac
  shift
done

step 1/5 "checking the tools"
for tool in minikube kubectl helm docker; do
  command -v "$tool" >/dev/null || die "$tool is not installed (see README: Phase IV, prerequisites)"
done
helm_major="$(helm version --template '{{.Version}}' | sed 's/^v\([0-9]*\).*/\1/')"
[ "$helm_major" -ge 3 ] || die "Helm 3 or newer is needed (found $(helm version --short))"
echo "minikube $(minikube version --short), $(helm version --short), $(docker --version)"

step 2/5 "Minikube"
if minikube status --format '{{.Host}}' 2>/dev/null | grep -q Running; then
  echo "Minikube is running"
else
  echo "starting Minikube (docker driver, $CPUS CPUs, $MEMORY MB)"
  minikube start --driver=docker --cpus="$CPUS" --memory="$MEMORY"
fi
kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE"

step 3/5 "images todo-backend:1.0.0 and todo-frontend:1.0.0"
if [ -z "$BUILD" ]; then
  echo "skipped (--skip-build)"
elif [ "$MODE" = docker-env ]; then
  echo "building inside Minikube's Docker (minikube docker-env)"
  (
    eval "$(minikube docker-env --shell bash)"
    cd "$ROOT"
    DOCKER_BUILDKIT=1 docker build -f docker/backend/Dockerfile -t todo-backend:1.0.0 .
    DOCKER_BUILDKIT=1 docker build -f docker/frontend/Dockerfile -t todo-frontend:1.0.0 .
  )
else
  echo "building on the host, then minikube image load"
  (
    cd "$ROOT"
    DOCKER_BUILDKIT=1 docker build -f docker/backend/Dockerfile -t todo-backend:1.0.0 .
    DOCKER_BUILDKIT=1 docker build -f docker/frontend/Dockerfile -t todo-frontend:1.0.0 .
  )
  minikube image load todo-backend:1.0.0
  minikube image load todo-frontend:1.0.0
fi
# The in-chart database's image comes from Docker Hub unless Minikube has it already.

step 4/5 "helm upgrade --install $RELEASE (namespace $NAMESPACE)"
started=$SECONDS
helm upgrade --install "$RELEASE" "$ROOT/helm/todo-chatbot" --namespace "$NAMESPACE" \
  --wait --timeout 5m "${HELM_ARGS[@]}" \
  || { kubectl get pods -n "$NAMESPACE" -l "app.kubernetes.io/instance=$RELEASE"; \
       die "the release did not become ready: kubectl describe pod / kubectl logs on the pods above tell why"; }
echo "all pods ready after $((SECONDS - started)) s"
kubectl get pods -n "$NAMESPACE" -l "app.kubernetes.io/instance=$RELEASE"

step 5/5 "helm test and the URL"
helm test "$RELEASE" --namespace "$NAMESPACE" --logs
url="$(minikube service "$RELEASE-frontend" -n "$NAMESPACE" --url | head -n 1)"
printf '\nThe chatbot is at: \033[1m%s\033[0m\n' "$url"
echo "Check it end to end: NAMESPACE=$NAMESPACE RELEASE=$RELEASE $ROOT/scripts/verify-chatbot.sh $url"
