#!/usr/bin/env bash
# Runs the pytest plugin's suite with whichever python3 has pytest (pyenv's or Debian's).
# PyPI is not reachable here, so a missing pytest comes from Debian's python3-pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
find_python() {
  for python in python3 /usr/bin/python3; do
    if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import pytest' >/dev/null 2>&1; then
      echo "$python"
      return 0
    fi
  done
  return 1
}
if ! python=$(find_python); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/pytest.sh: installing python3-pytest with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pytest >&2
  fi
  python=$(find_python) || { echo "scripts/pytest.sh: no python3 with pytest; install it with: apt-get install python3-pytest" >&2; exit 1; }
fi
PYTHONPATH="python${PYTHONPATH:+:$PYTHONPATH}" exec "$python" -m pytest python/tests -p pytest_mesh "$@"
