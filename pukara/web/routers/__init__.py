"""One router per resource; each module's ``router`` holds its pages and its ``/api`` routes."""

from pukara.web.routers import (
    actors,
    brief,
    documents,
    events,
    map,
    places,
    plan,
    search,
    series,
)

__all__ = [
    "actors",
    "brief",
    "documents",
    "events",
    "map",
    "places",
    "plan",
    "search",
    "series",
]
