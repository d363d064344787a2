"""mesh_clock, mesh_faults and mesh_dump against the real emulator."""

import datetime
import json

import pytest

from pytest_mesh import MeshConnectionError, MeshHttpError, to_ndjson

BY_CREATED = ('query { notionModel(where: { parent_id: { eq: "%s" } }, '
              'orderBy: [{ field: "createdAt", direction: ASC }]) { content } }')


def note(mesh_http, tenant, user, title):
    content = {"title": title, "mode": "work", "userId": user, "tenantId": tenant}
    return mesh_http.post("/api/content/Notes", {"content": content}, tenant=tenant)


def graphql(mesh_http, query):
    return mesh_http.call("POST", "/graphql", {"query": query})


def test_rows_are_stamped_by_the_clock_not_by_when_they_were_written(mesh_reset, mesh_clock, mesh_http, mesh_tenant,
                                                                     mesh_user_id):
    assert mesh_clock.set("2030-01-01T00:00:00Z")["now"] == "2030-01-01T00:00:00.000Z"
    note(mesh_http, mesh_tenant, mesh_user_id, "written first, stamped 2030")
    assert mesh_clock.set(datetime.datetime(2020, 1, 1))["mode"] == "fixed"
    note(mesh_http, mesh_tenant, mesh_user_id, "written second, stamped 2020")
    rows = graphql(mesh_http, BY_CREATED % mesh_user_id)["notionModel"]
    assert [row["content"]["title"] for row in rows] == ["written second, stamped 2020", "written first, stamped 2030"]


def test_advance_moves_the_clock_and_a_reset_returns_it_to_its_start(mesh_reset, mesh_clock):
    start = mesh_clock.now()
    mesh_clock.set(datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=2))))
    assert mesh_clock.advance(1500)["now"] == "2024-05-01T10:00:01.500Z"
    assert mesh_clock.now()["now"] == "2024-05-01T10:00:01.500Z"
    mesh_reset()
    assert mesh_clock.now()["mode"] == start["mode"] == "real"


def test_a_bad_clock_value_is_a_400_naming_what_it_wanted(mesh_clock):
    with pytest.raises(MeshHttpError) as caught:
        mesh_clock.set("yesterday")
    assert caught.value.status == 400
    assert caught.value.response.error_code == "BAD_CLOCK"
    assert "set must be an ISO 8601 date" in caught.value.response.body["error"]["message"]


def test_the_missing_definition_preset_fails_one_create_then_lets_the_retry_through(mesh_faults, mesh_http,
                                                                                   mesh_tenant, mesh_user_id):
    armed = mesh_faults.inject(preset="missingDefinition", type="Notes")
    assert [(f["status"], f["code"], f["remaining"]) for f in armed] == [(500, "CONTENT_CREATE_ERR", 1)]
    with pytest.raises(MeshHttpError) as caught:
        note(mesh_http, mesh_tenant, mesh_user_id, "refused")
    assert (caught.value.status, caught.value.response.error_code) == (500, "CONTENT_CREATE_ERR")
    assert note(mesh_http, mesh_tenant, mesh_user_id, "retried")["title"] == "retried"
    assert mesh_faults.list() == []


def test_several_faults_at_once_and_clear(mesh_faults, mesh_http):
    mesh_faults.inject([{"preset": "unauthorized", "path": "/api/definition/*", "times": "always"},
                        {"preset": "dropConnection", "path": "/api/content/*"}])
    assert mesh_http.request("GET", "/api/definition/User").status == 401
    assert mesh_http.request("GET", "/api/definition/User").status == 401
    with pytest.raises(MeshConnectionError):
        mesh_http.request("GET", "/api/content/User")
    assert [f["path"] for f in mesh_faults.list()] == ["/api/definition/*"]
    mesh_faults.clear()
    assert mesh_http.request("GET", "/api/definition/User").status == 200


def test_inject_refuses_a_spec_and_keywords_together(mesh_faults):
    with pytest.raises(TypeError, match="not both"):
        mesh_faults.inject({"status": 500}, times=2)


def test_a_bad_fault_is_a_400_listing_every_problem(mesh_faults):
    with pytest.raises(MeshHttpError) as caught:
        mesh_faults.inject(status=200, colour="red")
    assert caught.value.response.error_code == "BAD_FAULT"
    message = caught.value.response.body["error"]["message"]
    assert "body.colour is not a fault field" in message and "body.status must be an HTTP error status" in message


def test_faults_a_test_leaves_armed_are_cleared_when_it_ends(pytester):
    pytester.makepyfile("""
        def test_arms_a_fault_and_leaves_it(mesh_faults):
            mesh_faults.inject(status=503, path="/api/definition/User", times="always")

        def test_the_next_test_is_answered_as_usual(mesh_http):
            assert mesh_http.request("GET", "/api/definition/User").status == 200
    """)
    pytester.runpytest("-p", "pytest_mesh", "-p", "no:randomly").assert_outcomes(passed=2)


def test_dump_gives_the_records_in_the_seed_format(mesh_reset, mesh_dump, mesh_http, mesh_tenant, mesh_user_id):
    created = note(mesh_http, mesh_tenant, mesh_user_id, "dumped")
    # A type's definition comes with its items, first, so the dump replays as a seed on its own.
    definition, item = mesh_dump(tenant=mesh_tenant, types=["Notes"])
    assert (definition["type"], definition["tenant"], definition["content"]["name"]) == ("DynamicContent", mesh_tenant, "Notes")
    assert item == {"type": "Notes", "tenant": mesh_tenant, "content": created}
    everything = mesh_dump(tenant=mesh_tenant)
    assert sorted(r["content"]["name"] for r in everything if r["type"] == "DynamicContent") == [
        "AppletStorage", "HtmlGeneration", "Notes"]


def test_to_ndjson_writes_one_record_a_line():
    records = [{"type": "Notes", "content": {"title": "é"}}, {"type": "Notes", "content": {"title": "b"}}]
    assert [json.loads(line) for line in to_ndjson(records).splitlines()] == records


SEED_TENANT = "6f1c2a4e-0000-4000-8000-000000000001"
SEED_NOTE = "0a7d5d0e-0000-4000-8000-000000000002"
SEED_RECORDS = [
    {"type": "DynamicContent", "tenant": SEED_TENANT, "content": {
        "name": "Notes", "dataModel": {"block": "Notes", "jsonSchema": {"type": "object", "properties": {}}}}},
    {"type": "Notes", "tenant": SEED_TENANT, "content": {"_id": SEED_NOTE, "title": "Welcome", "tenantId": SEED_TENANT}},
]
SEEDED_TEST = """
SEED_TENANT = %r

def test_seeded_and_clocked(mesh_http, mesh_reset, mesh_clock, mesh_dump):
    assert mesh_http.get("/api/content/Notes/%s", tenant=SEED_TENANT)["title"] == "Welcome"
    assert mesh_clock.now()["mode"] == "fixed" and mesh_clock.now()["stepMs"] == %d
    assert mesh_clock.now()["now"].startswith("%s")
    assert mesh_dump() == %r
"""


@pytest.mark.parametrize("where", ["command line", "ini file"])
def test_seed_files_and_the_clock_reach_the_server(pytester, where):
    pytester.path.joinpath("seeds").mkdir()
    pytester.path.joinpath("seeds", "seed.ndjson").write_text(to_ndjson(SEED_RECORDS))
    step, start = (1000, "2024-01-01T00:00:") if where == "command line" else (0, "2030-06-01T00:00:00.000Z")
    pytester.makepyfile(SEEDED_TEST % (SEED_TENANT, SEED_NOTE, step, start, SEED_RECORDS))
    if where == "command line":
        args = ["--mesh-seed", "seeds/seed.ndjson", "--mesh-clock", "2024-01-01T00:00:00Z,1000"]
    else:
        pytester.makeini("[pytest]\nmesh_seed =\n    seeds/seed.ndjson\nmesh_clock = 2030-06-01T00:00:00Z\n")
        args = []
    pytester.runpytest("-p", "pytest_mesh", *args).assert_outcomes(passed=1)


def test_a_bad_seed_file_fails_the_session_naming_the_file_and_line(pytester):
    pytester.path.joinpath("bad.ndjson").write_text('{"type": "Notes", "content": [1]}\n')
    pytester.makepyfile("def test_needs_the_server(mesh_server):\n    pass\n")
    result = pytester.runpytest("-p", "pytest_mesh", "--mesh-seed", "bad.ndjson")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*--seed */bad.ndjson line 1 (record 1): content must be an object, got an array*"])
