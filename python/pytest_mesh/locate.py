"""Finds the mesh-test-server command and the tenant catalogue shipped with the npm package."""

from __future__ import annotations

import json
import os
import shlex
import shutil
from pathlib import Path
from typing import Mapping, Optional

# python/pytest_mesh/locate.py -> the npm package root (a checkout or node_modules/jest-environment-mesh).
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
CLI_SCRIPT = PACKAGE_ROOT / "dist" / "src" / "cli.js"
CATALOGUE_NAME = Path("src") / "definitions" / "tenant-catalogue.json"


def server_command(option: Optional[str], env: Mapping[str, str]) -> list[str]:
    """`--mesh-server-cmd`, else MESH_TEST_SERVER_CMD, else the built CLI beside this package, else npx."""
    configured = option or env.get("MESH_TEST_SERVER_CMD")
    if configured:
        return shlex.split(configured)
    if CLI_SCRIPT.is_file():
        return [shutil.which("node") or "node", str(CLI_SCRIPT)]
    # --no: fail fast instead of downloading a package nobody asked for. `--` keeps npx from
    # taking the server's flags (--port ...) as npm settings.
    return ["npx", "--no", "--", "mesh-test-server"]


def catalogue_path(env: Mapping[str, str]) -> Path:
    """MESH_TENANT_CATALOGUE, else the JSON in the package's src/ or dist/src/, else the one in ./node_modules."""
    if env.get("MESH_TENANT_CATALOGUE"):
        return Path(env["MESH_TENANT_CATALOGUE"])
    installed = Path.cwd() / "node_modules" / "jest-environment-mesh"
    candidates = [PACKAGE_ROOT / CATALOGUE_NAME, PACKAGE_ROOT / "dist" / CATALOGUE_NAME,
                  installed / "dist" / CATALOGUE_NAME]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"tenant-catalogue.json not found (looked in {searched}); set MESH_TENANT_CATALOGUE")


def tenant_catalogue(tenant_id: str, env: Mapping[str, str] = os.environ) -> list[dict]:
    """The tenant-scoped definitions (Notes, HtmlGeneration, AppletStorage) stamped with `tenant_id`."""
    definitions = json.loads(catalogue_path(env).read_text(encoding="utf-8"))
    return [dict(definition, tenantId=tenant_id) for definition in definitions]
