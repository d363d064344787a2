"""pytest plugin: an in-memory Mesh emulator (mesh-test-server) per test session.

Enable with `pytest_plugins = ["pytest_mesh"]` in a conftest.py, `-p pytest_mesh`, or by installing
the package (it declares a pytest11 entry point). See docs/python.md in the jest-environment-mesh package.
"""

from .aliases import clean_db, mesh_test_server, unique_tenant_id, unique_user_id
from .controls import MeshClock, MeshFaults, to_ndjson
from .fixtures import (
    MeshServer,
    mesh_clock,
    mesh_dump,
    mesh_faults,
    mesh_http,
    mesh_reset,
    mesh_server,
    mesh_tenant,
    mesh_tenant_id,
    mesh_user_id,
    pytest_addoption,
)
from .http import MeshConnectionError, MeshHttp, MeshHttpError, MeshResponse
from .locate import MeshPackageNotFound, tenant_catalogue
from .process import MeshServerProcess, MeshServerStartError
from .secret import Secret

__all__ = [
    "MeshClock",
    "MeshConnectionError",
    "MeshFaults",
    "MeshHttp",
    "MeshHttpError",
    "MeshPackageNotFound",
    "MeshResponse",
    "MeshServer",
    "MeshServerProcess",
    "MeshServerStartError",
    "Secret",
    "clean_db",
    "mesh_clock",
    "mesh_dump",
    "mesh_faults",
    "mesh_http",
    "mesh_reset",
    "mesh_server",
    "mesh_tenant",
    "mesh_tenant_id",
    "mesh_test_server",
    "mesh_user_id",
    "pytest_addoption",
    "tenant_catalogue",
    "to_ndjson",
    "unique_tenant_id",
    "unique_user_id",
]
