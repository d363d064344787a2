import os
import subprocess
import sys
from pathlib import Path

import pytest

import pytest_mesh

# pytester runs inner pytest sessions in this process; run_pytest runs them as a user would, in a new one.
pytest_plugins = ["pytester"]

PLUGIN_DIR = Path(pytest_mesh.__file__).resolve().parents[1]


@pytest.fixture
def run_pytest():
    """Runs `python -m pytest ARGS` in `cwd` with only `pythonpath` (if any) on PYTHONPATH, none of this session's
    Mesh or pytest variables and no auto-loaded plugins (pass `-p NAME` for those it needs: other installed
    plugins, hypothesis among them, cost more start-up than the test); returns (exit code, stdout + stderr)."""

    def run(*args, cwd, pythonpath=PLUGIN_DIR, env=None, timeout=180):
        environ = {name: value for name, value in os.environ.items()
                   if not name.startswith(("PYTEST_", "MESH_", "BOT_CONTROL_"))}
        environ.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", **(env or {}))
        if pythonpath:
            environ["PYTHONPATH"] = str(pythonpath)
        else:
            environ.pop("PYTHONPATH", None)
        done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=cwd,
                              env=environ, capture_output=True, text=True, timeout=timeout)
        return done.returncode, done.stdout + done.stderr

    return run
