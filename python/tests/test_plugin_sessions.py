"""What a user of the plugin sees, from inner pytest sessions."""

import os
import shlex

from pytest_mesh.locate import server_command

INNER_TEST = """
import os

def test_uses_the_server(mesh_server):
    assert os.environ["MESH_API_ENDPOINT"] == mesh_server.api_url
"""


def test_a_server_that_cannot_start_fails_with_its_stderr_and_exit_code(pytester):
    pytester.makepyfile(INNER_TEST)
    broken = shlex.join(server_command(None, {}) + ["--definitions", "/nowhere/defs.json"])
    result = pytester.runpytest("-p", "pytest_mesh", "--mesh-server-cmd", broken)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "*mesh-test-server exited before it was ready (exit code 2)*",
        "*--definitions /nowhere/defs.json: cannot read definition file*",
    ])


def test_the_environment_is_restored_after_the_session(pytester, monkeypatch):
    monkeypatch.setenv("MESH_ENDPOINT", "http://outer.example")
    monkeypatch.delenv("MESH_API_ENDPOINT", raising=False)
    pytester.makepyfile(INNER_TEST)
    result = pytester.runpytest("-p", "pytest_mesh")
    result.assert_outcomes(passed=1)
    assert os.environ["MESH_ENDPOINT"] == "http://outer.example"
    assert "MESH_API_ENDPOINT" not in os.environ
