#!/bin/sh
# Writes the DNS resolver nginx uses to find BACKEND_URL's host at request time
# (not only at start), so the backend can restart, move or start later.
# NGINX_RESOLVER overrides the server taken from /etc/resolv.conf.
set -eu
out="${NGINX_ENVSUBST_OUTPUT_DIR:-/tmp/nginx}"
ns="${NGINX_RESOLVER:-$(awk '/^nameserver/ { print $2; exit }' /etc/resolv.conf)}"
case "$ns" in *:*) ns="[$ns]" ;; esac
mkdir -p "$out"
printf "resolver %s valid=10s ipv6=off;\nresolver_timeout 2s;\n" "${ns:-127.0.0.11}" >"$out/resolver.conf"
echo "$0: resolver ${ns:-127.0.0.11}"
