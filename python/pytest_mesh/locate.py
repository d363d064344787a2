"""Finds the mesh-test-server command and the tenant catalogue of the installed npm package.

Never runs npx or any other command that could reach a registry: a project without the package
gets one line saying how to install it or how to name the command.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional, Sequence

from .secret import protect

PACKAGE_NAME = "jest-environment-mesh"
BIN_NAME = "mesh-test-server"
CLI_SCRIPT = Path("dist") / "src" / "cli.js"
CATALOGUE_NAME = Path("src") / "definitions" / "tenant-catalogue.json"
# python/pytest_mesh/locate.py -> the npm package root, when the plugin is loaded from a checkout
# or from node_modules/jest-environment-mesh/python (a pip-installed copy has no package beside it).
PLUGIN_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


class MeshPackageNotFound(LookupError):
    """The npm package (or its tenant catalogue) is not where the plugin looks; the message is one line."""


def server_command(option: Optional[str], env: Mapping[str, str], starts: Sequence[Path] = ()) -> list[str]:
    """`--mesh-server-cmd`, else MESH_TEST_SERVER_CMD, else the package's CLI: beside this plugin, then in
    node_modules/jest-environment-mesh (or node_modules/.bin/mesh-test-server) of a start folder or a parent."""
    configured = option or env.get("MESH_TEST_SERVER_CMD")
    if configured:
        return protect(shlex.split(configured))
    node = shutil.which("node") or "node"
    if (PLUGIN_PACKAGE_ROOT / CLI_SCRIPT).is_file():
        return [node, str(PLUGIN_PACKAGE_ROOT / CLI_SCRIPT)]
    for modules in _node_modules(starts):
        if (modules / PACKAGE_NAME / CLI_SCRIPT).is_file():
            return [node, str(modules / PACKAGE_NAME / CLI_SCRIPT)]
        if (modules / ".bin" / BIN_NAME).is_file():
            return [str(modules / ".bin" / BIN_NAME)]
    raise MeshPackageNotFound(
        f"pytest_mesh: mesh-test-server not found (no node_modules/{PACKAGE_NAME} in {_shown(starts)} or a parent"
        f"{_checkout_hint()}); install it with `npm install --save-dev {PACKAGE_NAME}`, "
        "or set MESH_TEST_SERVER_CMD (or --mesh-server-cmd) to a command that runs it"
    )


def catalogue_path(env: Mapping[str, str], starts: Sequence[Path] = ()) -> Path:
    """MESH_TENANT_CATALOGUE, else the JSON in the package beside this plugin, else in node_modules (walking up)."""
    if env.get("MESH_TENANT_CATALOGUE"):
        return Path(env["MESH_TENANT_CATALOGUE"])
    roots = [PLUGIN_PACKAGE_ROOT, *(modules / PACKAGE_NAME for modules in _node_modules(starts or [Path.cwd()]))]
    for root in roots:
        for candidate in (root / CATALOGUE_NAME, root / "dist" / CATALOGUE_NAME):
            if candidate.is_file():
                return candidate
    raise MeshPackageNotFound(
        f"pytest_mesh: tenant-catalogue.json not found (no node_modules/{PACKAGE_NAME} in "
        f"{_shown(starts or [Path.cwd()])} or a parent); install `{PACKAGE_NAME}` with npm "
        "or set MESH_TENANT_CATALOGUE to the JSON file"
    )


def tenant_catalogue(tenant_id: str, env: Mapping[str, str] = os.environ, starts: Sequence[Path] = ()) -> list[dict]:
    """The tenant-scoped definitions (Notes, HtmlGeneration, AppletStorage) stamped with `tenant_id`."""
    definitions = json.loads(catalogue_path(env, starts).read_text(encoding="utf-8"))
    return [dict(definition, tenantId=tenant_id) for definition in definitions]


def _node_modules(starts: Iterable[Path]) -> Iterator[Path]:
    seen: set[Path] = set()
    for start in starts:
        for folder in (start, *start.parents):
            if folder not in seen:
                seen.add(folder)
                yield folder / "node_modules"


def _shown(starts: Sequence[Path]) -> str:
    return " or ".join(dict.fromkeys(str(start) for start in starts)) or "(no folder)"


def _checkout_hint() -> str:
    # A clone of the package has its sources beside the plugin but no dist/ until it is built.
    return "; in a clone of it, run `npm run build`" if (PLUGIN_PACKAGE_ROOT / "src" / "cli.ts").is_file() else ""
