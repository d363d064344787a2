"""An example written the way the voice bot's integration tests are written.

The client below stands in for the bot's own Mesh client: async, configured only from the
environment the plugin exports, sending both secret headers and `?tenant=` on every call, and
registering a missing definition then retrying once on CONTENT_CREATE_ERR. The bot uses aiohttp;
here urllib runs in a worker thread (asyncio.to_thread) because only the stdlib is available.
Without pytest-asyncio, each test drives its coroutine with asyncio.run.
"""

from __future__ import annotations

import asyncio
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Optional

from pytest_mesh import tenant_catalogue


class MeshApiError(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"Mesh API error {status}: {body[:200]}")
        self.status = status
        self.body = body


class BotMeshClient:
    def __init__(self, tenant_id: str) -> None:
        self.base_url = os.environ["MESH_API_ENDPOINT"]
        self.tenant_id = tenant_id
        self.headers = {
            "content-type": "application/json",
            "x-mesh-secret": os.environ["MESH_SHARED_SECRET"],
            "x-bot-control-secret": os.environ["BOT_CONTROL_SHARED_SECRET"],
        }

    async def create(self, content_type: str, content: dict) -> dict:
        try:
            return await self._call("POST", f"/content/{content_type}", body={"content": content})
        except MeshApiError as error:
            if "CONTENT_CREATE_ERR" not in error.body:
                raise
            await self.register_definition(content_type)
            return await self._call("POST", f"/content/{content_type}", body={"content": content})

    async def register_definition(self, content_type: str) -> None:
        definition = next(d for d in tenant_catalogue(self.tenant_id) if d["dataModel"]["block"] == content_type)
        await self._call("POST", "/definition", body={"definition": definition})

    async def list_for_user(self, content_type: str, user_id: str) -> list[dict]:
        where = {"AND": [{"indexer": {"path": "tenantId", "equals": self.tenant_id}}, {"parent_id": {"eq": user_id}}]}
        return await self._call("GET", f"/content/{content_type}", query={"limit": 100, "where": json.dumps(where)})

    async def get(self, content_type: str, item_id: str) -> Optional[dict]:
        items = await self._call("GET", f"/content/{content_type}",
                                 query={"limit": 1, "where": json.dumps({"page_id": {"eq": item_id}})})
        return items[0] if items else None

    async def find_by_title(self, content_type: str, user_id: str, fragment: str) -> list[dict]:
        where = {"AND": [{"indexer": {"path": "tenantId", "equals": self.tenant_id}},
                         {"parent_id": {"eq": user_id}},
                         {"indexer": {"path": "title", "contains": fragment}}]}
        return await self._call("GET", f"/content/{content_type}", query={"limit": 100, "where": json.dumps(where)})

    async def update(self, content_type: str, item_id: str, changes: dict) -> dict:
        return await self._call("PATCH", f"/content/{content_type}/{item_id}", body={"content": changes})

    async def delete(self, content_type: str, item_id: str) -> None:
        await self._call("DELETE", f"/content/{content_type}/{item_id}")

    async def _call(self, method: str, path: str, body: Any = None, query: Optional[dict] = None) -> Any:
        params = urllib.parse.urlencode({"tenant": self.tenant_id, **(query or {})})
        request = urllib.request.Request(f"{self.base_url}{path}?{params}", method=method, headers=self.headers,
                                         data=None if body is None else json.dumps(body).encode())
        status, text = await asyncio.to_thread(_send, request)
        if status >= 400:
            raise MeshApiError(status, text)
        return json.loads(text)["data"]


def _send(request: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


def note(tenant_id: str, user_id: str, title: str, mode: str = "personal") -> dict:
    return {"userId": user_id, "tenantId": tenant_id, "title": title, "normalizedTitle": title.lower(),
            "content": f"{title} body", "mode": mode}


def html_app(tenant_id: str, user_id: str, title: str, kind: str = "game") -> dict:
    return {"title": title, "contentType": kind, "htmlContent": f"<h1>{title}</h1>", "userRequest": f"make {title}",
            "tenantId": tenant_id, "createdBy": user_id, "tags": [kind]}


def test_notes_lifecycle_for_a_tenant_and_user(mesh_tenant, unique_user_id):
    async def scenario():
        client = BotMeshClient(mesh_tenant)
        shopping = await client.create("Notes", note(mesh_tenant, unique_user_id, "Shopping list"))
        await client.create("Notes", note(mesh_tenant, unique_user_id, "Meeting notes", mode="work"))
        other_user = await client.create("Notes", note(mesh_tenant, "00000000-0000-4000-8000-000000000001", "Shopping"))

        mine = await client.list_for_user("Notes", unique_user_id)
        assert sorted(n["title"] for n in mine) == ["Meeting notes", "Shopping list"]

        updated = await client.update("Notes", shopping["_id"], {"content": "milk, eggs"})
        assert updated["content"] == "milk, eggs" and updated["title"] == "Shopping list"
        assert (await client.get("Notes", shopping["_id"]))["content"] == "milk, eggs"

        found = await client.find_by_title("Notes", unique_user_id, "SHOPPING")
        assert [n["_id"] for n in found] == [shopping["_id"]]

        await client.delete("Notes", shopping["_id"])
        assert await client.get("Notes", shopping["_id"]) is None
        assert [n["title"] for n in await client.list_for_user("Notes", unique_user_id)] == ["Meeting notes"]
        assert await client.get("Notes", other_user["_id"]) is not None

    asyncio.run(scenario())


def test_html_apps_listed_by_tenant_and_user_and_fuzzy_found(mesh_tenant, unique_user_id, unique_tenant_id):
    async def scenario():
        client = BotMeshClient(mesh_tenant)
        apps = await asyncio.gather(
            client.create("HtmlGeneration", html_app(mesh_tenant, unique_user_id, "Space Invaders")),
            client.create("HtmlGeneration", html_app(mesh_tenant, unique_user_id, "Budget Tracker", kind="tool")),
            client.create("HtmlGeneration", html_app(mesh_tenant, unique_user_id, "Invaders Remix")),
        )
        listed = await client.list_for_user("HtmlGeneration", unique_user_id)
        assert {a["_id"] for a in listed} == {a["_id"] for a in apps}

        found = await client.find_by_title("HtmlGeneration", unique_user_id, "invaders")
        assert sorted(a["title"] for a in found) == ["Invaders Remix", "Space Invaders"]

        renamed = await client.update("HtmlGeneration", apps[1]["_id"], {"title": "Budget Planner"})
        assert renamed["title"] == "Budget Planner" and renamed["contentType"] == "tool"
        assert [a["title"] for a in await client.find_by_title("HtmlGeneration", unique_user_id, "planner")] == \
            ["Budget Planner"]

        await asyncio.gather(*(client.delete("HtmlGeneration", a["_id"]) for a in apps))
        assert await client.list_for_user("HtmlGeneration", unique_user_id) == []

    asyncio.run(scenario())


def test_another_tenant_sees_none_of_it(mesh_tenant, unique_user_id):
    async def scenario():
        mine = BotMeshClient(mesh_tenant)
        await mine.create("Notes", note(mesh_tenant, unique_user_id, "Private"))
        stranger = BotMeshClient("00000000-0000-4000-8000-0000000000ff")
        assert await stranger.list_for_user("Notes", unique_user_id) == []

    asyncio.run(scenario())


def test_a_new_tenant_registers_the_definition_on_first_create(mesh_tenant_id, unique_user_id, mesh_server):
    async def scenario():
        client = BotMeshClient(mesh_tenant_id)
        created = await client.create("Notes", note(mesh_tenant_id, unique_user_id, "First note"))
        assert (await client.get("Notes", created["_id"]))["title"] == "First note"

    asyncio.run(scenario())


def test_a_note_for_a_user_id_that_is_not_a_uuid_fails_as_on_the_service(mesh_tenant):
    async def scenario():
        client = BotMeshClient(mesh_tenant)
        try:
            await client.create("Notes", note(mesh_tenant, "not-a-uuid", "Broken"))
        except MeshApiError as error:
            return error
        raise AssertionError("create with userId 'not-a-uuid' succeeded")

    error = asyncio.run(scenario())
    assert error.status == 500 and "CONTENT_CREATE_ERR" in error.body
