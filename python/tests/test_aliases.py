"""The voice bot's conftest.py fixture names, as aliases of the plugin's fixtures with the same meanings."""

import pytest

CATALOGUE = ("Notes", "HtmlGeneration", "AppletStorage")


def test_mesh_test_server_is_the_sessions_mesh_server(mesh_test_server, mesh_server):
    assert mesh_test_server is mesh_server


def test_unique_tenant_id_is_mesh_tenant_with_the_catalogue_registered(unique_tenant_id, mesh_tenant, mesh_tenant_id,
                                                                       mesh_http):
    assert unique_tenant_id == mesh_tenant == mesh_tenant_id
    for block in CATALOGUE:
        assert mesh_http.get(f"/api/definition/{block}", tenant=unique_tenant_id)["dataModel"]["block"] == block


def test_unique_user_id_is_mesh_user_id(unique_user_id, mesh_user_id):
    assert unique_user_id == mesh_user_id


@pytest.fixture
def leftover_row(mesh_http, mesh_user_id):
    """A row written before the test's other fixtures (GraphQL needs no definition), for clean_db to wipe."""
    created = mesh_http.post("/graphql", {
        "query": "mutation ($input: NotionModelInput!) { createNotionModel(input: $input) { page_id } }",
        "variables": {"input": {"type": "Notes", "parent_id": mesh_user_id, "content": {"title": "leftover"}}}})
    return created["createNotionModel"]["page_id"]


def test_clean_db_empties_the_database_before_unique_tenant_id_registers(leftover_row, unique_tenant_id, clean_db,
                                                                         mesh_http, unique_user_id):
    found = mesh_http.post("/graphql", {"query": "query ($id: String!) { notionModelByPageId(page_id: $id) { page_id } }",
                                        "variables": {"id": leftover_row}})
    assert found == {"notionModelByPageId": None}
    # Listed after clean_db in the arguments, yet its definitions survived the reset.
    note = {"title": "t", "mode": "work", "userId": unique_user_id, "tenantId": unique_tenant_id}
    assert mesh_http.post("/api/content/Notes", {"content": note}, tenant=unique_tenant_id)["title"] == "t"
    clean_db()
    assert mesh_http.request("GET", "/api/definition/Notes", tenant=unique_tenant_id).status == 404
