"""MeshServerProcess against real child processes: the ready line, and every way startup can fail."""

import sys

import pytest

from pytest_mesh import MeshServerProcess, MeshServerStartError
from pytest_mesh.locate import server_command


def start(command, timeout=30.0):
    process = MeshServerProcess(command)
    try:
        return process, process.wait_ready(timeout)
    except BaseException:
        process.stop()
        raise


def test_ready_line_gives_a_serving_server_and_stop_exits_0():
    process, ready = start(server_command(None, {}) + ["--port", "0"])
    try:
        assert ready.url == f"http://127.0.0.1:{ready.port}"
        assert ready.api_url == ready.url + "/api"
        assert ready.pid == process.pid
    finally:
        assert process.stop() == 0


def test_bad_flag_fails_with_exit_code_and_the_servers_last_stderr_line():
    with pytest.raises(MeshServerStartError) as caught:
        start(server_command(None, {}) + ["--auth", "sometimes"])
    message = str(caught.value)
    assert "exited before it was ready (exit code 2)" in message
    assert '--auth must be one of "enforce" | "off", got "sometimes"' in message


def test_a_line_that_is_not_json_is_reported_with_the_line():
    with pytest.raises(MeshServerStartError, match=r"printed 'listening on 8080' instead of a JSON ready line"):
        start([sys.executable, "-c", "print('listening on 8080')"])


def test_silence_past_the_deadline_is_reported_and_the_process_is_stopped():
    script = "import sys, time; print('warming up', file=sys.stderr, flush=True); time.sleep(60)"
    process = MeshServerProcess([sys.executable, "-c", script])
    with pytest.raises(MeshServerStartError) as caught:
        process.wait_ready(timeout=1.0)
    assert "printed no ready line within 1 s" in str(caught.value)
    assert "warming up" in str(caught.value)
    assert process._proc.poll() is not None


def test_a_missing_command_is_reported_by_name():
    with pytest.raises(MeshServerStartError, match="cannot run no-such-mesh-command"):
        MeshServerProcess(["no-such-mesh-command", "--port", "0"])


def test_a_chatty_stderr_does_not_block_the_server():
    # 1 MB on stderr would fill an undrained pipe long before the ready line.
    script = "import sys; sys.stderr.write('x' * 1_000_000 + '\\nlast words\\n'); sys.stderr.flush(); " \
             "print('{\"url\": \"u\", \"apiUrl\": \"a\", \"graphqlUrl\": \"g\", \"port\": 1, \"pid\": 2}', flush=True)"
    process, ready = start([sys.executable, "-c", script], timeout=20)
    assert ready.port == 1
    process.stop()
    assert process.stderr_tail()[-1] == "last words"


def test_server_command_prefers_the_option_then_the_environment():
    assert server_command("node x.js --strict", {"MESH_TEST_SERVER_CMD": "y"}) == ["node", "x.js", "--strict"]
    assert server_command(None, {"MESH_TEST_SERVER_CMD": "npx mesh-test-server"}) == ["npx", "mesh-test-server"]
    assert server_command(None, {})[-1].endswith("cli.js")


def test_the_server_exits_when_its_stdin_closes():
    process, _ = start(server_command(None, {}) + ["--port", "0", "--exit-on-stdin-close"])
    process._proc.stdin.close()
    assert process._proc.wait(timeout=5) == 0
    process.stop()
