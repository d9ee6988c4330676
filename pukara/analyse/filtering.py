"""Build the shared ``Filters`` the way every face does: with the event types that the
taxonomy links to an indicator (``refdata/data/event_types.yaml``: a seizure reports
cocaine_seizures), so "figures of cocaine seizures" and "seizure events" filter together."""

from __future__ import annotations

from pukara.model import Filters
from pukara.refdata.taxonomy import load_event_types

__all__ = ["make_filters"]


def make_filters(
    activity: str | None = None,
    actor: str | None = None,
    indicator: str | None = None,
    type: str | None = None,  # the filter's name everywhere
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    """``Filters`` with ``linked_types`` filled from the taxonomy."""
    linked = None
    if indicator:
        linked = tuple(t.id for t in load_event_types() if indicator in t.indicators)
    return Filters(activity, actor, indicator, type, since, until, linked)
