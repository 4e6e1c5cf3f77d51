"""``/docs`` without the internet: Swagger UI's files come from the ``swagger-ui-bundle-v2``
package (Swagger UI 5, which reads OpenAPI 3.1) and are served under ``/docs/assets``, so the
page references no outside host (FastAPI's default loads them from a CDN and is blank offline).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

__all__ = ["ASSETS", "install_offline_docs"]

ASSETS = "/docs/assets"


def install_offline_docs(app: FastAPI) -> None:
    """Serve Swagger UI at ``/docs`` from local files (create the app with ``docs_url=None,
    redoc_url=None`` so FastAPI's CDN page is not registered)."""
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
            # no badge from the online validator (swagger.io): the page stays offline
            swagger_ui_parameters={"validatorUrl": None})
