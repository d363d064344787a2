"""The fixtures against the real emulator."""

import inspect
import json
import os
import urllib.request
import uuid

import pytest

from pytest_mesh import MeshHttpError
from pytest_mesh.fixtures import ID_NAMESPACE


def test_mesh_server_exports_the_jest_environments_names_and_meanings(mesh_server):
    port = mesh_server.port
    assert os.environ["MESH_ENDPOINT"] == f"http://127.0.0.1:{port}/graphql" == mesh_server.graphql_url
    assert os.environ["MESH_API_ENDPOINT"] == f"http://127.0.0.1:{port}/api" == mesh_server.api_url
    assert os.environ["MESH_SHARED_SECRET"] == mesh_server.mesh_secret
    assert os.environ["BOT_CONTROL_SHARED_SECRET"] == mesh_server.bot_control_secret


def bot_graphql(query, variables):
    """A GraphQL call made the way the bot makes it: the URL is MESH_ENDPOINT, the secret MESH_SHARED_SECRET."""
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(os.environ["MESH_ENDPOINT"], data=body, method="POST", headers={
        "content-type": "application/json", "x-mesh-secret": os.environ["MESH_SHARED_SECRET"]})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_a_graphql_client_configured_from_mesh_endpoint_reaches_the_graphql_api(mesh_server, mesh_user_id):
    created = bot_graphql(
        "mutation ($input: NotionModelInput!) { createNotionModel(input: $input) { page_id parent_id content } }",
        {"input": {"type": "Notes", "parent_id": mesh_user_id, "content": {"title": "via GraphQL"}}},
    )
    assert "errors" not in created, created
    assert created["data"]["createNotionModel"]["parent_id"] == mesh_user_id
    listed = bot_graphql(
        "query ($where: NotionModelFilter) { notionModel(where: $where) { page_id content } }",
        {"where": {"parent_id": {"eq": mesh_user_id}}},
    )
    assert listed["data"]["notionModel"] == [
        {"page_id": created["data"]["createNotionModel"]["page_id"], "content": {"title": "via GraphQL"}}]


def test_ids_come_from_the_node_id(request, mesh_tenant_id, mesh_user_id):
    assert mesh_tenant_id == str(uuid.uuid5(ID_NAMESPACE, request.node.nodeid + ":tenant"))
    assert mesh_user_id == str(uuid.uuid5(ID_NAMESPACE, request.node.nodeid + ":user"))
    assert mesh_tenant_id != mesh_user_id


@pytest.mark.parametrize("case", ["a", "b"])
def test_ids_differ_between_tests(case, mesh_tenant_id, pytestconfig):
    seen = pytestconfig.stash.setdefault(SEEN_TENANTS, set())
    assert mesh_tenant_id not in seen
    seen.add(mesh_tenant_id)


SEEN_TENANTS = pytest.StashKey[set]()


def test_mesh_tenant_registers_the_catalogue(mesh_http, mesh_tenant):
    for block in ("Notes", "HtmlGeneration", "AppletStorage"):
        definition = mesh_http.get(f"/api/definition/{block}", tenant=mesh_tenant)
        assert definition["dataModel"]["block"] == block


def test_mesh_tenant_id_registers_nothing(mesh_http, mesh_tenant_id, mesh_user_id):
    with pytest.raises(MeshHttpError) as caught:
        mesh_http.post("/api/content/Notes", {"content": {"title": "t", "mode": "work", "userId": mesh_user_id,
                                                          "tenantId": mesh_tenant_id}}, tenant=mesh_tenant_id)
    assert caught.value.status == 500
    assert caught.value.response.error_code == "CONTENT_CREATE_ERR"


def test_mesh_reset_wipes_content_and_can_be_called_again(mesh_http, mesh_reset, mesh_tenant, mesh_user_id):
    note = {"title": "kept?", "mode": "work", "userId": mesh_user_id, "tenantId": mesh_tenant}
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


def test_request_takes_the_arguments_of_the_verbs_in_the_same_order():
    from pytest_mesh import MeshHttp

    def arguments(method, drop):
        return [p for name, p in inspect.signature(method).parameters.items() if name not in drop]

    request = arguments(MeshHttp.request, {"self", "method"})
    for verb in (MeshHttp.call, MeshHttp.post, MeshHttp.patch, MeshHttp.put):
        assert arguments(verb, {"self", "method"}) == request, verb.__name__
    for verb in (MeshHttp.get, MeshHttp.delete):
        assert arguments(verb, {"self"}) == [p for p in request if p.name != "json_body"], verb.__name__


def test_request_and_post_send_a_positional_body_the_same_way(mesh_http, mesh_tenant, mesh_user_id):
    note = {"title": "same", "mode": "work", "userId": mesh_user_id, "tenantId": mesh_tenant}
    raw = mesh_http.request("POST", "/api/content/Notes", {"content": note}, tenant=mesh_tenant)
    posted = mesh_http.post("/api/content/Notes", {"content": note}, tenant=mesh_tenant)
    assert raw.status == 200 and raw.body["data"]["title"] == posted["title"] == "same"
    patched = mesh_http.patch(f"/api/content/Notes/{posted['_id']}", {"content": {"title": "patched"}}, tenant=mesh_tenant)
    assert patched["title"] == "patched"
    mine = mesh_http.get("/api/content/Notes", tenant=mesh_tenant, where={"parent_id": {"eq": mesh_user_id}})
    assert sorted(item["title"] for item in mine) == ["patched", "same"]
