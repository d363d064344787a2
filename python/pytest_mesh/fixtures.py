"""The fixtures: one emulator per session (per xdist worker), stable ids, tenants and resets."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, NoReturn, Optional

import pytest

from .controls import MeshClock, MeshFaults, dump
from .http import MeshHttp
from .locate import MeshPackageNotFound, server_command, tenant_catalogue
from .process import MeshServerProcess, MeshServerStartError, ReadyLine
from .secret import Secret

# Fixed, so mesh_tenant_id / mesh_user_id give the same ids on every run.
ID_NAMESPACE = uuid.UUID("5d0c8a52-3c4e-5f0e-9b1a-6d657368a001")
DEFAULT_SECRETS = {"MESH_SHARED_SECRET": "test-mesh-secret", "BOT_CONTROL_SHARED_SECRET": "test-bot-secret"}


@dataclass(frozen=True)
class MeshServer:
    """The running emulator as a test sees it. The secrets print as '<secret>'."""

    url: str
    api_url: str
    graphql_url: str
    port: int
    pid: int
    mesh_secret: Secret
    bot_control_secret: Secret

    def http(self) -> MeshHttp:
        return MeshHttp(self.url, self.mesh_secret, self.bot_control_secret)

    def environment(self) -> dict[str, str]:
        """What the fixture exports for code under test: the names and meanings the Jest environment uses."""
        return {
            "MESH_ENDPOINT": self.graphql_url,
            "MESH_API_ENDPOINT": self.api_url,
            "MESH_SHARED_SECRET": self.mesh_secret,
            "BOT_CONTROL_SHARED_SECRET": self.bot_control_secret,
        }


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mesh", "Mesh emulator (pytest_mesh)")
    group.addoption("--mesh-server-cmd", default=None,
                    help="command that runs mesh-test-server (default: env MESH_TEST_SERVER_CMD, else "
                         "node_modules/jest-environment-mesh found from the rootdir or the current folder upwards)")
    group.addoption("--mesh-server-timeout", type=float, default=30.0,
                    help="seconds to wait for the server's ready line (default 30)")
    group.addoption("--mesh-seed", action="append", default=None, metavar="FILE",
                    help="seed file (.json or .ndjson records) the server loads into its baseline, so every reset "
                         "returns to it; repeatable (default: ini mesh_seed)")
    group.addoption("--mesh-clock", default=None, metavar="ISO[,STEP_MS]",
                    help='the server\'s clock: "real", or a start date and optional milliseconds added after each '
                         "timestamp, e.g. 2024-01-01T00:00:00Z,1000 (default: ini mesh_clock, else real)")
    parser.addini("mesh_seed", type="paths", default=[],
                  help="seed files for the server, one per line, relative to the ini file (--mesh-seed wins)")
    parser.addini("mesh_clock", default="", help="the server's clock, as --mesh-clock takes it (--mesh-clock wins)")


@pytest.fixture(scope="session")
def mesh_server(pytestconfig: pytest.Config) -> Iterator[MeshServer]:
    """Starts mesh-test-server on a free port for the session and exports its endpoints and secrets."""
    secrets = {name: Secret(os.environ.get(name) or value) for name, value in DEFAULT_SECRETS.items()}
    try:
        command = server_command(pytestconfig.getoption("mesh_server_cmd"), os.environ, search_starts(pytestconfig))
    except MeshPackageNotFound as error:
        fail(str(error))
    # Secrets travel in the child's environment: argv shows in `ps` and in start-failure messages.
    process, ready = _start(command + ["--port", "0", "--exit-on-stdin-close", *server_flags(pytestconfig)], secrets,
                            pytestconfig.getoption("mesh_server_timeout"))
    server = MeshServer(ready.url, ready.api_url, ready.graphql_url, ready.port, ready.pid,
                        secrets["MESH_SHARED_SECRET"], secrets["BOT_CONTROL_SHARED_SECRET"])
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in server.environment().items():
                patch.setenv(name, value)
            yield server
    finally:
        process.stop()


@pytest.fixture(scope="session")
def mesh_http(mesh_server: MeshServer) -> MeshHttp:
    """A MeshHttp for the session's server, sending both secret headers."""
    return mesh_server.http()


@pytest.fixture
def mesh_tenant_id(request: pytest.FixtureRequest) -> str:
    """A tenant UUID derived from the test's node id, with nothing registered: distinct per test, stable per run."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{request.node.nodeid}:tenant"))


@pytest.fixture
def mesh_user_id(request: pytest.FixtureRequest) -> str:
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
def mesh_tenant(request: pytest.FixtureRequest, mesh_http: MeshHttp, mesh_tenant_id: str) -> str:
    """mesh_tenant_id with the tenant catalogue (Notes, HtmlGeneration, AppletStorage) registered."""
    # A reset after registration would wipe the definitions, so a requested reset goes first
    # (request.fixturenames holds the whole closure, so the clean_db alias counts too).
    if "mesh_reset" in request.fixturenames:
        request.getfixturevalue("mesh_reset")
    try:
        definitions = tenant_catalogue(mesh_tenant_id, os.environ, search_starts(request.config))
    except MeshPackageNotFound as error:
        fail(str(error))
    for definition in definitions:
        mesh_http.post("/api/definition", {"definition": definition}, tenant=mesh_tenant_id)
    return mesh_tenant_id


@pytest.fixture
def mesh_clock(mesh_http: MeshHttp) -> MeshClock:
    """The server's clock (set / advance / now). It stays where a test leaves it until a reset (mesh_reset)."""
    return MeshClock(mesh_http)


@pytest.fixture
def mesh_faults(mesh_http: MeshHttp) -> Iterator[MeshFaults]:
    """Fault injection (inject / clear / list); faults still armed when the test ends are cleared."""
    faults = MeshFaults(mesh_http)
    yield faults
    faults.clear()


@pytest.fixture
def mesh_dump(mesh_http: MeshHttp) -> Callable[..., list]:
    """`mesh_dump(tenant=None, types=None)`: the server's records in the seed format, to save and seed with."""

    def take(tenant: Optional[str] = None, types: Optional[Iterable[str]] = None) -> list:
        return dump(mesh_http, tenant, types)

    return take


def server_flags(config: pytest.Config) -> list[str]:
    """--seed and --clock for mesh-test-server from the command line, else the ini file."""
    given = config.getoption("mesh_seed")
    seeds = [Path(config.invocation_params.dir, path) for path in given] if given else config.getini("mesh_seed")
    clock = config.getoption("mesh_clock") or config.getini("mesh_clock").strip()
    return [flag for path in seeds for flag in ("--seed", str(path))] + (["--clock", clock] if clock else [])


def search_starts(config: pytest.Config) -> list[Path]:
    """Where to look for node_modules, walking up: the rootdir, then the current folder."""
    return list(dict.fromkeys([Path(config.rootpath), Path.cwd()]))


def fail(message: str) -> NoReturn:
    """Fails the fixture with the message alone: no traceback and no chained one, so no frame's locals print."""
    raise pytest.fail.Exception(message, pytrace=False) from None


def _start(command: list[str], secrets: dict[str, Secret], timeout: float) -> tuple[MeshServerProcess, ReadyLine]:
    try:
        process = MeshServerProcess(command, secrets)
        return process, process.wait_ready(timeout)
    except MeshServerStartError as error:
        fail(str(error))
