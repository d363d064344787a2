"""MESH_DATABASE_URL reaches mesh-test-server through the plugin's process: the server honours it, a flag wins."""

import json
import os
import urllib.request

import pytest

from pytest_mesh import MeshServerProcess, MeshServerStartError
from pytest_mesh.locate import server_command

UNREACHABLE = "postgres://mesh:secret@127.0.0.1:1/postgres"


def test_an_unreachable_database_fails_the_start_naming_the_variable_without_the_password():
    process = MeshServerProcess(server_command(None, {}) + ["--port", "0"], {"MESH_DATABASE_URL": UNREACHABLE})
    try:
        with pytest.raises(MeshServerStartError) as caught:
            process.wait_ready(30.0)
    finally:
        process.stop()
    message = str(caught.value)
    assert "MESH_DATABASE_URL: cannot reach PostgreSQL at mesh@127.0.0.1:1/postgres (ECONNREFUSED)" in message
    assert "secret" not in message


def test_the_database_flag_wins_over_the_variable():
    process = MeshServerProcess(server_command(None, {}) + ["--port", "0", "--database", "pg-mem"], {"MESH_DATABASE_URL": UNREACHABLE})
    try:
        ready = process.wait_ready(30.0)
        assert ready.port > 0
    finally:
        assert process.stop() == 0


@pytest.mark.skipif(not os.environ.get("MESH_TEST_DATABASE"), reason="needs MESH_TEST_DATABASE (scripts/postgres.sh start)")
def test_a_server_on_postgresql_serves_content():
    process = MeshServerProcess(server_command(None, {}) + ["--port", "0"], {"MESH_DATABASE_URL": os.environ["MESH_TEST_DATABASE"]})
    try:
        ready = process.wait_ready(60.0)
        request = urllib.request.Request(ready.api_url + "/content/User", method="POST",
                                         data=json.dumps({"content": {"email": "a@example.com", "name": "A"}}).encode(),
                                         headers={"content-type": "application/json", "x-mesh-secret": "test-mesh-secret"})
        with urllib.request.urlopen(request) as response:
            assert json.load(response)["data"]["email"] == "a@example.com"
    finally:
        assert process.stop() == 0
