"""The one place that turns exceptions into HTTP answers: RFC 9457 ``application/problem+json``.

Client mistakes are 4xx with a ``detail`` a person can act on; anything unexpected is a 500
whose body carries no stack trace (the trace goes to the server log).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.hardening import MAX_ECHO, clip_echoes
from app.schemas import Problem
from routing.data.artefact import ArtefactError
from routing.errors import (
    AmbiguousPlaceError,
    FeedError,
    NoServiceError,
    QueryError,
    UnknownPlaceError,
    VenueFileError,
)

__all__ = [
    "PROBLEM_BASE",
    "PROBLEM_MEDIA_TYPE",
    "CatchAllMiddleware",
    "InvalidParameterError",
    "NotReadyError",
    "install_error_handlers",
    "install_problem_openapi",
    "problem_response",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://menuju.id/problems/"
log = logging.getLogger("menuju.errors")

_HTTP_TYPES = {404: "not-found", 405: "method-not-allowed"}
_PARAMETER_PLACES = {"query": "Query", "path": "Path", "header": "Header", "cookie": "Cookie"}


class NotReadyError(RuntimeError):
    """The service is up but has not finished loading its data."""


class InvalidParameterError(ValueError):
    """A request parameter the app itself parses (places, times) is malformed or out of
    range; ``parameter`` names it."""

    def __init__(self, message: str, *, parameter: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    instance: str | None = None,
    parameter: str | None = None,
    headers: dict[str, str] | None = None,
    request: Request | None = None,
) -> JSONResponse:
    """A problem+json answer; ``slug`` names the type under PROBLEM_BASE, else ``about:blank``.
    With ``request``, input it echoes is cut to 100 characters (:func:`clip_echoes`)."""
    detail = clip_echoes(detail, request)
    if instance and len(instance) > MAX_ECHO:
        instance = instance[:MAX_ECHO] + "…"
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if parameter:
        body["parameter"] = parameter
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _describe(error: dict[str, Any]) -> tuple[str | None, str]:
    """(parameter name, one sentence) for one pydantic validation error."""
    loc = [str(part) for part in error.get("loc", ())]
    place = _PARAMETER_PLACES.get(loc[0], "Body") if loc else "Request"
    name = ".".join(loc[1:]) or None
    subject = f"{place} parameter '{name}'" if name else "The request"
    if error.get("type") == "missing":
        return name, f"{subject} is required."
    message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
    got = error.get("input")
    shown = f" (got {got!r:.60})" if isinstance(got, str | int | float) else ""
    return name, f"{subject}: {message[:1].lower()}{message[1:]}{shown}."


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    described = [_describe(e) for e in exc.errors()]
    parameter = next((name for name, _ in described if name), None)
    detail = " ".join(sentence for _, sentence in described) or "The request is invalid."
    return problem_response(
        400,
        detail,
        slug="invalid-parameter",
        title="Invalid parameter",
        instance=request.url.path,
        parameter=parameter,
        request=request,
    )


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"There is no resource at {request.url.path}. See /docs for the API."
    return problem_response(
        exc.status_code,
        detail,
        slug=_HTTP_TYPES.get(exc.status_code),
        instance=request.url.path,
        request=request,
        headers=dict(exc.headers or {}),
    )


#: Routing errors a caller can fix: exception -> (status, type slug, title, detail suffix).
CALLER_ERRORS: dict[type[Exception], tuple[int, str, str, str]] = {
    UnknownPlaceError: (404, "unknown-place", "Unknown place", ""),
    AmbiguousPlaceError: (400, "ambiguous-place", "Ambiguous place",
                          ". Name one of them by id."),
    InvalidParameterError: (400, "invalid-parameter", "Invalid parameter", ""),
    QueryError: (422, "unanswerable-query", "Query cannot be answered", ""),
    NoServiceError: (422, "no-service", "No service on that date", ""),
}


async def _caller_error(request: Request, exc: Exception) -> JSONResponse:
    """A problem for one of ``CALLER_ERRORS`` (looked up along the exception's classes)."""
    status, slug, title, suffix = next(
        CALLER_ERRORS[kind] for kind in type(exc).__mro__ if kind in CALLER_ERRORS)
    return problem_response(
        status,
        f"{exc}{suffix}",
        slug=slug,
        title=title,
        instance=request.url.path,
        parameter=getattr(exc, "parameter", None),
        request=request,
    )


async def _data_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.error("data unavailable: %s", exc)
    return problem_response(
        503,
        f"The timetable data cannot be used right now: {exc}",
        slug="data-unavailable",
        title="Data unavailable",
        instance=request.url.path,
        request=request,
    )


async def _not_ready(request: Request, exc: Exception) -> JSONResponse:
    return problem_response(
        503,
        str(exc) or "The service is still loading its data; try again in a few seconds.",
        slug="not-ready",
        title="Not ready",
        instance=request.url.path,
        headers={"Retry-After": "5"},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register every exception-to-problem mapping on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    for kind in CALLER_ERRORS:
        app.add_exception_handler(kind, _caller_error)
    app.add_exception_handler(FeedError, _data_unavailable)
    app.add_exception_handler(VenueFileError, _data_unavailable)
    app.add_exception_handler(ArtefactError, _data_unavailable)
    app.add_exception_handler(NotReadyError, _not_ready)


def install_problem_openapi(app: FastAPI) -> None:
    """Make ``/openapi.json`` tell the truth: invalid parameters are 400 problems (not
    FastAPI's 422 ``HTTPValidationError``), and every error is ``application/problem+json``."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
        )
        problem_ref = {"$ref": "#/components/schemas/Problem"}
        for name, operation in ((n, op) for n, path in schema.get("paths", {}).items()
                                for op in path.values()):
            responses = operation.get("responses", {})
            if name.startswith("/api/"):  # MOTIS's {"error"} shape (app.motis), 400 too
                if "HTTPValidationError" in str(responses.get("422", "")):
                    del responses["422"]
                continue
            if responses.pop("422", None) is not None:
                responses["400"] = {
                    "description": "Invalid parameter",
                    "content": {"application/json": {"schema": problem_ref}},
                }
            for status, response in responses.items():
                content = response.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        components.setdefault("Problem", Problem.model_json_schema())
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


class CatchAllMiddleware:
    """Turns an unexpected exception into a 500 problem (trace logged, never sent)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception:
            request_id = scope.get("state", {}).get("request_id", "-")
            log.exception(
                "unhandled error in %s %s [%s]", scope["method"], scope["path"], request_id
            )
            if started:
                raise
            response = problem_response(
                500,
                "Something went wrong on our side and it has been logged. "
                f"If it keeps happening, report request id {request_id}.",
                slug="internal-error",
                instance=scope["path"],
            )
            await response(scope, receive, send)
