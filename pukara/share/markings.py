"""Handling markings of shared material: read them from stored rows and combine them.

In: the ``tlp`` and ``releasable_to`` columns of documents, facts, events (or ``Marking``
records). Out: ``Marking`` records, and the one marking that covers a set of them: the most
restrictive TLP level and the partners every piece may go to. Every exporter of
``pukara.share`` (briefings first) labels its output with ``combine_markings`` of all the
material it read, so a product is never marked lower than its most sensitive part.
"""

from __future__ import annotations

from collections.abc import Iterable

from pukara.model import TLP, Marking

__all__ = ["NO_PARTNER", "TLP_COLOURS", "combine_markings", "marking_of", "within"]

# Releasability when the pieces name partners but no partner is common to all of them.
NO_PARTNER = "NONE"

# TLP 2.0 colours (FIRST, "TLP version 2.0", 2022): text colour on a black background.
TLP_COLOURS = {
    TLP.CLEAR: "#FFFFFF",
    TLP.GREEN: "#33FF00",
    TLP.AMBER: "#FFC000",
    TLP.AMBER_STRICT: "#FFC000",
    TLP.RED: "#FF2B2B",
}


def marking_of(tlp: str | TLP | None, releasable_to: str | Iterable[str] | None = None) -> Marking:
    """A ``Marking`` from stored columns: ``tlp`` as text ("amber") and ``releasable_to``
    as the comma-separated column ("PE,CO") or a sequence. A missing level reads as CLEAR,
    as the store's column default does."""
    level = TLP(tlp) if tlp else TLP.CLEAR
    if releasable_to is None:
        partners: tuple[str, ...] = ()
    elif isinstance(releasable_to, str):
        partners = tuple(p.strip().upper() for p in releasable_to.split(",") if p.strip())
    else:
        partners = tuple(p.strip().upper() for p in releasable_to if p.strip())
    return Marking(level, tuple(sorted(set(partners))))


def combine_markings(markings: Iterable[Marking]) -> Marking:
    """The marking of a product made of ``markings``: the highest TLP level among them,
    releasable only to the partners that every restricted piece may go to.

    Pieces without a releasability list restrict nothing beyond their level. When the
    restricted pieces share no partner the result is ``REL TO NONE``: no partner may have
    the whole product. No markings at all give TLP:CLEAR.
    """
    level = TLP.CLEAR
    partners: set[str] | None = None  # None: no piece restricts releasability
    for m in markings:
        if m.tlp.rank > level.rank:
            level = m.tlp
        if m.releasable_to:
            mine = set(m.releasable_to)
            partners = mine if partners is None else partners & mine
    if partners is None:
        return Marking(level)
    return Marking(level, tuple(sorted(partners)) or (NO_PARTNER,))


def within(marking: Marking, ceiling: TLP) -> bool:
    """True when ``marking`` is no more restrictive than ``ceiling`` (the TLP level an
    audience may receive)."""
    return marking.tlp.rank <= ceiling.rank
