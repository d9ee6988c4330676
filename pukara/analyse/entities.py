"""Places and actors as lists and searches show them: search by name, filter choices.

In: a store view. Out: ``search_entities`` (places by name, actors by name or alias;
accents and case ignored; exact and prefix matches first) and ``filter_options`` (the
activities, indicators, event types and actors that occur for the reader, with counts and
labels, for filter forms and for the CLI's vocabularies).
"""

from __future__ import annotations

from dataclasses import dataclass

from pukara.model import ActorHit, Place
from pukara.model.textnorm import fold
from pukara.refdata.labels import activity_label, event_type_label, indicator_label
from pukara.store import Reader, as_view

__all__ = ["FilterOptions", "Option", "filter_options", "search_entities"]


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class FilterOptions:
    activities: tuple[Option, ...]
    indicators: tuple[Option, ...]
    event_types: tuple[Option, ...]
    actors: tuple[Option, ...]


def search_entities(
    store: Reader, query: str, limit: int = 20
) -> tuple[list[Place], list[ActorHit]]:
    """Places whose name contains the query and actors with a name or alias containing it;
    exact and prefix matches first."""
    store = as_view(store)
    key = fold(query)
    if len(key) < 2:
        return [], []
    found = [p for p in store.places() if key in fold(p.name)]
    found.sort(key=lambda p: (_closeness(key, fold(p.name)), p.kind.value != "region", p.name))
    best: dict[str, tuple[tuple[int, int], ActorHit]] = {}
    for hit in store.alias_hits(query):  # each actor once, by the alias that matches best
        rank = (_closeness(key, fold(hit.matched)), len(hit.matched))
        if hit.id not in best or rank < best[hit.id][0]:
            best[hit.id] = (rank, hit)
    ordered = sorted(best.values(), key=lambda x: (x[0][0], x[1].id.startswith("new:"), x[1].name))
    return found[:limit], [hit for _, hit in ordered][:limit]


def _closeness(key: str, name: str) -> int:
    return 0 if name == key else 1 if name.startswith(key) else 2


def filter_options(store: Reader, max_actors: int = 400) -> FilterOptions:
    """What the filter forms offer: values that occur for the reader, with counts."""
    store = as_view(store)
    return FilterOptions(
        activities=tuple(
            sorted((Option(k, activity_label(k), v) for k, v in store.activity_counts()),
                   key=lambda o: o.label)
        ),
        indicators=tuple(
            sorted((Option(k, indicator_label(k), n) for k, n in store.indicator_counts()),
                   key=lambda o: o.label)
        ),
        event_types=tuple(
            sorted((Option(k, event_type_label(k), n) for k, n in store.type_counts()),
                   key=lambda o: o.label)
        ),
        actors=tuple(
            sorted((Option(i, name, n) for i, name, n in store.event_actor_counts(max_actors)),
                   key=lambda o: fold(o.label))
        ),
    )  # fmt: skip
