#!/usr/bin/env bash
# Writes the secrets compose.yaml needs into .env (random, once): the database
# password and the login-token secret. Existing values are kept; API keys are
# yours to add (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."
touch .env
chmod 600 .env
random() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
for name in POSTGRES_PASSWORD BETTER_AUTH_SECRET; do
  if ! grep -q "^$name=." .env; then
    echo "$name=$(random 32)" >>.env
    echo "added $name to .env"
  fi
done
if docker compose version >/dev/null 2>&1; then
  echo ".env is ready: docker compose up --build"
elif command -v docker-compose >/dev/null; then
  # docker-compose 1.x builds with BuildKit (the Dockerfiles need it) only when asked
  echo ".env is ready: COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 docker-compose up --build"
else
  echo ".env is ready; install Docker Compose, then: docker compose up --build"
fi
