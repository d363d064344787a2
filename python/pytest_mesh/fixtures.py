"""The fixtures: one emulator per session (per xdist worker), stable ids, tenants and resets."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping

import pytest

from .http import MeshHttp
from .locate import server_command, tenant_catalogue
from .process import MeshServerProcess, MeshServerStartError, ReadyLine

# Fixed, so unique_tenant_id / unique_user_id give the same ids on every run.
ID_NAMESPACE = uuid.UUID("5d0c8a52-3c4e-5f0e-9b1a-6d657368a001")
DEFAULT_SECRETS = {"MESH_SHARED_SECRET": "test-mesh-secret", "BOT_CONTROL_SHARED_SECRET": "test-bot-secret"}


@dataclass(frozen=True)
class MeshServer:
    """The running emulator as a test sees it."""

    url: str
    api_url: str
    graphql_url: str
    port: int
    pid: int
    mesh_secret: str
    bot_control_secret: str

    def http(self) -> MeshHttp:
        return MeshHttp(self.url, self.mesh_secret, self.bot_control_secret)

    def environment(self) -> dict[str, str]:
        """What the fixture exports for code under test."""
        return {
            "MESH_API_ENDPOINT": self.api_url,
            "MESH_ENDPOINT": self.url,
            "MESH_SHARED_SECRET": self.mesh_secret,
            "BOT_CONTROL_SHARED_SECRET": self.bot_control_secret,
        }


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mesh", "Mesh emulator (pytest_mesh)")
    group.addoption("--mesh-server-cmd", default=None,
                    help="command that runs mesh-test-server (default: env MESH_TEST_SERVER_CMD, "
                         "else node <package>/dist/src/cli.js, else npx --no -- mesh-test-server)")
    group.addoption("--mesh-server-timeout", type=float, default=30.0,
                    help="seconds to wait for the server's ready line (default 30)")


@pytest.fixture(scope="session")
def mesh_server(pytestconfig: pytest.Config) -> Iterator[MeshServer]:
    """Starts mesh-test-server on a free port for the session and exports its endpoints and secrets."""
    secrets = {name: os.environ.get(name) or value for name, value in DEFAULT_SECRETS.items()}
    command = server_command(pytestconfig.getoption("mesh_server_cmd"), os.environ) + [
        "--port", "0", "--exit-on-stdin-close",
        "--mesh-secret", secrets["MESH_SHARED_SECRET"],
        "--bot-control-secret", secrets["BOT_CONTROL_SHARED_SECRET"],
    ]
    process, ready = _start(command, pytestconfig.getoption("mesh_server_timeout"))
    server = MeshServer(ready.url, ready.api_url, ready.graphql_url, ready.port, ready.pid,
                        secrets["MESH_SHARED_SECRET"], secrets["BOT_CONTROL_SHARED_SECRET"])
    try:
        with exported(server.environment()):
            yield server
    finally:
        process.stop()


@pytest.fixture(scope="session")
def mesh_http(mesh_server: MeshServer) -> MeshHttp:
    """A MeshHttp for the session's server, sending both secret headers."""
    return mesh_server.http()


@pytest.fixture
def unique_tenant_id(request: pytest.FixtureRequest) -> str:
    """A tenant UUID derived from the test's node id: distinct per test, the same on every run."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{request.node.nodeid}:tenant"))


@pytest.fixture
def unique_user_id(request: pytest.FixtureRequest) -> str:
    """A user UUID derived from the test's node id: distinct per test, the same on every run."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{request.node.nodeid}:user"))


@pytest.fixture
def mesh_reset(mesh_http: MeshHttp) -> Callable[[], None]:
    """Resets the database (POST /test/reset-db) before the test; returns a function to reset again."""

    def reset() -> None:
        mesh_http.post("/test/reset-db")

    reset()
    return reset


@pytest.fixture
def mesh_tenant(request: pytest.FixtureRequest, mesh_http: MeshHttp, unique_tenant_id: str) -> str:
    """unique_tenant_id with the tenant catalogue (Notes, HtmlGeneration, AppletStorage) registered."""
    # A reset after registration would wipe the definitions, so a requested reset goes first.
    if "mesh_reset" in request.fixturenames:
        request.getfixturevalue("mesh_reset")
    for definition in tenant_catalogue(unique_tenant_id):
        mesh_http.post("/api/definition", {"definition": definition}, tenant=unique_tenant_id)
    return unique_tenant_id


def _start(command: list[str], timeout: float) -> tuple[MeshServerProcess, ReadyLine]:
    failure = None
    try:
        process = MeshServerProcess(command)
        return process, process.wait_ready(timeout)
    except MeshServerStartError as error:
        failure = str(error)
    # Failing outside the except block keeps the report to the message, without a chained traceback.
    pytest.fail(failure, pytrace=False)


@contextmanager
def exported(variables: Mapping[str, str]) -> Iterator[None]:
    """Sets environment variables for the block and puts the previous values back after it."""
    previous = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
