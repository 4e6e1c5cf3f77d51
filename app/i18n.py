"""The ``lang`` of a request: the ``lang`` query parameter (one of
:data:`routing.i18n.LANGS`), else the best match of ``Accept-Language``, else Indonesian.

An unknown code is a 400 problem (``parameter: lang``) that lists the known ones. The same
choice serves the /v1 routes, the kiosk and the phone page (:func:`choose_lang`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from app.errors import InvalidParameterError
from routing.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, negotiate

__all__ = ["LANG_DESCRIPTION", "LangDep", "choose_lang", "lang_param", "unknown_lang_detail"]

LANG_DESCRIPTION = (
    "Language of instructions, mode names, notes and formatted numbers: "
    + ", ".join(f"`{code}` ({LANG_NAMES[code]})" for code in LANGS)
    + ". Without it, the best match of the `Accept-Language` header; default `id`.")


def unknown_lang_detail(value: str) -> str:
    """The 400 detail for an unknown language code."""
    return (f"'lang' must be one of {', '.join(LANGS)}; got {value[:20]!r}. Leave it out to "
            "use the Accept-Language header (default id).")


def choose_lang(value: str | None, accept_language: str | None) -> str:
    """``value`` when given (InvalidParameterError unless it is one of LANGS), else the
    ``Accept-Language`` match, else :data:`routing.i18n.DEFAULT_LANG`."""
    if value is not None:
        code = value.strip().lower()
        if code not in LANGS:
            raise InvalidParameterError(unknown_lang_detail(value), parameter="lang")
        return code
    return negotiate(accept_language) or DEFAULT_LANG


async def lang_param(
    request: Request,
    lang: Annotated[str | None, Query(max_length=20, description=LANG_DESCRIPTION,
                                      examples=["en"])] = None,
) -> str:
    """FastAPI dependency: the request's language (see :func:`choose_lang`); ``async``, so
    FastAPI calls it on the event loop, not in the thread pool."""
    return choose_lang(lang, request.headers.get("accept-language"))


#: A handler parameter ``lang: LangDep`` is the request's checked language code.
LangDep = Annotated[str, Depends(lang_param)]
