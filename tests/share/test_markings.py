"""Combining markings: the product is as restricted as its most restricted part."""

from __future__ import annotations

from pukara.model import TLP, Marking
from pukara.share.markings import NO_PARTNER, combine_markings, marking_of, within


def test_marking_of_stored_columns() -> None:
    assert marking_of("amber", "co, PE") == Marking(TLP.AMBER, ("CO", "PE"))
    assert marking_of(None, "") == Marking(TLP.CLEAR)
    assert marking_of("red", ["pe"]).label() == "TLP:RED REL TO PE"


def test_highest_level_and_common_partners() -> None:
    combined = combine_markings(
        [Marking(TLP.GREEN), Marking(TLP.AMBER, ("CO", "PE")), Marking(TLP.CLEAR, ("PE", "BR"))]
    )
    assert combined == Marking(TLP.AMBER, ("PE",))


def test_no_common_partner_and_nothing_at_all() -> None:
    assert combine_markings([Marking(TLP.GREEN, ("CO",)), Marking(TLP.GREEN, ("BR",))]) == Marking(
        TLP.GREEN, (NO_PARTNER,)
    )
    assert combine_markings([]) == Marking(TLP.CLEAR)


def test_within_a_ceiling() -> None:
    assert within(Marking(TLP.GREEN), TLP.AMBER) and not within(Marking(TLP.RED), TLP.AMBER)
