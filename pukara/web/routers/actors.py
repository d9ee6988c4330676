"""Actors: the list, an actor's page (its profile and events) and its API."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pukara.analyse.actors import ActorProfile, actor_profile, resolve_actor
from pukara.analyse.happenings import HappeningPage, list_happenings
from pukara.analyse.places import names_with_labels
from pukara.model import Filters
from pukara.store import View
from pukara.web.deps import FiltersDep, ViewDep, cached, render, store_marking
from pukara.web.schemas import ActorOut, EventOut

__all__ = ["router"]

router = APIRouter()

LISTED = 60


@router.get("/actors", response_class=HTMLResponse, include_in_schema=False)
def actors_page(request: Request, store: ViewDep) -> HTMLResponse:
    """Every actor the reader may know of, by kind, with the events and mentions naming it."""

    def compute() -> dict[str, list[dict[str, object]]]:
        events = {i: n for i, _, n in store.event_actor_counts(10**6)}
        mentions = store.actor_mention_counts()
        kinds: dict[str, list[dict[str, object]]] = {}
        for a in store.actors():
            kinds.setdefault(a.kind.value, []).append(
                {"id": a.id, "name": a.name, "country": a.country,
                 "events": events.get(a.id, 0), "documents": mentions.get(a.id, 0)}
            )  # fmt: skip
        for rows in kinds.values():
            rows.sort(key=lambda r: (-int(r["events"]), str(r["name"])))  # type: ignore[call-overload]
        return kinds

    kinds = cached(request, store, "actors", compute)
    return render(
        request, "actors.html", title="Actors", kinds=kinds, marking=store_marking(request, store)
    )


def _actor(
    request: Request, store: View, aid: str, filters: Filters
) -> tuple[ActorProfile, HappeningPage]:
    def compute() -> tuple[ActorProfile, HappeningPage]:
        events = list_happenings(store, replace(filters, actor=aid), limit=LISTED)
        return actor_profile(store, aid), events

    return cached(request, store, ("actor", aid, filters), compute)


@router.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(
    request: Request, store: ViewDep, filters: FiltersDep, actor_id: str
) -> HTMLResponse:
    """An actor (id, name or alias): aliases, where it was active each year, activities,
    leaders, allies and rivals with the sentences that say so, its events and documents."""
    aid = resolve_actor(store, actor_id)
    profile, events = _actor(request, store, aid, filters)
    return render(
        request,
        "actor.html",
        title=profile.name,
        profile=profile,
        events=events,
        filters=filters,
        places=names_with_labels(store, [c.place_id for c in events.items]),
        marking=store_marking(request, store),
    )


@router.get("/api/actors/{actor_id}", response_model=ActorOut, tags=["actors"])
def actor_api(request: Request, store: ViewDep, filters: FiltersDep, actor_id: str) -> ActorOut:
    """An actor (id, name or alias) with its profile and the happenings naming it."""
    aid = resolve_actor(store, actor_id)
    profile, events = _actor(request, store, aid, filters)
    names = names_with_labels(store, [c.place_id for c in events.items])
    return ActorOut(
        profile=profile,
        events=[EventOut.from_cluster(c, names.get(c.place_id or "")) for c in events.items],
        n_events=events.total,
    )
