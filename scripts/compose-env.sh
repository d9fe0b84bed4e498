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
echo ".env is ready: docker compose up --build"
