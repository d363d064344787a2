"""The fixture names of a suite that started the service in its own conftest.py (the voice bot's),
as aliases of the plugin's fixtures with the same meanings, so switching is deleting that code."""

from __future__ import annotations

from typing import Callable

import pytest

from .fixtures import MeshServer


@pytest.fixture(scope="session")
def mesh_test_server(mesh_server: MeshServer) -> MeshServer:
    """Alias of mesh_server: the session's emulator, its variables exported."""
    return mesh_server


@pytest.fixture
def unique_tenant_id(mesh_tenant: str) -> str:
    """Alias of mesh_tenant: a per-test tenant id with the tenant catalogue registered.
    The plain id, with nothing registered, is mesh_tenant_id."""
    return mesh_tenant


@pytest.fixture
def unique_user_id(mesh_user_id: str) -> str:
    """Alias of mesh_user_id: a per-test user UUID, stable across runs."""
    return mesh_user_id


@pytest.fixture
def clean_db(mesh_reset: Callable[[], None]) -> Callable[[], None]:
    """Alias of mesh_reset: an empty database before the test (before unique_tenant_id registers anything)."""
    return mesh_reset
