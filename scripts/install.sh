#!/usr/bin/env bash
# Installs the locked dependencies. The npm registry reachable from this project's machines and CI
# holds only the Linux builds of jest's native resolver (@unrs/resolver-binding-*), so the lockfile
# cannot list the other platforms' optional builds and `npm ci` refuses it as out of sync. Only on
# that error, `npm install --no-save` installs the same locked versions and skips the missing ones.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if npm ci --no-audit --no-fund 2>&1 | tee "$log"; then
  exit 0
fi
if grep -q "can only install packages when your package.json and package-lock.json" "$log"; then
  echo "scripts/install.sh: the lockfile lacks optional builds this registry does not have; installing the locked versions with npm install --no-save" >&2
  exec npm install --no-save --no-audit --no-fund
fi
exit 1
