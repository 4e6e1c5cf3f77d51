"""MOTIS's older API versions (``/api/v1`` .. ``/api/v5``) of ``plan``, ``stoptimes`` and
``trip``, as clients still send them (KDE's KPublicTransport asks ``/api/v1/plan`` with
``date=MM-DD-YYYY&time=HH:MM`` in UTC and ``mode=TRANSIT,WALK``).

Each such request is answered by the ``/api/v6`` route after rewriting its parameters, and the
answer is turned back into the older form, as MOTIS's own version notes describe them:

- request: ``date`` + ``time`` (UTC) become one ISO ``time``; ``mode`` (transit and street
  modes in one list) becomes ``transitModes`` and ``directModes``; before v3 ``maxTransfers``
  counted rides, so it is one less in v6 terms.
- answer: polylines of precision 7 in v1 (6 from v2); every Place has a ``level`` (0 when
  unknown) before v6; ``SUBURBAN`` is ``METRO`` before v5.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

import polyline
from starlette.types import ASGIApp, Receive, Scope, Send

from app.motis.body import rewriting_send
from app.motis.modes import STREET_MODES

__all__ = ["MotisLegacyMiddleware", "legacy_answer", "legacy_query"]

_PATH = re.compile(r"^/api/v([1-5])/(plan|stoptimes|trip)$")
_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def legacy_query(version: int, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The v6 query for an older version's parameters (unknown ones pass through; a malformed
    ``date``/``time`` passes through unchanged, so v6 answers it with a 400)."""
    params = dict(pairs)
    out = [(k, v) for k, v in pairs if k not in ("date", "time", "mode", "maxTransfers")]
    date, clock = params.get("date"), params.get("time")
    day, hm = (_DATE.match(date) if date else None), (_CLOCK.match(clock) if clock else None)
    if day and hm:
        month, mday, year = (int(x) for x in day.groups())
        try:
            when = datetime(year, month, mday, int(hm.group(1)), int(hm.group(2)),
                            int(hm.group(3) or 0), tzinfo=UTC)
            out.append(("time", when.strftime("%Y-%m-%dT%H:%M:%SZ")))
        except ValueError:
            out.append(("time", f"{date} {clock}"))
    elif clock is not None or date is not None:
        out.append(("time", clock if date is None else f"{date} {clock or ''}".strip()))
    if "mode" in params:
        modes = [m.strip().upper() for m in params["mode"].split(",") if m.strip()]
        street = [m for m in modes if m in STREET_MODES]
        transit = [m for m in modes if m not in STREET_MODES]
        out.append(("transitModes", ",".join(transit)))
        out.append(("directModes", ",".join(street)))
    if "maxTransfers" in params:
        value = params["maxTransfers"]
        if version < 3 and value.strip().lstrip("-").isdigit():
            value = str(max(0, int(value) - 1))
        out.append(("maxTransfers", value))
    return out


def _walk(node: Any, version: int) -> None:
    if isinstance(node, dict):
        if {"name", "lat", "lon"} <= node.keys():
            node.setdefault("level", 0)
        if version < 5 and node.get("mode") == "SUBURBAN":
            node["mode"] = "METRO"
        line = node.get("legGeometry")
        if version == 1 and isinstance(line, dict) and line.get("points"):
            points = polyline.decode(line["points"], line.get("precision", 6))
            line.update(points=polyline.encode(points, 7), precision=7)
        elif version == 1 and isinstance(line, dict):
            line["precision"] = 7
        for value in node.values():
            _walk(value, version)
    elif isinstance(node, list):
        for item in node:
            _walk(item, version)


def legacy_answer(version: int, body: Any) -> Any:
    """A v6 answer (parsed JSON) in the form of ``version`` (changed in place, returned)."""
    _walk(body, version)
    return body


class MotisLegacyMiddleware:
    """Serve ``/api/v1``..``/api/v5`` ``plan``, ``stoptimes`` and ``trip`` through ``/api/v6``.
    Add it inside the gzip middleware (it rewrites the plain JSON body)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None:
            await self.app(scope, receive, send)
            return
        version, endpoint = int(match.group(1)), match.group(2)
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                          keep_blank_values=True)
        query = urlencode(legacy_query(version, pairs)).encode("latin-1")
        path = f"/api/v6/{endpoint}"
        inner = {**scope, "path": path, "raw_path": path.encode(), "query_string": query}

        def rewrite(raw: bytes) -> bytes:
            try:
                return json.dumps(legacy_answer(version, json.loads(raw)),
                                  ensure_ascii=False).encode()
            except ValueError:
                return raw

        send_legacy = rewriting_send(send, wanted=lambda start: start["status"] == 200,
                                     rewrite=rewrite)
        await self.app(inner, receive, send_legacy)
