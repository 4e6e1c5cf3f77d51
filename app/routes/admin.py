"""``POST /admin/reload``: build, check and swap in a new dataset artefact (bearer token
``ADMIN_TOKEN``; the route does not exist while the token is unset)."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.reload import Reloader

__all__ = ["router"]

router = APIRouter(tags=["admin"])


def reloader_of(request: Request) -> Reloader:
    """The app's reloader (made on first use)."""
    app = request.app
    reloader = getattr(app.state, "reloader", None)
    if reloader is None:
        reloader = app.state.reloader = Reloader(app)
    return reloader


@router.post(
    "/admin/reload",
    summary="Rebuild the dataset from the configured feeds and swap it in",
    responses={401: {"description": "Missing or wrong bearer token."},
               404: {"description": "ADMIN_TOKEN is not set."}},
)
async def reload(request: Request,
                 wait: bool = Query(False, description="Answer when the reload has finished.")
                 ) -> JSONResponse:
    """Start a reload (202; 200 with the outcome when ``wait``). A feed failing any check
    never replaces the serving dataset; ``/v1/feeds`` shows the outcome."""
    token = request.app.state.settings.admin_token
    if not token:
        raise HTTPException(404, f"There is no resource at {request.url.path}. "
                                 "See /docs for the API.")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             token.encode()):
        raise HTTPException(401, "A valid 'Authorization: Bearer <ADMIN_TOKEN>' header is "
                                 "needed.", headers={"WWW-Authenticate": "Bearer"})
    reloader = reloader_of(request)
    started = reloader.request("POST /admin/reload")
    if wait:
        outcome = await run_in_threadpool(reloader.wait, 3600.0)
        return JSONResponse({"started": started, "reload": outcome})
    return JSONResponse({"started": started, "reload": reloader.outcome}, status_code=202)
