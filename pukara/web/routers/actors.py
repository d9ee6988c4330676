"""Actors: the list, an actor's page (its profile and events) and its API."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pukara.analyse.actors import ActorProfile, actor_profile, resolve_actor
from pukara.errors import PukaraError
from pukara.store import SQLiteStore
from pukara.web.deps import (
    FiltersDep,
    StoreDep,
    cached,
    clusters_current,
    render,
    store_marking,
)
from pukara.web.entities import place_names
from pukara.web.filters import Filters
from pukara.web.handlers import NotFoundError
from pukara.web.happenings import HappeningPage, list_happenings
from pukara.web.schemas import ActorOut, EventOut

__all__ = ["router"]

router = APIRouter()

LISTED = 60


@router.get("/actors", response_class=HTMLResponse, include_in_schema=False)
def actors_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Every actor in the store by kind, with the events and documents naming it."""
    rows = store.execute(
        "SELECT a.id, a.name, a.kind, a.country,"
        " (SELECT count(*) FROM event_actors ea WHERE ea.actor_id = a.id) AS events,"
        " (SELECT count(DISTINCT doc_id) FROM mentions m"
        "  WHERE m.kind = 'actor' AND m.ref_id = a.id) AS documents"
        " FROM actors a ORDER BY a.kind, events DESC, a.name"
    )
    kinds: dict[str, list[object]] = {}
    for r in rows:
        kinds.setdefault(r["kind"], []).append(r)
    return render(
        request, "actors.html", title="Actors", kinds=kinds, marking=store_marking(request, store)
    )


def _profile_id(store: SQLiteStore, actor_id: str) -> str:
    try:
        return resolve_actor(store, actor_id)
    except PukaraError as exc:
        raise NotFoundError(str(exc)) from exc


def _actor(
    request: Request, store: SQLiteStore, aid: str, filters: Filters
) -> tuple[ActorProfile, HappeningPage]:
    fresh = clusters_current(request, store)

    def compute() -> tuple[ActorProfile, HappeningPage]:
        events = list_happenings(store, replace(filters, actor=aid), limit=LISTED, fresh=fresh)
        return actor_profile(store, aid), events

    return cached(request, store, ("actor", aid, filters), compute)


@router.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(
    request: Request, store: StoreDep, filters: FiltersDep, actor_id: str
) -> HTMLResponse:
    """An actor: aliases, where it was active each year, activities, leaders, allies and
    rivals with the sentences that say so, its events and its documents."""
    aid = _profile_id(store, actor_id)
    profile, events = _actor(request, store, aid, filters)
    return render(
        request,
        "actor.html",
        title=profile.name,
        profile=profile,
        events=events,
        filters=filters,
        places=place_names(store, [c.place_id for c in events.items]),
        marking=store_marking(request, store),
    )


@router.get("/api/actors/{actor_id}", response_model=ActorOut, tags=["actors"])
def actor_api(request: Request, store: StoreDep, filters: FiltersDep, actor_id: str) -> ActorOut:
    """An actor (id, name or alias) with its profile and the happenings naming it."""
    aid = _profile_id(store, actor_id)
    profile, events = _actor(request, store, aid, filters)
    names = place_names(store, [c.place_id for c in events.items])
    return ActorOut(
        profile=profile,
        events=[EventOut.from_cluster(c, names.get(c.place_id or "")) for c in events.items],
        n_events=events.total,
    )
