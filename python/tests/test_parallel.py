"""One server per pytest-xdist worker: an inner `pytest -n 4` session, observed from outside."""

import json

import pytest

pytest.importorskip("xdist", reason="pytest-xdist is not installed (Debian: apt-get install python3-pytest-xdist)")

WORKERS = 4
TESTS = 12  # xdist's first batch hands every worker 2 of them, so all 4 workers run tests

# Each test writes a row under its own tenant, then lists every Notes row its server holds (rows are not
# filtered by tenant) and records what it saw in its worker's file.
WORKER_TEST = """
import json, os, pytest

@pytest.mark.parametrize("n", range(%d))
def test_rows_of_this_worker(n, mesh_server, mesh_http, mesh_tenant, mesh_user_id):
    worker = os.environ["PYTEST_XDIST_WORKER"]
    note = {"title": worker, "mode": "work", "userId": mesh_user_id, "tenantId": mesh_tenant}
    mesh_http.post("/api/content/Notes", {"content": note}, tenant=mesh_tenant)
    rows = mesh_http.get("/api/content/Notes", tenant=mesh_tenant, params={"limit": 1000})
    seen = {"port": mesh_server.port, "pid": mesh_server.pid, "endpoint": os.environ["MESH_ENDPOINT"],
            "titles": sorted({row["title"] for row in rows}), "rows": len(rows)}
    with open(os.path.join(os.environ["OBSERVATIONS"], worker + ".jsonl"), "a") as out:
        out.write(json.dumps(seen) + "\\n")
""" % TESTS


def test_four_workers_get_four_servers_and_never_see_each_others_rows(tmp_path, run_pytest):
    (tmp_path / "test_workers.py").write_text(WORKER_TEST)
    observations = tmp_path / "observations"
    observations.mkdir()
    code, output = run_pytest("-p", "xdist.plugin", "-p", "pytest_mesh", "-n", str(WORKERS), "-q", cwd=tmp_path,
                              env={"OBSERVATIONS": str(observations)})
    assert code == 0, output
    assert f"{TESTS} passed" in output

    seen = {path.stem: [json.loads(line) for line in path.read_text().splitlines()]
            for path in observations.glob("*.jsonl")}
    assert sorted(seen) == [f"gw{i}" for i in range(WORKERS)]
    servers = {worker: {(s["port"], s["pid"], s["endpoint"]) for s in tests} for worker, tests in seen.items()}
    assert all(len(server) == 1 for server in servers.values()), servers  # one server for all of a worker's tests
    assert len({port for server in servers.values() for port, _, _ in server}) == WORKERS
    assert len({pid for server in servers.values() for _, pid, _ in server}) == WORKERS
    for worker, tests in seen.items():
        assert all(s["titles"] == [worker] for s in tests), (worker, tests)
        # Rows accumulate on the worker's own server, one per test it ran, and on no other.
        assert [s["rows"] for s in tests] == list(range(1, len(tests) + 1)), (worker, tests)
    assert sum(len(tests) for tests in seen.values()) == TESTS
