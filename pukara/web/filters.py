"""The filters of every map, timeline and list, read from the query string.

In: query parameters ``activity``, ``actor``, ``indicator``, ``type``, ``since``, ``until``
(empty values ignored; dates as YYYY, YYYY-MM or YYYY-MM-DD, inclusive, compared by
overlap). Out: a ``pukara.model.Filters`` with the event types the taxonomy links to the
indicator filled in; what each filter means is said there.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query

from pukara.analyse.filtering import make_filters
from pukara.errors import InputError
from pukara.model import Filters
from pukara.model.periods import check_bound

__all__ = ["Filters", "filters_from_query"]

_ID = re.compile(r"^[\w:.+-]{1,120}$", re.UNICODE)


def _clean(name: str, value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if not _ID.match(value):
        raise InputError("query", name, f"{value[:60]!r} is not an identifier")
    return value


def _bound(name: str, value: str | None) -> str | None:
    try:
        return check_bound((value or "").strip() or None, name)
    except ValueError as exc:
        raise InputError("query", name, str(exc)) from exc


def filters_from_query(
    activity: Annotated[
        str | None, Query(max_length=120, description="Economy or field: coca, gold_mining...")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=120, description="Actor id (events naming it)")
    ] = None,
    indicator: Annotated[
        str | None, Query(max_length=120, description="Indicator id (figures of it)")
    ] = None,
    type: Annotated[str | None, Query(max_length=120, description="Event type id")] = None,
    since: Annotated[
        str | None, Query(max_length=10, description="From YYYY[-MM[-DD]], inclusive")
    ] = None,
    until: Annotated[
        str | None, Query(max_length=10, description="To YYYY[-MM[-DD]], inclusive")
    ] = None,
) -> Filters:
    """FastAPI dependency: validated ``Filters`` from the query string."""
    return make_filters(
        activity=_clean("activity", activity),
        actor=_clean("actor", actor),
        indicator=_clean("indicator", indicator),
        type=_clean("type", type),
        since=_bound("since", since),
        until=_bound("until", until),
    )
