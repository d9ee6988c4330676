"""Reading figures (facts): filtered lists with their evidence, and grouped counts.

A figure's window is its period, or its document's publication when it has none
(``when_lo``/``when_hi``, written with the figure); shift tests use the period alone
(``period_lo``/``period_hi``): a figure counts in a window that holds its whole period.
Near-duplicate copies are left out of every count (``not_copy``), and everything is
filtered by the reader's audience.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pukara.model import FactRecord, Filters
from pukara.model.periods import day_hi, day_lo
from pukara.store.reads.base import Params, Reads, marking_from

__all__ = ["FactReads", "window_sql"]

_SELECT = """SELECT f.id, f.indicator, f.value, f.value_max, f.unit, f.period, f.place_id, p.name,
    f.original, f.by_agency, f.doc_id, f.span_start, f.span_end, f.evidence, s.name,
    s.reliability, s.credibility, d.published, d.title, f.tlp, f.releasable_to,
    coalesce(s.protected, 0)
FROM facts f JOIN documents d ON d.id = f.doc_id LEFT JOIN sources s ON s.id = d.source_id
LEFT JOIN places p ON p.id = f.place_id"""


def window_sql(
    lo_col: str, hi_col: str, since: str | None, until: str | None
) -> tuple[str, Params]:
    """`` AND`` conditions: [lo_col, hi_col] overlaps [since, until] (ISO bounds)."""
    sql, params = "", []
    if since:
        sql += f" AND {hi_col} >= ?"
        params.append(day_lo(since))
    if until:
        sql += f" AND {lo_col} <= ?"
        params.append(day_hi(until))
    return sql, params


class FactReads(Reads):
    def _fact(self, r: Any) -> FactRecord:
        grade = f"{r[15]}{r[16]}" if r[15] else None
        evidence = self.evidence(r[10], r[11], r[12], r[13], r[14], grade, r[17], r[18],
                                 marking_from(r[19], r[20]), r[21])  # fmt: skip
        return FactRecord(
            r[0], r[1], float(r[2]), None if r[3] is None else float(r[3]), r[4], r[5], r[6],
            r[7], r[8] if self.shown(r[21]) else "", r[9], evidence,
            credibility=int(r[16] or 6), reliability=r[15] or "F",
        )  # fmt: skip

    def fact_filter(
        self, filters: Filters, scope: Sequence[str] | None = None, copies: bool = False
    ) -> tuple[str, Params]:
        """`` AND`` conditions on alias ``f`` for ``filters``, ``scope`` and the audience."""
        sql, params = self.vis("f")
        if not copies:
            cond, more = self.not_copy("f.doc_id")
            sql, params = sql + f" AND {cond}", params + more
        for column, value in (("activity", filters.activity), ("indicator", filters.indicator)):
            if value:
                sql += f" AND f.{column} = ?"
                params.append(value)
        if filters.actor:
            sql += (
                " AND f.doc_id IN (SELECT doc_id FROM mentions WHERE kind = 'actor' AND ref_id = ?)"
            )
            params.append(filters.actor)
        window, more = window_sql("f.when_lo", "f.when_hi", filters.since, filters.until)
        sql, params = sql + window, params + more
        if scope is not None:
            cond, more = self.db.in_list("f.place_id", list(scope))
            sql, params = sql + f" AND {cond}", params + more
        return sql, params

    def facts(
        self,
        filters: Filters | None = None,
        *,
        scope: Sequence[str] | None = None,
        limit: int | None = 100,
        offset: int = 0,
        order: str = "recent",
    ) -> tuple[list[FactRecord], int]:
        """Figures passing ``filters`` (in ``scope`` when given) and how many there are.

        ``order``: "recent" (latest period first, then best source) or "stored" (by id)."""
        where, params = self.fact_filter(filters or Filters(), scope)
        ordering = (
            " ORDER BY f.period DESC NULLS LAST, coalesce(s.reliability, 'F'),"
            " coalesce(s.credibility, 6), f.id"
            if order == "recent"
            else " ORDER BY f.id"
        )
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        rows = self.db.rows(
            f"{_SELECT} WHERE 1 = 1{where}{ordering}{page}",
            [*params, *((limit, offset) if limit is not None else ())],
        )
        total = self.db.scalar(f"SELECT count(*) FROM facts f WHERE 1 = 1{where}", params)
        return [self._fact(r) for r in rows], int(total)

    def facts_by_ids(self, ids: Sequence[str]) -> list[FactRecord]:
        vis, params = self.vis("f")
        found: list[FactRecord] = []
        for chunk in self.db.chunks(list(ids)):
            cond, more = self.db.in_list("f.id", chunk)
            found += [self._fact(r) for r in self.db.rows(
                f"{_SELECT} WHERE {cond}{vis}", [*more, *params])]  # fmt: skip
        return found

    def fact_counts(
        self, activities: Sequence[str], since: str | None, until: str | None
    ) -> list[tuple[str, str, int, str, str]]:
        """(place, activity, figures, first id, last id) for positive figures of the
        given activities in the window, from independent documents."""
        where, params = self.vis("f")
        copy, more = self.not_copy("f.doc_id")
        acts, more2 = self.db.in_list("f.activity", list(activities))
        window, more3 = window_sql("f.when_lo", "f.when_hi", since, until)
        rows = self.db.rows(
            "SELECT f.place_id, f.activity, count(*), min(f.id), max(f.id) FROM facts f"
            f" WHERE {acts} AND f.place_id IS NOT NULL AND f.value > 0 AND {copy}{where}{window}"
            " GROUP BY f.place_id, f.activity",
            [*more2, *more, *params, *more3],
        )
        return [(r[0], r[1], int(r[2]), r[3], r[4]) for r in rows]

    def fact_period_counts(
        self, efforts: Sequence[int], lo: str, hi: str
    ) -> list[tuple[str, int, str, str, int]]:
        """(place, effort, period_lo, period_hi, distinct document|indicator) of dated
        figures whose period lies inside [lo, hi] (days), from independent documents."""
        where, params = self.vis("f")
        copy, more = self.not_copy("f.doc_id")
        eff, more2 = self.db.in_list("f.effort", list(efforts))
        rows = self.db.rows(
            "SELECT f.place_id, f.effort, f.period_lo, f.period_hi,"
            " count(DISTINCT f.doc_id || '|' || f.indicator) FROM facts f"
            f" WHERE f.place_id IS NOT NULL AND f.period_lo >= ? AND f.period_hi <= ? AND {eff}"
            f" AND {copy}{where} GROUP BY f.place_id, f.effort, f.period_lo, f.period_hi",
            [lo, hi, *more2, *more, *params],
        )
        return [(r[0], int(r[1]), r[2], r[3], int(r[4])) for r in rows]

    def fact_examples(
        self, places: Sequence[str], effort: int, lo: str, hi: str, limit: int
    ) -> list[FactRecord]:
        """Figures of ``effort`` at ``places`` whose period lies inside [lo, hi]."""
        where, params = self.vis("f")
        copy, more = self.not_copy("f.doc_id")
        cond, more2 = self.db.in_list("f.place_id", list(places))
        rows = self.db.rows(
            f"{_SELECT} WHERE {cond} AND f.effort = ? AND f.period_lo >= ? AND f.period_hi <= ?"
            f" AND {copy}{where} ORDER BY f.id LIMIT ?",
            [*more2, effort, lo, hi, *more, *params, limit],
        )
        return [self._fact(r) for r in rows]

    def effort_sums(
        self, places: Sequence[str], windows: Sequence[tuple[str, str]], units: Sequence[str]
    ) -> list[tuple[str, str, float, float]]:
        """Per (indicator, unit): the sum over places and periods of the largest effort
        figure reported for each (place, period), in each of the two windows (days)."""
        where, params = self.vis("f")
        copy, more = self.not_copy("f.doc_id")
        cond, more2 = self.db.in_list("f.place_id", list(places))
        ucond, more3 = self.db.in_list("f.unit", list(units))
        (b0, b1), (a0, a1) = windows
        rows = self.db.rows(
            "SELECT indicator, unit, sum(CASE WHEN w = 0 THEN v ELSE 0 END),"
            " sum(CASE WHEN w = 1 THEN v ELSE 0 END) FROM ("
            " SELECT f.indicator, f.unit, CASE WHEN f.period_lo >= ? AND f.period_hi <= ? THEN 0"
            " WHEN f.period_lo >= ? AND f.period_hi <= ? THEN 1 END AS w, max(f.value) AS v"
            f" FROM facts f WHERE {cond} AND f.effort = 1 AND {ucond} AND {copy}{where}"
            " AND f.period_lo >= ? AND f.period_hi <= ?"
            " GROUP BY f.indicator, f.unit, f.place_id, f.period, 3) q WHERE w IS NOT NULL"
            " GROUP BY indicator, unit ORDER BY indicator, unit",
            [b0, b1, a0, a1, *more2, *more3, *more, *params, b0, a1],
        )
        return [(r[0], r[1], float(r[2]), float(r[3])) for r in rows]

    def indicator_counts(self, scope: Sequence[str] | None = None) -> list[tuple[str, int]]:
        """Indicators with figures (in ``scope``), most reported first."""
        where, params = self.fact_filter(Filters(), scope)
        rows = self.db.rows(
            f"SELECT f.indicator, count(*) FROM facts f WHERE 1 = 1{where}"
            " GROUP BY f.indicator ORDER BY 2 DESC, 1",
            params,
        )
        return [(r[0], int(r[1])) for r in rows]

    def fact_places(self, filters: Filters) -> list[tuple[str | None, int]]:
        """(place, figures) after ``filters``: what the map counts."""
        where, params = self.fact_filter(filters)
        rows = self.db.rows(
            f"SELECT f.place_id, count(*) FROM facts f WHERE 1 = 1{where} GROUP BY f.place_id",
            params,
        )
        return [(r[0], int(r[1])) for r in rows]

    def fact_markings(self, filters: Filters, scope: Sequence[str]) -> list[tuple[str, str]]:
        where, params = self.fact_filter(filters, scope)
        rows = self.db.rows(
            f"SELECT DISTINCT f.tlp, f.releasable_to FROM facts f WHERE 1 = 1{where}", params
        )
        return [(r[0], r[1]) for r in rows]
