"""What the routers share: the reader's view of the store, cached answers, page rendering.

``ViewDep`` lends a request a read-only store from the app's pool (``app.state.pool``) and
gives the route the view of it that the request's audience may read (``request.state.audience``,
set by the app; the local user when nobody logged in on a loopback server); ``FiltersDep``
reads the shared filters from the query string; ``cached`` keeps an answer while the store's
content and the audience are the same; ``render`` fills a Jinja2 template (autoescaped; the
web app's templates and the briefing's shared ones in ``share/templates``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Annotated, Any, TypeVar

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from pukara.analyse.places import describe_place
from pukara.model import Audience, Marking
from pukara.refdata.labels import activity_label, event_type_label, format_value, indicator_label
from pukara.share.brief import install_marking_filters
from pukara.share.markings import combine_markings
from pukara.store import View, marking_from
from pukara.web.filters import Filters, filters_from_query
from pukara.web.pool import StorePool

__all__ = ["FiltersDep", "ViewDep", "cached", "get_view", "make_environment", "render",
           "store_marking"]  # fmt: skip

T = TypeVar("T")


def audience_of(request: Request) -> Audience:
    """The audience of the request (the app's authentication sets it)."""
    found = getattr(request.state, "audience", None)
    return found if isinstance(found, Audience) else Audience.local()


def get_view(request: Request) -> Iterator[View]:
    """Lend the request a read-only store and give its audience's view of it."""
    pool: StorePool = request.app.state.pool
    with pool.borrow() as store:
        yield store.view(audience_of(request))


ViewDep = Annotated[View, Depends(get_view)]
FiltersDep = Annotated[Filters, Depends(filters_from_query)]


def cached(request: Request, view: View, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, remembered under ``key`` until the store's content changes (and for
    this audience only)."""
    pool: StorePool = request.app.state.pool
    return pool.cache.get((view.version(), key), compute)


def store_marking(request: Request, view: View) -> Marking:
    """The most restrictive marking of what the reader may see in the store: the banner of
    pages that show aggregates over all of it (map, timeline, lists)."""

    def compute() -> Marking:
        return combine_markings(marking_from(t, r) for t, r in view.markings())

    return cached(request, view, "marking", compute)


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
    env.filters["indicator_label"] = indicator_label
    env.filters["event_type_label"] = event_type_label
    env.filters["activity_label"] = activity_label
    env.filters["value"] = format_value
    env.globals["describe"] = describe_place
    install_marking_filters(env)
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page: ``template`` filled with ``context`` plus the request and current path."""
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
