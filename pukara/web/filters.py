"""The filters every map, timeline and list of the web app shares, and their SQL.

In: query parameters ``activity``, ``actor``, ``indicator``, ``type``, ``since``, ``until``
(empty values ignored; dates as YYYY, YYYY-MM or YYYY-MM-DD, inclusive, compared by
overlap). Out: a frozen ``Filters`` with SQL fragments for the materialised event clusters,
the raw events and the facts, always with ``?`` placeholders (values never enter SQL text).

What each filter means:

* ``activity`` — the economy or field of an event or figure (coca, gold_mining, ...).
* ``actor`` — events naming the actor; figures from documents that name it.
* ``indicator`` — figures of that indicator; events of the types the taxonomy links to it
  (``event_types.yaml``: a seizure reports cocaine_seizures).
* ``type`` — events of that type (figures are not typed and are left as they are).
* ``since`` / ``until`` — an event by its best date, a figure by its period (its
  document's publication date when it has none).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from pukara.analyse.clusters import window_bound
from pukara.errors import InputError, PukaraError
from pukara.refdata.taxonomy import load_event_types

__all__ = ["Filters", "filters_from_query"]

_ID = re.compile(r"^[\w:.+-]{1,120}$", re.UNICODE)
_PERIOD_START = "CASE WHEN instr({0}, '/') THEN substr({0}, 1, instr({0}, '/') - 1) ELSE {0} END"
_PERIOD_END = "CASE WHEN instr({0}, '/') THEN substr({0}, instr({0}, '/') + 1) ELSE {0} END"


@dataclass(frozen=True, slots=True)
class Filters:
    activity: str | None = None
    actor: str | None = None
    indicator: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None

    def query(self, **changes: str | None) -> str:
        """The filters as a query string (for links), with ``changes`` applied."""
        values = {**asdict(self), **changes}
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def active(self) -> bool:
        return any(asdict(self).values())

    def linked_types(self) -> list[str] | None:
        """Event types the indicator filter keeps (None: no indicator filter)."""
        if self.indicator is None:
            return None
        return [t.id for t in load_event_types() if self.indicator in t.indicators]

    def cluster_sql(self, alias: str = "c") -> tuple[str, list[Any]]:
        """``AND ...`` conditions on the ``clusters`` table (aliased ``alias``)."""
        sql, params = self._event_common(alias, "date")
        if self.actor:
            sql += (
                f" AND {alias}.cluster_id IN (SELECT cluster_id FROM cluster_actors "
                "WHERE actor_id = ?)"
            )
            params.append(self.actor)
        return sql, params

    def event_sql(self, alias: str = "e") -> tuple[str, list[Any]]:
        """``AND ...`` conditions on the raw ``events`` table (before clustering)."""
        sql, params = self._event_common(alias, "date")
        if self.actor:
            sql += f" AND {alias}.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)"
            params.append(self.actor)
        return sql, params

    def fact_sql(self, alias: str = "f") -> tuple[str, list[Any]]:
        """``AND ...`` conditions on the ``facts`` table (aliased ``alias``)."""
        sql, params = "", []
        if self.activity:
            sql += f" AND {alias}.activity = ?"
            params.append(self.activity)
        if self.indicator:
            sql += f" AND {alias}.indicator = ?"
            params.append(self.indicator)
        if self.actor:
            sql += (
                f" AND {alias}.doc_id IN (SELECT doc_id FROM mentions "
                "WHERE kind = 'actor' AND ref_id = ?)"
            )
            params.append(self.actor)
        if self.since or self.until:
            on_period, p1 = self._window(f"{alias}.period", period=True)
            on_doc, p2 = self._window("published", period=False)
            sql += (
                f" AND (({alias}.period IS NOT NULL AND {on_period}) OR ({alias}.period IS NULL"
                f" AND {alias}.doc_id IN (SELECT id FROM documents WHERE published IS NOT NULL"
                f" AND {on_doc})))"
            )
            params += p1 + p2
        return sql, params

    def _event_common(self, alias: str, column: str) -> tuple[str, list[Any]]:
        sql, params = "", []
        if self.activity:
            sql += f" AND {alias}.activity = ?"
            params.append(self.activity)
        if self.type:
            sql += f" AND {alias}.type = ?"
            params.append(self.type)
        types = self.linked_types()
        if types is not None:
            sql += f" AND {alias}.type IN ({','.join('?' * len(types))})" if types else " AND 0"
            params.extend(types)
        if self.since or self.until:
            window, more = self._window(f"{alias}.{column}", period=False)
            sql += f" AND {alias}.{column} IS NOT NULL AND {window}"
            params.extend(more)
        return sql, params

    def _window(self, column: str, *, period: bool) -> tuple[str, list[Any]]:
        """Overlap of an ISO-prefix column with [since, until]: "2020" ends after
        "2020-05" because "2020~" sorts after it ('~' sorts after digits and '-')."""
        start = _PERIOD_START.format(column) if period else column
        end = _PERIOD_END.format(column) if period else column
        tests, params = [], []
        if self.since:
            tests.append(f"{end} || '~' >= ?")
            params.append(self.since)
        if self.until:
            tests.append(f"{start} <= ?")
            params.append(self.until + "~")
        return " AND ".join(tests), params


def _clean(name: str, value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if not _ID.match(value):
        raise InputError("query", name, f"{value[:60]!r} is not an identifier")
    return value


def _bound(name: str, value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return window_bound(value)
    except PukaraError as exc:
        raise InputError("query", name, f"{value[:40]!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def filters_from_query(
    activity: Annotated[
        str | None, Query(description="Economy or field: coca, gold_mining...")
    ] = None,
    actor: Annotated[str | None, Query(description="Actor id (events naming it)")] = None,
    indicator: Annotated[str | None, Query(description="Indicator id (figures of it)")] = None,
    type: Annotated[str | None, Query(description="Event type id")] = None,
    since: Annotated[str | None, Query(description="From YYYY[-MM[-DD]], inclusive")] = None,
    until: Annotated[str | None, Query(description="To YYYY[-MM[-DD]], inclusive")] = None,
) -> Filters:
    """FastAPI dependency: validated ``Filters`` from the query string."""
    return Filters(
        activity=_clean("activity", activity),
        actor=_clean("actor", actor),
        indicator=_clean("indicator", indicator),
        type=_clean("type", type),
        since=_bound("since", since),
        until=_bound("until", until),
    )
