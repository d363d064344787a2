"""The plugin as a project installs it: from any folder of the project, or with one line saying what is missing."""

import os
import shutil
import stat

import pytest

from pytest_mesh import locate
from pytest_mesh.locate import PLUGIN_PACKAGE_ROOT, server_command

# A suite written for the voice bot's own conftest.py fixtures, after that code was deleted.
BOT_STYLE_TEST = """
import json, os, urllib.request

def test_a_note_through_the_exported_api(mesh_test_server, unique_tenant_id, unique_user_id, clean_db):
    note = {"title": "hi", "mode": "work", "userId": unique_user_id, "tenantId": unique_tenant_id}
    request = urllib.request.Request(
        f"{os.environ['MESH_API_ENDPOINT']}/content/Notes?tenant={unique_tenant_id}", method="POST",
        data=json.dumps({"content": note}).encode(),
        headers={"content-type": "application/json", "x-mesh-secret": os.environ["MESH_SHARED_SECRET"]})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["data"]["title"] == "hi"
"""
MISSING_LINE = ("pytest_mesh: mesh-test-server not found (no node_modules/jest-environment-mesh in {root} or a parent); "
                "install it with `npm install --save-dev jest-environment-mesh`, "
                "or set MESH_TEST_SERVER_CMD (or --mesh-server-cmd) to a command that runs it")


@pytest.fixture
def site(tmp_path):
    """The plugin copied alone, as pip installs it: no npm package beside it, so it must find the project's."""
    shutil.copytree(PLUGIN_PACKAGE_ROOT / "python" / "pytest_mesh", tmp_path / "site" / "pytest_mesh",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "site"


def project(root, *, installed, ini, conftest=None):
    (root / "tests" / "unit").mkdir(parents=True)
    (root / "tests" / "unit" / "test_bot.py").write_text(BOT_STYLE_TEST)
    (root / ini[0]).write_text(ini[1])
    if conftest:
        (root / "conftest.py").write_text(conftest)
    if installed:
        (root / "node_modules").mkdir()
        (root / "node_modules" / "jest-environment-mesh").symlink_to(PLUGIN_PACKAGE_ROOT, target_is_directory=True)
    return root


# docs/python.md shows these two set-ups.
CONFTEST = 'pytest_plugins = ["pytest_mesh"]\n'
PYPROJECT = """[tool.pytest.ini_options]
pythonpath = ["node_modules/jest-environment-mesh/python"]
"""
PYTEST_INI = """[pytest]
addopts = -p pytest_mesh
"""


def test_conftest_way_without_pip_runs_from_a_subfolder_of_the_project(tmp_path, run_pytest):
    root = project(tmp_path / "app", installed=True, conftest=CONFTEST, ini=("pyproject.toml", PYPROJECT))
    code, output = run_pytest(cwd=root / "tests" / "unit", pythonpath=None)
    assert code == 0, output
    assert "1 passed" in output


def test_addopts_way_with_a_pip_installed_plugin_finds_the_package_from_the_rootdir(tmp_path, site, run_pytest):
    root = project(tmp_path / "app", installed=True, ini=("pytest.ini", PYTEST_INI))
    (tmp_path / "elsewhere").mkdir()
    code, output = run_pytest(str(root / "tests"), cwd=tmp_path / "elsewhere", pythonpath=site)
    assert code == 0, output
    assert "1 passed" in output


def test_without_the_package_one_line_says_what_to_do_and_nothing_runs_npm(tmp_path, site, run_pytest):
    root = project(tmp_path / "app", installed=False, conftest=CONFTEST, ini=("pytest.ini", "[pytest]\n"))
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("npx", "npm", "pnpm", "yarn"):
        (fake_bin / tool).write_text(f"#!/bin/sh\ntouch {tmp_path}/{tool}-ran\nexit 1\n")
        (fake_bin / tool).chmod(stat.S_IRWXU)
    code, output = run_pytest(cwd=root, pythonpath=site, env={"PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}"})
    assert code == 1, output
    assert MISSING_LINE.format(root=root) in output.splitlines(), output
    assert sorted(p.name for p in tmp_path.glob("*-ran")) == []


def test_the_bin_link_is_used_when_the_package_folder_is_not_there(tmp_path, monkeypatch):
    monkeypatch.setattr(locate, "PLUGIN_PACKAGE_ROOT", tmp_path / "site")
    bin_link = tmp_path / "node_modules" / ".bin" / "mesh-test-server"
    bin_link.parent.mkdir(parents=True)
    bin_link.write_text("#!/usr/bin/env node\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert server_command(None, {}, [tmp_path / "a" / "b"]) == [str(bin_link)]


def test_the_package_folder_wins_over_a_bin_link_higher_up(tmp_path, monkeypatch):
    monkeypatch.setattr(locate, "PLUGIN_PACKAGE_ROOT", tmp_path / "site")
    (tmp_path / "node_modules" / ".bin").mkdir(parents=True)
    (tmp_path / "node_modules" / ".bin" / "mesh-test-server").write_text("")
    cli = tmp_path / "a" / "node_modules" / "jest-environment-mesh" / "dist" / "src" / "cli.js"
    cli.parent.mkdir(parents=True)
    cli.write_text("")
    assert server_command(None, {}, [tmp_path / "a"])[-1] == str(cli)
