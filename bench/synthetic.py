"""Build a SYNTHETIC knowledge base of a given size for the analysis benchmarks.

    python bench/synthetic.py OUT.db [--facts 500000] [--events 500000]

Everything written here is generated and marked synthetic (documents are titled
"[SYNTHETIC] ..."): real gazetteer places and registry actors, made-up figures and events
spread over 2000-2025 with regional trends (coca and effort shifting from the VRAEM
towards Loreto after 2018), so that analyses have something to find. Rows are written
with bulk SQL through the store's own schema (migrations applied by SQLiteStore).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from pukara.model import PlaceKind
from pukara.refdata.actors import load_actor_registry
from pukara.refdata.gazetteer import load_gazetteer
from pukara.refdata.taxonomy import load_event_types, load_indicators
from pukara.store import SQLiteStore

DOCS = 20_000


def _places(rng: random.Random) -> list[tuple]:
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


def build(path: Path, n_facts: int, n_events: int, seed: int = 11) -> dict[str, float]:
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    store = SQLiteStore(path)
    db = store._db  # bulk load: the benchmark measures reads, not the per-document writer
    places = _places(rng)
    actors = [e.actor for e in load_actor_registry().entries.values()]
    indicators = list(load_indicators())
    etypes = list(load_event_types())
    north = [p for p in places if p[4] in {"Loreto", "Amazonas", "Cajamarca", "San Martín"}]
    south = [
        p for p in places if p[4] in {"Ayacucho", "Cusco", "Junín", "Huancavelica", "Apurímac"}
    ]
    t0 = time.perf_counter()
    db.execute("BEGIN")
    db.executemany(
        "INSERT OR IGNORE INTO places(id,name,kind,country,admin1,lat,lon,parent_id,admin1_id)"
        " VALUES (?,?,?,?,?,?,?,?,?)", places)  # fmt: skip
    db.executemany(
        "INSERT OR IGNORE INTO actors(id,name,kind,country,parent_id) VALUES (?,?,?,?,?)",
        [(a.id, a.name, a.kind.value, a.country, a.parent_id) for a in actors])  # fmt: skip
    for i, grade in enumerate("ABCDEF"):
        db.execute("INSERT INTO sources(name, reliability, credibility) VALUES (?,?,?)",
                   (f"[SYNTHETIC] source {grade}", grade, min(6, i + 1)))  # fmt: skip
    docs = []
    for i in range(DOCS):
        year = rng.randint(2000, 2025)
        docs.append((f"syn{i:012d}", f"h{i}", f"synthetic/{i}", f"[SYNTHETIC] report {i}",
                     f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "day", "en",
                     "text/plain", rng.randint(1, 6), "[SYNTHETIC] text", "2026-01-01"))  # fmt: skip
    db.executemany(
        "INSERT INTO documents(id,hash,path,title,published,published_precision,language,"
        "media_type,source_id,text,ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", docs)  # fmt: skip

    def place_for(year: int) -> tuple:
        # the balloon: after 2018 activity and effort drift from the south to the north
        if year >= 2018 and rng.random() < 0.35:
            return rng.choice(north)
        if rng.random() < 0.3:
            return rng.choice(south)
        return rng.choice(places)

    facts = []
    for _ in range(n_facts):
        ind = rng.choice(indicators)
        year = rng.randint(2000, 2025)
        place = place_for(year)
        doc = docs[rng.randrange(DOCS)][0]
        value = round(rng.lognormvariate(7, 1.5), 1)
        facts.append((doc, ind.id, value, ind.unit, str(year), place[0], 0, 10,
                      "[SYNTHETIC] evidence", f"{value}", ind.activity, int(ind.effort)))  # fmt: skip
    db.executemany(
        "INSERT INTO facts(doc_id,indicator,value,unit,period,place_id,start,end,evidence,"
        "original,activity,effort) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", facts)  # fmt: skip
    events = []
    state = {"state_agency", "security_force", "government"}
    for _ in range(n_events):
        et = rng.choice(etypes)
        year = rng.randint(2000, 2025)
        place = place_for(year)
        who = json.dumps([a.id for a in rng.sample(actors, rng.randint(0, 3))])
        agents = set(dict(et.actor_roles).get("agent", ()))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events.append((docs[rng.randrange(DOCS)][0], et.id, date, "day", place[0], who, 0, 0,
                       10, "[SYNTHETIC] evidence", et.activity, int(bool(agents & state))))  # fmt: skip
    db.executemany(
        "INSERT INTO events(doc_id,type,date,date_precision,place_id,actor_ids,announced,start,"
        "end,evidence,activity,effort) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", events)  # fmt: skip
    db.execute("COMMIT")
    db.execute("ANALYZE")
    store.close()
    return {"seconds": time.perf_counter() - t0, "facts": n_facts, "events": n_events}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--facts", type=int, default=500_000)
    ap.add_argument("--events", type=int, default=500_000)
    args = ap.parse_args()
    info = build(args.out, args.facts, args.events)
    print(f"built {args.out}: {info['facts']:,} facts, {info['events']:,} events "
          f"in {info['seconds']:.1f} s (SYNTHETIC)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
