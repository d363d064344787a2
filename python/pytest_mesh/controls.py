"""The emulator's test clock, fault injection and dump: thin wrappers over its /test routes, the same
members the Jest and Vitest `mesh` object has (`mesh.clock`, `mesh.faults`, `mesh.dump`)."""

from __future__ import annotations

import datetime
import json
from typing import Any, Iterable, Optional, Union

from .http import MeshHttp

DateLike = Union[str, datetime.datetime]


class MeshClock:
    """The server's clock, which stamps createdAt / updatedAt. Every call answers the clock's state,
    `{"now": ISO date, "mode": "real" | "fixed", "stepMs": int}`. A reset returns it to its start."""

    def __init__(self, http: MeshHttp) -> None:
        self._http = http

    def set(self, date: DateLike) -> dict:
        """Fixes the clock at `date` (an ISO 8601 string or a datetime; a naive one is read as UTC)."""
        return self._http.post("/test/clock", {"set": _iso(date)})

    def advance(self, ms: int) -> dict:
        """Moves the clock on by `ms` milliseconds (negative moves it back)."""
        return self._http.post("/test/clock", {"advance": ms})

    def now(self) -> dict:
        return self._http.get("/test/clock")


class MeshFaults:
    """Answers the next matching requests with the service's failure, a dropped connection or a delay.

    `inject(preset="missingDefinition")`, `inject(status=401, code="UNAUTHORIZED", path="/api/*", times=2)`;
    the fields are those of `POST /test/faults` (docs/faults.md). Pass a list of dicts to arm several."""

    def __init__(self, http: MeshHttp) -> None:
        self._http = http

    def inject(self, specs: Union[dict, list, None] = None, **fields: Any) -> list[dict]:
        """Arms one fault (keyword fields, or a dict) or several (a list); returns them as armed."""
        if specs is not None and fields:
            raise TypeError("inject() takes a spec (dict or list) or keyword fields, not both")
        return self._http.post("/test/faults", fields if specs is None else specs)

    def clear(self) -> None:
        """Disarms every fault and lets delayed requests go on at once."""
        self._http.delete("/test/faults")

    def list(self) -> list[dict]:
        return self._http.get("/test/faults")


def dump(http: MeshHttp, tenant: Optional[str] = None, types: Optional[Iterable[str]] = None) -> list[dict]:
    """The server's records in the seed format (`{"type", "tenant"?, "content"}`), definitions included."""
    params = {"types": ",".join(types)} if types is not None else None
    return http.get("/test/dump", tenant=tenant, params=params)


def to_ndjson(records: Iterable[dict]) -> str:
    """Records as NDJSON, one per line: what `--mesh-seed FILE.ndjson` reads back."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def _iso(date: DateLike) -> str:
    if isinstance(date, str):
        return date
    if date.tzinfo is None:
        date = date.replace(tzinfo=datetime.timezone.utc)
    return date.astimezone(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
