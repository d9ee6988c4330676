"""Build a SYNTHETIC knowledge base of a given size for the analysis benchmarks.

    python bench/synthetic.py STORE [--facts 500000] [--events 500000]

STORE is a SQLite path or a postgresql:// URL. Everything written here is generated and
marked synthetic (documents are titled "[SYNTHETIC] ..."): real gazetteer places and registry
actors, made-up figures and events spread over 2000-2025 with regional trends (coca and
effort shifting from the VRAEM towards Loreto after 2018), so that analyses have something
to find. Rows go in through the store's bulk loader (``load_table``, the one ``pukara copy``
uses), in the columns of the shared schema, so the same data lands on either backend.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from pukara.model import PlaceKind
from pukara.model.ids import claim_id
from pukara.model.periods import day_hi, day_lo
from pukara.refdata.actors import load_actor_registry
from pukara.refdata.gazetteer import load_gazetteer
from pukara.refdata.taxonomy import load_event_types, load_indicators
from pukara.store import SQLStore, open_store, store_location

DOCS = 20_000


def _places() -> list[tuple[Any, ...]]:
    gaz = load_gazetteer()
    keep = [
        e.place for e in gaz.entries.values()
        if e.place.country == "PE" and e.place.point is not None
        and e.place.kind in {PlaceKind.REGION, PlaceKind.PROVINCE, PlaceKind.DISTRICT,
                             PlaceKind.ZONE, PlaceKind.VALLEY, PlaceKind.RIVER}
    ]  # fmt: skip
    return [
        (p.id, p.name, p.kind.value, p.country, p.admin1, p.point.lat, p.point.lon,  # type: ignore[union-attr]
         p.parent_id, p.admin1_id)
        for p in keep
    ]  # fmt: skip


def fresh_store(url: str) -> SQLStore:
    """An empty store at ``url`` (a SQLite file is deleted first; a PostgreSQL database is
    emptied of Pukara's tables)."""
    backend, location = store_location(url)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(location + suffix).unlink(missing_ok=True)
        return open_store(location)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return open_store(url)


def build(url: str | Path, n_facts: int, n_events: int, seed: int = 11) -> dict[str, float]:
    rng = random.Random(seed)
    store = fresh_store(str(url))
    places = _places()
    actors = [e.actor for e in load_actor_registry().entries.values()]
    indicators = list(load_indicators())
    etypes = list(load_event_types())
    north = [p for p in places if p[4] in {"Loreto", "Amazonas", "Cajamarca", "San Martín"}]
    south = [
        p for p in places if p[4] in {"Ayacucho", "Cusco", "Junín", "Huancavelica", "Apurímac"}
    ]
    t0 = time.perf_counter()
    store.load_table("places", ["id", "name", "kind", "country", "admin1", "lat", "lon",
                                "parent_id", "admin1_id"], places)  # fmt: skip
    store.load_table("actors", ["id", "name", "kind", "country", "parent_id"],
                     [(a.id, a.name, a.kind.value, a.country, a.parent_id) for a in actors])  # fmt: skip
    store.load_table("sources", ["id", "name", "reliability", "credibility"],
                     [(i + 1, f"[SYNTHETIC] source {g}", g, min(6, i + 1))
                      for i, g in enumerate("ABCDEF")])  # fmt: skip
    docs = []
    for i in range(DOCS):
        published = f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        docs.append((f"{i:016x}", f"h{i}", f"synthetic/{i}", f"[SYNTHETIC] report {i}", published,
                     "day", published, published, "en", "text/plain", rng.randint(1, 6),
                     "[SYNTHETIC] text", "2026-01-01"))  # fmt: skip
    store.load_table("documents", ["id", "hash", "path", "title", "published",
                                   "published_precision", "published_lo", "published_hi",
                                   "language", "media_type", "source_id", "text",
                                   "ingested_at"], docs)  # fmt: skip

    def place_for(year: int) -> tuple[Any, ...]:
        # the balloon: after 2018 activity and effort drift from the south to the north
        if year >= 2018 and rng.random() < 0.35:
            return rng.choice(north)
        if rng.random() < 0.3:
            return rng.choice(south)
        return rng.choice(places)

    store.load_table("facts", ["id", "doc_id", "indicator", "value", "unit", "period",
                               "period_lo", "period_hi", "when_lo", "when_hi", "place_id",
                               "span_start", "span_end", "evidence", "original", "activity",
                               "effort"], _facts(rng, n_facts, indicators, docs, place_for))  # fmt: skip
    events, event_actors = _events(rng, n_events, etypes, actors, docs, place_for)
    store.load_table("events", ["id", "doc_id", "type", "date", "date_precision", "date_lo",
                                "date_hi", "place_id", "actor_ids", "announced", "span_start",
                                "span_end", "evidence", "activity", "effort"], events)  # fmt: skip
    store.load_table("event_actors", ["actor_id", "event_id"], event_actors)
    store.load_table("markings_seen", ["tlp", "tlp_rank", "releasable_to"], [("clear", 0, "")])
    store.close()
    return {"seconds": time.perf_counter() - t0, "facts": n_facts, "events": n_events}


def _facts(rng: random.Random, n: int, indicators: list[Any], docs: list[tuple[Any, ...]],
           place_for: Any) -> list[tuple[Any, ...]]:  # fmt: skip
    rows = []
    for i in range(n):
        ind = rng.choice(indicators)
        year = rng.randint(2000, 2025)
        place = place_for(year)
        doc = docs[rng.randrange(DOCS)][0]
        value = round(rng.lognormvariate(7, 1.5), 1)
        period = str(year)
        rows.append((claim_id("fact", doc, i), doc, ind.id, value, ind.unit, period,
                     day_lo(period), day_hi(period), day_lo(period), day_hi(period), place[0],
                     0, 10, "[SYNTHETIC] evidence", f"{value}", ind.activity, int(ind.effort)))  # fmt: skip
    return rows


def _events(rng: random.Random, n: int, etypes: list[Any], actors: list[Any],
            docs: list[tuple[Any, ...]], place_for: Any) -> tuple[list[Any], list[Any]]:  # fmt: skip
    rows, pairs = [], []
    state = {"state_agency", "security_force", "government"}
    for i in range(n):
        et = rng.choice(etypes)
        year = rng.randint(2000, 2025)
        place = place_for(year)
        who = [a.id for a in rng.sample(actors, rng.randint(0, 3))]
        agents = set(dict(et.actor_roles).get("agent", ()))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = docs[rng.randrange(DOCS)][0]
        ident = claim_id("event", doc, i)
        rows.append((ident, doc, et.id, date, "day", date, date, place[0], json.dumps(who), 0,
                     0, 10, "[SYNTHETIC] evidence", et.activity, int(bool(agents & state))))  # fmt: skip
        pairs += [(a, ident) for a in who]
    return rows, pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--facts", type=int, default=500_000)
    ap.add_argument("--events", type=int, default=500_000)
    args = ap.parse_args()
    info = build(args.out, args.facts, args.events)
    print(f"built {args.out}: {info['facts']:,} facts, {info['events']:,} events "
          f"in {info['seconds']:.1f} s (SYNTHETIC)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
