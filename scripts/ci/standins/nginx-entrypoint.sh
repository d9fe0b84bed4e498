#!/bin/sh
# Runs the scripts in /docker-entrypoint.d, then the command (as the official image does).
set -e
if [ "$1" = "nginx" ]; then
  for f in /docker-entrypoint.d/*.sh; do
    [ -x "$f" ] && echo "$0: running $f" && "$f"
  done
fi
exec "$@"
