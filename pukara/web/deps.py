"""What the routers share: the store dependency, cached answers and page rendering.

``StoreDep`` lends a request a read-only store from the app's pool (``app.state.pool``);
``FiltersDep`` reads the shared filters from the query string; ``cached`` keeps an answer
while the store's content is unchanged; ``render`` fills a Jinja2 template (autoescaped;
the web app's templates and the briefing's shared ones in ``share/templates``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Annotated, Any, TypeVar

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from pukara.analyse.clusters import clusters_fresh
from pukara.model import Marking
from pukara.share.brief import install_marking_filters
from pukara.share.markings import combine_markings, marking_of
from pukara.store import SQLiteStore
from pukara.web.filters import Filters, filters_from_query
from pukara.web.labels import install_filters
from pukara.web.readonly import StorePool

__all__ = [
    "FiltersDep",
    "StoreDep",
    "cached",
    "clusters_current",
    "get_store",
    "make_environment",
    "render",
    "store_marking",
]

T = TypeVar("T")


def get_store(request: Request) -> Iterator[SQLiteStore]:
    """Lend the request a read-only store; it goes back to the pool afterwards."""
    pool: StorePool = request.app.state.pool
    with pool.borrow() as store:
        yield store


StoreDep = Annotated[SQLiteStore, Depends(get_store)]
FiltersDep = Annotated[Filters, Depends(filters_from_query)]


def cached(request: Request, store: SQLiteStore, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, remembered under ``key`` until the store's content changes."""
    pool: StorePool = request.app.state.pool
    return pool.cache.get((pool.version(store), key), compute)


def clusters_current(request: Request, store: SQLiteStore) -> bool:
    """Whether the materialised event clusters match the events (asked once per store
    version rather than on every request)."""
    return cached(request, store, "fresh", lambda: clusters_fresh(store))


def store_marking(request: Request, store: SQLiteStore) -> Marking:
    """The most restrictive marking of anything in the store: the banner of pages that
    show aggregates over all of it (map, timeline, lists)."""

    def compute() -> Marking:
        rows = store.execute(
            "SELECT DISTINCT tlp, releasable_to FROM documents UNION "
            "SELECT DISTINCT tlp, releasable_to FROM facts UNION "
            "SELECT DISTINCT tlp, releasable_to FROM events"
        )
        return combine_markings(marking_of(r[0], r[1]) for r in rows)

    return cached(request, store, "marking", compute)


def make_environment() -> jinja2.Environment:
    """Templates of the web app and of ``pukara.share`` (the marking and citation macros
    and the briefing), autoescaped, with the label and marking filters."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("pukara.web", "templates"),
                jinja2.PackageLoader("pukara.share", "templates"),
            ]
        ),
        autoescape=True,  # every page: text from documents is never trusted as markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    install_filters(env)
    install_marking_filters(env)
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page: ``template`` filled with ``context`` plus the request and current path."""
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
