"""The web app: ``create_app(db_url)`` builds a FastAPI application over a store.

Server-rendered pages (map, timeline, series, place, actor, event, document, search,
briefing) and a JSON API under ``/api`` described in OpenAPI (``/api/docs``). Everything
the browser loads comes from the package (``web/static``: Leaflet and its marker clusters
vendored from npm, our CSS and scripts; the base map is the department polygons served by
``/api/map/departments``), so the app works with no network. The store is opened read-only.

    uvicorn.run(create_app("pukara.db"), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from pukara.web import routers
from pukara.web.deps import make_environment
from pukara.web.handlers import install_handlers
from pukara.web.pool import StorePool

__all__ = ["create_app"]

ROUTERS = (
    routers.map,
    routers.events,
    routers.places,
    routers.actors,
    routers.documents,
    routers.search,
    routers.series,
    routers.brief,
    routers.plan,
)


def create_app(db_url: str | Path) -> FastAPI:
    """The app serving the store at ``db_url`` (a SQLite file that must exist).

    Raises ``StoreError`` at once when the file is missing, is not a store, or needs a
    migration (the app never writes).
    """
    pool = StorePool(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="Pukara",
        summary="Evidence on Peru's illicit economies: map, events, places, actors, documents",
        version="0.1.0",
        docs_url=None,  # served below from the package's own copy of Swagger UI
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.templates = make_environment()
    static = Path(str(resources.files("pukara.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    for module in ROUTERS:
        app.include_router(module.router)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """The API documentation, with Swagger UI served from the package (offline)."""
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json", title="Pukara API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )  # fmt: skip

    install_handlers(app)
    return app
