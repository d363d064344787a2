"""pytest plugin: an in-memory Mesh emulator (mesh-test-server) per test session.

Enable with `-p pytest_mesh` (or install the package: it declares a pytest11 entry point).
See docs/python.md in the jest-environment-mesh package.
"""

from .fixtures import (
    MeshServer,
    mesh_http,
    mesh_reset,
    mesh_server,
    mesh_tenant,
    pytest_addoption,
    unique_tenant_id,
    unique_user_id,
)
from .http import MeshHttp, MeshHttpError, MeshResponse
from .locate import tenant_catalogue
from .process import MeshServerProcess, MeshServerStartError

__all__ = [
    "MeshHttp",
    "MeshHttpError",
    "MeshResponse",
    "MeshServer",
    "MeshServerProcess",
    "MeshServerStartError",
    "mesh_http",
    "mesh_reset",
    "mesh_server",
    "mesh_tenant",
    "pytest_addoption",
    "tenant_catalogue",
    "unique_tenant_id",
    "unique_user_id",
]
