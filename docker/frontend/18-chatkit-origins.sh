#!/bin/sh
# The optional ChatKit view loads OpenAI's web component: its script and its frame come
# from OpenAI's CDN, and it checks its domain key with OpenAI's API. The page's
# Content-Security-Policy allows those origins only when ChatKit is on:
#   CHATKIT_DOMAIN_KEY set      -> https://cdn.platform.openai.com https://api.openai.com
#   CHATKIT_ORIGINS="https://a https://b"   -> exactly those (overrides the list above)
#   neither                      -> 'self' only, as always
# Writes the nginx line that sets $chatkit_origins (read by the CSP headers).
set -eu
set -f # an origin like https://*.example.com is text, not a file pattern
out="${CHATKIT_ORIGINS_CONF:-/tmp/nginx-chatkit/origins.conf}"
origins="${CHATKIT_ORIGINS:-}"
if [ -z "$origins" ] && [ -n "${CHATKIT_DOMAIN_KEY:-}" ]; then
  origins="https://cdn.platform.openai.com https://api.openai.com"
fi
checked=""
for origin in $origins; do
  host="${origin#https://}"
  # an https origin: a host name (a leading *. allowed) and maybe a port; nothing that could
  # end the header's quoted value or start another directive
  if [ "$host" = "$origin" ] || [ -z "$host" ] || [ -n "$(printf '%s' "$host" | tr -d 'A-Za-z0-9.:*-')" ]; then
    echo "$0: CHATKIT_ORIGINS: '$origin' is not an https:// origin (like https://cdn.platform.openai.com)" >&2
    exit 1
  fi
  checked="$checked $origin"
done
mkdir -p "$(dirname "$out")"
checked="${checked# }"
# shellcheck disable=SC2016 # $chatkit_origins is nginx's variable, written as is
printf 'set $chatkit_origins "%s";\n' "$checked" >"$out"
echo "$0: origins the Content-Security-Policy allows for ChatKit: ${checked:-none}"
