"""Reading events: rows for grouping into happenings, reports with their evidence, and
the grouped counts of the shift tests and the map.

An event's window is its own date (``date_lo``/``date_hi``); grouping places an undated
report by the month its document was published in, so ``event_rows`` also returns every
visible document's publication, original and source (``document_infos``). Near-duplicate
copies are left out of counts, and everything is filtered by the reader's audience.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from pukara.model import EventReport, Filters
from pukara.store.reads.base import Params, Reads, marking_from
from pukara.store.reads.facts import window_sql

__all__ = ["DocumentInfo", "EventReads", "EventRow"]


class EventRow(NamedTuple):
    """What grouping reports into happenings needs of one event."""

    id: str
    type: str
    announced: int
    activity: str | None
    date: str | None
    place_id: str | None
    actor_ids: str  # JSON list
    doc_id: str
    evidence: str


class DocumentInfo(NamedTuple):
    published: str | None
    root_id: str  # the document a near-duplicate copies (for this reader), else itself
    source: str | None
    root_source: int | None


_REPORT = """SELECT e.id, e.type, e.date, e.place_id, e.announced, e.actor_ids, e.doc_id,
    e.span_start, e.span_end, e.evidence, s.name, s.reliability || s.credibility, d.published,
    d.title, e.tlp, e.releasable_to, coalesce(s.protected, 0), d.duplicate_of
FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN sources s ON s.id = d.source_id"""


class EventReads(Reads):
    def event_rows(
        self, since: str | None = None, until: str | None = None, types: Sequence[str] | None = None
    ) -> list[EventRow]:
        """Visible events dated in the window (days, inclusive), or undated ones whose
        document was published in it, of the given types; by id."""
        where, params = self.vis("e")
        if since or until:
            dated, p1 = window_sql("e.date_lo", "e.date_hi", since, until)
            published, p2 = window_sql("d.published_lo", "d.published_hi", since, until)
            where += f" AND ((e.date_lo IS NOT NULL{dated}) OR (e.date_lo IS NULL{published}))"
            params += p1 + p2
        if types is not None:
            cond, more = self.db.in_list("e.type", list(types))
            where, params = where + f" AND {cond}", params + more
        rows = self.db.rows(
            "SELECT e.id, e.type, e.announced, e.activity, e.date, e.place_id, e.actor_ids,"
            " e.doc_id, e.evidence FROM events e JOIN documents d ON d.id = e.doc_id"
            f" WHERE 1 = 1{where} ORDER BY e.id",
            params,
        )
        return [EventRow(*r) for r in rows]

    def unclustered_event_rows(self) -> list[EventRow]:
        """Events not yet in a materialised cluster (the full store)."""
        rows = self.db.rows(
            "SELECT e.id, e.type, e.announced, e.activity, e.date, e.place_id, e.actor_ids,"
            " e.doc_id, e.evidence FROM events e LEFT JOIN event_clusters c ON c.event_id = e.id"
            " WHERE c.event_id IS NULL ORDER BY e.id"
        )
        return [EventRow(*r) for r in rows]

    def event_rows_by_ids(self, ids: Sequence[str]) -> list[EventRow]:
        found: list[EventRow] = []
        for chunk in self.db.chunks(list(ids)):
            cond, params = self.db.in_list("e.id", chunk)
            found += [EventRow(*r) for r in self.db.rows(
                "SELECT e.id, e.type, e.announced, e.activity, e.date, e.place_id, e.actor_ids,"
                f" e.doc_id, e.evidence FROM events e WHERE {cond}", params)]  # fmt: skip
        return found

    def document_infos(self) -> dict[str, DocumentInfo]:
        """Per visible document: publication, the original it copies (when the reader sees
        that original), its source's name and the original's source id."""
        vis, params = self.vis("d")
        ovis, oparams = self.vis("r")
        rows = self.db.rows(
            "SELECT d.id, d.published, coalesce(r.id, d.id), s.name, coalesce(r.source_id,"
            " d.source_id) FROM documents d"
            f" LEFT JOIN documents r ON r.id = d.duplicate_of{ovis}"
            f" LEFT JOIN sources s ON s.id = d.source_id WHERE 1 = 1{vis}",
            [*oparams, *params],
        )
        return {r[0]: DocumentInfo(r[1], r[2], r[3], r[4]) for r in rows}

    def _report(self, r: Any) -> EventReport:
        evidence = self.evidence(r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13],
                                 marking_from(r[14], r[15]), r[16])  # fmt: skip
        actors = tuple(str(a) for a in __import__("json").loads(r[5] or "[]"))
        return EventReport(r[0], r[1], r[2], r[3], bool(r[4]), actors, evidence, r[17])

    def reports(self, event_ids: Sequence[str]) -> list[EventReport]:
        """The visible events among ``event_ids`` with their evidence, earliest
        publication first."""
        vis, params = self.vis("e")
        found: list[EventReport] = []
        for chunk in self.db.chunks(list(event_ids)):
            cond, more = self.db.in_list("e.id", chunk)
            found += [self._report(r) for r in self.db.rows(
                f"{_REPORT} WHERE {cond}{vis}", [*more, *params])]  # fmt: skip
        return sorted(found, key=lambda x: (x.evidence.published is None,
                                            x.evidence.published or "", x.id))  # fmt: skip

    def event_window_counts(
        self, efforts: Sequence[int], lo: str, hi: str, by_year: bool = False
    ) -> list[tuple[str, int, str, int]]:
        """(place, effort, year or '', distinct document|type) of done (not announced)
        events dated inside [lo, hi] (days), from independent documents: per year with
        ``by_year``, else over the whole window."""
        where, params = self.vis("e")
        copy, more = self.not_copy("e.doc_id")
        eff, more2 = self.db.in_list("e.effort", list(efforts))
        key = "substr(e.date_lo, 1, 4)" if by_year else "''"
        rows = self.db.rows(
            f"SELECT e.place_id, e.effort, {key}, count(DISTINCT e.doc_id || '|' || e.type)"
            " FROM events e WHERE e.place_id IS NOT NULL AND e.announced = 0"
            f" AND e.date_lo >= ? AND e.date_hi <= ? AND {eff} AND {copy}{where}"
            " GROUP BY e.place_id, e.effort" + (f", {key}" if by_year else ""),
            [lo, hi, *more2, *more, *params],
        )
        return [(r[0], int(r[1]), r[2], int(r[3])) for r in rows]

    def event_examples(
        self, places: Sequence[str], effort: int, lo: str, hi: str, limit: int
    ) -> list[EventReport]:
        where, params = self.vis("e")
        copy, more = self.not_copy("e.doc_id")
        cond, more2 = self.db.in_list("e.place_id", list(places))
        rows = self.db.rows(
            f"{_REPORT} WHERE {cond} AND e.effort = ? AND e.announced = 0 AND e.date_lo >= ?"
            f" AND e.date_hi <= ? AND {copy}{where} ORDER BY e.id LIMIT ?",
            [*more2, effort, lo, hi, *more, *params, limit],
        )
        return [self._report(r) for r in rows]

    def event_years(self) -> tuple[int, int] | None:
        """First and last year of done, dated, visible events."""
        where, params = self.vis("e")
        row = self.db.one(
            "SELECT min(substr(e.date_lo, 1, 4)), max(substr(e.date_lo, 1, 4)) FROM events e"
            f" WHERE e.date_lo IS NOT NULL AND e.announced = 0{where}",
            params,
        )
        return (int(row[0]), int(row[1])) if row and row[0] else None

    def event_filter(self, filters: Filters) -> tuple[str, Params]:
        """`` AND`` conditions on alias ``e`` (raw events) for ``filters`` and the audience."""
        where, params = self.vis("e")
        copy, more = self.not_copy("e.doc_id")
        where, params = where + f" AND {copy}", params + more
        if filters.activity:
            where += " AND e.activity = ?"
            params.append(filters.activity)
        types = filters.event_types()
        if types is not None:
            cond, more = self.db.in_list("e.type", list(types))
            where, params = where + f" AND {cond}", params + more
        if filters.actor:
            where += " AND e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)"
            params.append(filters.actor)
        if filters.since or filters.until:
            window, more = window_sql("e.date_lo", "e.date_hi", filters.since, filters.until)
            where += f" AND e.date_lo IS NOT NULL{window}"
            params += more
        return where, params

    def event_places(self, filters: Filters) -> list[tuple[str | None, int]]:
        """(place, done events) after ``filters``: the map when clusters are not stored."""
        where, params = self.event_filter(filters)
        rows = self.db.rows(
            f"SELECT e.place_id, count(*) FROM events e WHERE e.announced = 0{where}"
            " GROUP BY e.place_id",
            params,
        )
        return [(r[0], int(r[1])) for r in rows]

    def event_markings(self, filters: Filters, scope: Sequence[str]) -> list[tuple[str, str]]:
        where, params = self.event_filter(filters)
        cond, more = self.db.in_list("e.place_id", list(scope))
        rows = self.db.rows(
            f"SELECT DISTINCT e.tlp, e.releasable_to FROM events e WHERE {cond}{where}",
            [*more, *params],
        )
        return [(r[0], r[1]) for r in rows]

    def type_counts(self) -> list[tuple[str, int]]:
        where, params = self.vis("e")
        rows = self.db.rows(
            f"SELECT e.type, count(*) FROM events e WHERE 1 = 1{where} GROUP BY e.type"
            " ORDER BY 2 DESC, 1",
            params,
        )
        return [(r[0], int(r[1])) for r in rows]

    def activity_counts(self) -> list[tuple[str, int]]:
        """Activities of visible events and figures, with how many of each."""
        counts: dict[str, int] = {}
        for table in ("events", "facts"):
            where, params = self.vis("x")
            for activity, n in self.db.rows(
                f"SELECT x.activity, count(*) FROM {table} x WHERE x.activity IS NOT NULL{where}"
                " GROUP BY x.activity", params):  # fmt: skip
                counts[activity] = counts.get(activity, 0) + int(n)
        return sorted(counts.items())
