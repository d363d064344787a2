"""The secrets never reach a report: not with --showlocals and --full-trace, not in start-failure messages."""

import shlex

from pytest_mesh.locate import server_command

SENTINELS = {"MESH_SHARED_SECRET": "sentinel-mesh-7f3a", "BOT_CONTROL_SHARED_SECRET": "sentinel-bot-91c2"}
JWT_SENTINEL = "sentinel-jwt-5d0e"

# The server cannot start in this session; the second test fails on its own, holding a MeshServer and a
# MeshHttp built from the same secrets, deep in a call to a closed port.
INNER_TESTS = """
import os
from pytest_mesh import MeshHttp, MeshServer, Secret

def test_uses_the_server(mesh_server):
    pass

def test_a_call_to_a_closed_port():
    secrets = [Secret(os.environ["MESH_SHARED_SECRET"]), Secret(os.environ["BOT_CONTROL_SHARED_SECRET"])]
    server = MeshServer("http://127.0.0.1:9", "", "", 9, 0, *secrets)
    server.http().get("/api/content/Notes")
"""


def test_failures_print_locals_and_commands_with_every_secret_masked(tmp_path, run_pytest):
    (tmp_path / "test_secrets.py").write_text(INNER_TESTS)
    broken = shlex.join(server_command(None, {}) + ["--definitions", "/nowhere/defs.json",
                                                    "--jwt-signing-key", JWT_SENTINEL])
    code, output = run_pytest("-p", "pytest_mesh", "--showlocals", "--full-trace", "--mesh-server-cmd", broken,
                              cwd=tmp_path, env=SENTINELS)
    assert code == 1, output
    assert "1 failed, 1 error" in output
    assert "mesh-test-server exited before it was ready (exit code 2)" in output
    assert "--jwt-signing-key <secret>" in output
    assert "cannot reach the Mesh emulator" in output
    assert "mesh_secret='<secret>'" in output  # the locals were printed, masked
    for secret in [*SENTINELS.values(), JWT_SENTINEL]:
        assert secret not in output, f"{secret} printed"
