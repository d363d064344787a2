"""The fixtures against the real emulator."""

import os
import urllib.request
import uuid

import pytest

from pytest_mesh import MeshHttpError
from pytest_mesh.fixtures import ID_NAMESPACE


def test_mesh_server_exports_endpoints_and_secrets(mesh_server):
    assert os.environ["MESH_API_ENDPOINT"] == mesh_server.api_url
    assert os.environ["MESH_ENDPOINT"] == mesh_server.url
    assert os.environ["MESH_SHARED_SECRET"] == mesh_server.mesh_secret
    assert os.environ["BOT_CONTROL_SHARED_SECRET"] == mesh_server.bot_control_secret
    with urllib.request.urlopen(f"{os.environ['MESH_ENDPOINT']}/health", timeout=5) as res:
        assert res.status == 200


def test_unique_ids_come_from_the_node_id(request, unique_tenant_id, unique_user_id):
    assert unique_tenant_id == str(uuid.uuid5(ID_NAMESPACE, request.node.nodeid + ":tenant"))
    assert unique_user_id == str(uuid.uuid5(ID_NAMESPACE, request.node.nodeid + ":user"))
    assert unique_tenant_id != unique_user_id


@pytest.mark.parametrize("case", ["a", "b"])
def test_unique_ids_differ_between_tests(case, unique_tenant_id, pytestconfig):
    seen = pytestconfig.stash.setdefault(SEEN_TENANTS, set())
    assert unique_tenant_id not in seen
    seen.add(unique_tenant_id)


SEEN_TENANTS = pytest.StashKey[set]()


def test_mesh_tenant_registers_the_catalogue(mesh_http, mesh_tenant):
    for block in ("Notes", "HtmlGeneration", "AppletStorage"):
        definition = mesh_http.get(f"/api/definition/{block}", tenant=mesh_tenant)
        assert definition["dataModel"]["block"] == block


def test_without_mesh_tenant_the_types_are_unknown(mesh_http, unique_tenant_id, unique_user_id):
    with pytest.raises(MeshHttpError) as caught:
        mesh_http.post("/api/content/Notes", {"content": {"title": "t", "mode": "work", "userId": unique_user_id,
                                                          "tenantId": unique_tenant_id}}, tenant=unique_tenant_id)
    assert caught.value.status == 500
    assert caught.value.response.error_code == "CONTENT_CREATE_ERR"


def test_mesh_reset_wipes_content_and_can_be_called_again(mesh_http, mesh_reset, mesh_tenant, unique_user_id):
    note = {"title": "kept?", "mode": "work", "userId": unique_user_id, "tenantId": mesh_tenant}
    created = mesh_http.post("/api/content/Notes", {"content": note}, tenant=mesh_tenant)
    assert mesh_http.get(f"/api/content/Notes/{created['_id']}", tenant=mesh_tenant)["title"] == "kept?"
    mesh_reset()
    missing = mesh_http.request("GET", f"/api/content/Notes/{created['_id']}", tenant=mesh_tenant)
    assert missing.status == 404


def test_mesh_reset_runs_before_mesh_tenant_whatever_the_argument_order(mesh_tenant, mesh_reset, mesh_http):
    assert mesh_http.get("/api/definition/Notes", tenant=mesh_tenant)["name"] == "Notes"


def test_calls_without_secrets_are_refused(mesh_server):
    from pytest_mesh import MeshHttp

    anonymous = MeshHttp(mesh_server.url, "wrong", "wrong")
    assert anonymous.request("GET", "/api/content/Notes").status == 401
