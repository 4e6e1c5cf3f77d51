"""HTTP routes: thin handlers, one module per resource, and the shared caching helper."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse

__all__ = ["cached_json", "etag_matches"]


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2) of an If-None-Match header against ``etag``."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


def cached_json(request: Request, content: Any, *, max_age: int = 300) -> Response:
    """JSON with ``Cache-Control`` and a body-hash ``ETag``; 304 when the client has it."""
    response = JSONResponse(content)
    etag = 'W/"' + hashlib.sha256(response.body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}"}
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return response
