#!/usr/bin/env bash
# Runs the pytest plugin's suite twice: in one process, then with pytest-xdist `-n 4` (one server per
# worker). The first run uses the first python3 with pytest; the second one with pytest-xdist too.
# PyPI is not reachable here, so missing packages come from Debian (python3-pytest, python3-pytest-xdist)
# for /usr/bin/python3, installed with apt-get when running as root.
# Extra arguments go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
CANDIDATES=(python3 /usr/bin/python3)

find_python() {  # $1: the modules it must import
  for python in "${CANDIDATES[@]}"; do
    if command -v "$python" >/dev/null 2>&1 && "$python" -c "import $1" >/dev/null 2>&1; then
      echo "$python"
      return 0
    fi
  done
  return 1
}

if ! find_python 'pytest, xdist' >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/pytest.sh: installing python3-pytest and python3-pytest-xdist with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq python3-pytest python3-pytest-xdist >&2
  fi
fi
serial=$(find_python pytest) && parallel=$(find_python 'pytest, xdist') || {
  echo "scripts/pytest.sh: needs a python3 with pytest and pytest-xdist; install them with:" \
    "apt-get install python3-pytest python3-pytest-xdist (or pip install pytest pytest-xdist)" >&2
  exit 1
}

# Only the plugins the suite uses: others installed beside pytest (hypothesis, benchmark) would cost
# more start-up, in every xdist worker, than some of the tests.
run() {
  echo "scripts/pytest.sh: $* ($("$1" --version 2>&1))" >&2
  PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 PYTHONPATH="python${PYTHONPATH:+:$PYTHONPATH}" \
    "$1" -m pytest python/tests -p pytest_mesh "${@:2}"
}
run "$serial" "$@"
run "$parallel" -p xdist.plugin -n 4 "$@"
