"""Who is reading: the audience every read of the store is made for.

An ``Audience`` is a reader's role, the most restricted TLP level it may receive and, for a
partner, the ISO country code it belongs to. The store filters every row, count, rank and
snippet by it (``pukara.store``); this module only states the rule, so that the store, the
exporters and the tests share one definition:

* a record is visible when its TLP level is at most the audience's ``max_tlp`` and, for a
  partner, when its releasability list is empty or names the partner;
* partners never receive TLP:AMBER+STRICT or TLP:RED (TLP 2.0 keeps those inside the
  recipient's own organisation or to named people), whatever ``max_tlp`` says;
* a document of a protected source (a human source, a liaison service) shows a partner its
  Admiralty grade and "protected source", never the source's name, URL or the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pukara.model.values import TLP, Marking

__all__ = ["PROTECTED_SOURCE", "Audience", "Role"]

PROTECTED_SOURCE = "protected source"
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_PARTNER_CEILING = TLP.AMBER


class Role(StrEnum):
    """What a user may do: read (viewer), also ingest and correct (analyst), also manage
    users and markings (admin); a partner reads what is released to its country."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    ADMIN = "admin"
    PARTNER = "partner"

    @property
    def can_write(self) -> bool:
        return self in (Role.ANALYST, Role.ADMIN)


@dataclass(frozen=True, slots=True)
class Audience:
    """A reader: role, highest TLP level it may receive, partner country (None: national)."""

    role: Role = Role.ADMIN
    max_tlp: TLP = TLP.RED
    partner: str | None = None
    user: str = "local"

    def __post_init__(self) -> None:
        if self.partner is not None and not _COUNTRY.match(self.partner):
            raise ValueError(f"partner {self.partner!r}: use a two-letter ISO country code")
        if (self.role is Role.PARTNER) != (self.partner is not None):
            raise ValueError("a partner audience needs a country, and only partners have one")

    @classmethod
    def local(cls) -> Audience:
        """The person at the keyboard of a local store: sees everything."""
        return cls()

    @classmethod
    def for_partner(cls, country: str, max_tlp: TLP = TLP.AMBER, user: str = "") -> Audience:
        return cls(Role.PARTNER, max_tlp, country.strip().upper(), user or country.upper())

    @property
    def ceiling(self) -> TLP:
        """The highest level this audience receives (partners stop at TLP:AMBER)."""
        if self.partner is not None and self.max_tlp.rank > _PARTNER_CEILING.rank:
            return _PARTNER_CEILING
        return self.max_tlp

    @property
    def sees_everything(self) -> bool:
        """True for national readers cleared for TLP:RED: no filter needed."""
        return self.partner is None and self.max_tlp is TLP.RED

    @property
    def sees_protected(self) -> bool:
        """Whether names and texts of protected sources are shown."""
        return self.partner is None

    def can_see(self, marking: Marking) -> bool:
        if marking.tlp.rank > self.ceiling.rank:
            return False
        return (
            self.partner is None
            or not marking.releasable_to
            or (self.partner in marking.releasable_to)
        )

    def label(self) -> str:
        who = f"partner {self.partner}" if self.partner else self.role.value
        return f"{who} (up to TLP:{self.ceiling.value.upper()})"
