"""A small stdlib HTTP client for the emulator (urllib; no third-party packages)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from .secret import Secret


class MeshHttpError(AssertionError):
    """A call that did not answer `{"success": true}`; carries the status and the body."""

    def __init__(self, method: str, url: str, response: "MeshResponse") -> None:
        super().__init__(f"{method} {url} -> {response.status}: {response.text[:500]}")
        self.status = response.status
        self.response = response


class MeshConnectionError(urllib.error.URLError):
    """The emulator could not be reached. Raised without the socket-level traceback, whose frames hold the
    request bytes (secret headers included) as locals that `--showlocals` would print."""

    def __init__(self, method: str, url: str, reason: object) -> None:
        super().__init__(reason)
        self.method = method
        self.url = url

    def __str__(self) -> str:
        return f"{self.method} {self.url}: cannot reach the Mesh emulator: {self.reason}"


@dataclass(frozen=True)
class MeshResponse:
    status: int
    text: str

    @property
    def body(self) -> Any:
        """The parsed JSON body, or None when it is not JSON."""
        try:
            return json.loads(self.text)
        except ValueError:
            return None

    @property
    def ok(self) -> bool:
        body = self.body
        return 200 <= self.status < 300 and (not isinstance(body, dict) or body.get("success", True) is not False)

    @property
    def error_code(self) -> Optional[str]:
        body = self.body
        error = body.get("error") if isinstance(body, dict) else None
        return error.get("code") if isinstance(error, dict) else None


class MeshHttp:
    """Calls the emulator with both secret headers, as trusted Mesh clients do.

    Every method takes the same arguments: `path` relative to the server's root (`/api/content/Notes`,
    `/test/reset-db`), then `json_body` for the methods that send one, then keyword-only `tenant`
    (the `?tenant=` query parameter), `params` (more query parameters) and `where` (sent as URL-encoded JSON).
    `request()` returns the raw MeshResponse; `call()` and the verbs return `data` of a success envelope
    and raise MeshHttpError otherwise.
    """

    def __init__(self, url: str, mesh_secret: str, bot_control_secret: str, timeout: float = 15.0) -> None:
        self.url = url.rstrip("/")
        self.headers = {"x-mesh-secret": Secret(mesh_secret), "x-bot-control-secret": Secret(bot_control_secret)}
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"MeshHttp({self.url!r})"

    def request(self, method: str, path: str, json_body: Any = None, *, tenant: Optional[str] = None,
                params: Optional[Mapping[str, Any]] = None, where: Any = None) -> MeshResponse:
        url = self._url(path, tenant, params, where)
        data = None if json_body is None else json.dumps(json_body).encode("utf-8")
        headers = dict(self.headers, **({"content-type": "application/json"} if data is not None else {}))
        req = urllib.request.Request(url, data=data, method=method.upper(), headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                return MeshResponse(res.status, res.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            with error:
                return MeshResponse(error.code, error.read().decode("utf-8", "replace"))
        except OSError as error:  # URLError, timeouts, resets
            raise MeshConnectionError(req.get_method(), url, getattr(error, "reason", error)) from None

    def call(self, method: str, path: str, json_body: Any = None, *, tenant: Optional[str] = None,
             params: Optional[Mapping[str, Any]] = None, where: Any = None) -> Any:
        response = self.request(method, path, json_body, tenant=tenant, params=params, where=where)
        if not response.ok:
            raise MeshHttpError(method.upper(), path, response)
        body = response.body
        return body.get("data", body) if isinstance(body, dict) else body

    def get(self, path: str, *, tenant: Optional[str] = None, params: Optional[Mapping[str, Any]] = None,
            where: Any = None) -> Any:
        return self.call("GET", path, tenant=tenant, params=params, where=where)

    def post(self, path: str, json_body: Any = None, *, tenant: Optional[str] = None,
             params: Optional[Mapping[str, Any]] = None, where: Any = None) -> Any:
        return self.call("POST", path, json_body, tenant=tenant, params=params, where=where)

    def patch(self, path: str, json_body: Any = None, *, tenant: Optional[str] = None,
              params: Optional[Mapping[str, Any]] = None, where: Any = None) -> Any:
        return self.call("PATCH", path, json_body, tenant=tenant, params=params, where=where)

    def put(self, path: str, json_body: Any = None, *, tenant: Optional[str] = None,
            params: Optional[Mapping[str, Any]] = None, where: Any = None) -> Any:
        return self.call("PUT", path, json_body, tenant=tenant, params=params, where=where)

    def delete(self, path: str, *, tenant: Optional[str] = None, params: Optional[Mapping[str, Any]] = None,
               where: Any = None) -> Any:
        return self.call("DELETE", path, tenant=tenant, params=params, where=where)

    def _url(self, path: str, tenant: Optional[str], params: Optional[Mapping[str, Any]], where: Any) -> str:
        query = dict(params or {})
        if tenant is not None:
            query["tenant"] = tenant
        if where is not None:
            query["where"] = json.dumps(where)
        suffix = f"?{urllib.parse.urlencode(query)}" if query else ""
        return f"{self.url}/{path.lstrip('/')}{suffix}"
