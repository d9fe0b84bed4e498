#!/bin/sh
# Renders /etc/nginx/templates/*.template into $NGINX_ENVSUBST_OUTPUT_DIR,
# substituting only the variables that match $NGINX_ENVSUBST_FILTER.
set -e
template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
filter="${NGINX_ENVSUBST_FILTER:-}"
[ -d "$template_dir" ] || exit 0
# The names of the variables to substitute, as envsubst wants them: '${A} ${B}'.
# shellcheck disable=SC2016,SC2046 # literal ${...} and one word per name are intended
defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))
mkdir -p "$output_dir"
find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
  relative="${template#"$template_dir/"}"
  output="$output_dir/${relative%"$suffix"}"
  mkdir -p "$(dirname "$output")"
  echo "$0: rendering $template to $output"
  envsubst "$defined_envs" <"$template" >"$output"
done
