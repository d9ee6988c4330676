"""The extraction output contract (shared/eval/CONTRACT.md): one JSON object per document.

``to_contract`` turns an ``Extraction`` into that object; keep its shape stable (adding
fields is fine), since scorers and partners read it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pukara.model import Extraction

__all__ = ["to_contract"]


def to_contract(ex: Extraction) -> dict[str, Any]:
    doc = ex.document
    counts = Counter((m.kind, m.ref_id) for m in ex.mentions)
    surfaces: dict[str, list[str]] = {}
    for m in ex.mentions:
        if m.kind == "actor":
            seen = surfaces.setdefault(m.ref_id, [])
            if m.surface not in seen:
                seen.append(m.surface)
    return {
        "document": {
            "id": doc.id,
            "path": doc.path,
            "title": doc.title,
            "published": doc.published.iso() if doc.published else None,
            "language": doc.language,
            "source": doc.source.name if doc.source else None,
        },
        "places": [
            {
                "name": p.name,
                "gazetteer_id": p.id,
                "kind": p.kind.value,
                "lat": p.point.lat if p.point else None,
                "lon": p.point.lon if p.point else None,
                "country": p.country,
                "admin1": p.admin1,
                "mentions": counts[("place", p.id)],
            }
            for p in ex.places
            if counts[("place", p.id)]  # departments added for roll-ups are not mentions
        ],
        "actors": [
            {
                "name": a.name,
                "actor_id": a.id,
                "kind": a.kind.value,
                "aliases": [s for s in surfaces.get(a.id, []) if s != a.name],
                "new": a.id.startswith("new:"),
                "mentions": counts[("actor", a.id)],
            }
            for a in ex.actors
        ],
        "facts": [
            {
                "indicator": f.indicator,
                "value": f.value,
                **({"value_max": f.value_max} if f.value_max is not None else {}),
                "unit": f.unit,
                "period": f.period,
                "place": f.place_id,
                "evidence": f.evidence_text,
                "span": [f.evidence.start, f.evidence.end],
                "original": f.original,
                "by": f.by,
            }
            for f in ex.facts
        ],
        "events": [
            {
                "type": e.type,
                "date": e.date.iso() if e.date else None,
                "place": e.place_id,
                "actors": list(e.actor_ids),
                "announced": e.announced,
                "evidence": e.evidence_text,
                "span": [e.evidence.start, e.evidence.end],
            }
            for e in ex.events
        ],
    }
