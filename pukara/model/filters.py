"""The filters every map, timeline, list and export shares.

``activity`` — the economy or field of an event or figure (coca, gold_mining, ...);
``actor`` — events naming the actor, figures from documents that name it;
``indicator`` — figures of that indicator, and events of the types the taxonomy links to it
(``linked_types``, filled by whoever builds the filters from the taxonomy: a seizure reports
cocaine_seizures); ``type`` — events of that type (figures are untyped and left as they
are); ``since`` / ``until`` — ISO bounds, inclusive, compared by overlap: an event by its
best date, a figure by its period (its document's publication date when it has none).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

__all__ = ["Filters"]


@dataclass(frozen=True, slots=True)
class Filters:
    activity: str | None = None
    actor: str | None = None
    indicator: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    linked_types: tuple[str, ...] | None = None  # event types of ``indicator``

    def query(self, **changes: str | None) -> str:
        """The filters as a query string (for links), with ``changes`` applied."""
        values = {**asdict(self), **changes}
        values.pop("linked_types", None)
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def active(self) -> bool:
        return any(v for k, v in asdict(self).items() if k != "linked_types")

    def event_types(self) -> tuple[str, ...] | None:
        """Event types these filters keep (None: any)."""
        types = self.linked_types
        if self.type:
            return tuple(t for t in (types or (self.type,)) if t == self.type)
        return types
