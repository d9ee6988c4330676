"""Relations between actors in one sentence: alliance, rivalry, leadership, membership.

Every sentence here is invented for the tests (demo text), in English and Spanish.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pukara.extract.actors import ActorMention
from pukara.extract.document import extract_text
from pukara.extract.relations import extract_relations
from pukara.extract.text import split_sentences
from pukara.model import Actor, ActorKind, FuzzyDate, Span
from pukara.refdata.relations import load_relation_cues

PCC = Actor("pcc", "Primeiro Comando da Capital", ActorKind.CRIMINAL_GROUP, "BR")
CV = Actor("comando-vermelho", "Comando Vermelho", ActorKind.CRIMINAL_GROUP, "BR")
MPCP = Actor("mpcp", "Militarized Communist Party of Peru", ActorKind.ARMED_GROUP, "PE")
VQP = Actor("victor-quispe-palomino", "Víctor Quispe Palomino", ActorKind.PERSON, "PE")


def _mentions(text: str, *named: tuple[str, Actor]) -> list[ActorMention]:
    """Mentions at the first place each surface is written (hand-made, like a resolver's)."""
    out = []
    for surface, actor in named:
        start = text.index(surface)
        out.append(ActorMention(start, start + len(surface), surface, actor, "name"))
    return out


def _triples(text: str, *named: tuple[str, Actor]) -> list[tuple[str, str, str]]:
    rels = extract_relations(text, split_sentences(text), _mentions(text, *named))
    return [(r.kind, r.source_id, r.target_id) for r in rels]


# -- the whole pipeline: registry names resolved by the actor extractor ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Comando Vermelho is allied with Los Crias in Tabatinga.",
            ("alliance", "comando-vermelho", "os-crias"),
        ),
        (
            "The MPCP, led by Víctor Quispe Palomino, charges traffickers in the VRAEM.",
            ("leadership", "victor-quispe-palomino", "mpcp"),
        ),
        (
            "Jorge Quispe Palomino, leader of the MPCP, died in 2021.",
            ("leadership", "jorge-quispe-palomino", "mpcp"),
        ),
        (
            "El Frente Carolina Ramírez mantiene una guerra con los Comandos de la Frontera.",
            ("rivalry", "frente-carolina-ramirez", "comandos-de-la-frontera"),
        ),
        (
            "Comandos de la Frontera is a faction of the FARC dissidents.",
            ("membership", "comandos-de-la-frontera", "farc-dissidents"),
        ),
        (
            "El Primeiro Comando da Capital y el Comando Vermelho se disputan el Yavarí.",
            ("rivalry", "pcc", "comando-vermelho"),
        ),
    ],
)
def test_extract_text_reads_the_relation(text: str, expected: tuple[str, str, str]) -> None:
    ex = extract_text(text, published="2024-05-01")
    assert [(r.kind, r.source_id, r.target_id) for r in ex.relations] == [expected]
    rel = ex.relations[0]
    assert rel.evidence_text == rel.evidence.of(text) == text
    assert rel.date == FuzzyDate.parse("2024-05-01")
    assert rel.doc_id == ex.document.id
    assert rel.cue and rel.cue.lower() in text.lower()


# -- the relation reader on its own, with hand-made mentions ------------------------------


def test_both_actors_before_a_symmetric_cue() -> None:
    text = "el PCC y el Comando Vermelho se disputan el Yavarí"
    assert _triples(text, ("PCC", PCC), ("Comando Vermelho", CV)) == [
        ("rivalry", "pcc", "comando-vermelho")
    ]


def test_both_actors_after_a_symmetric_cue() -> None:
    text = "The alliance between the PCC and the Comando Vermelho ended in 2016."
    assert _triples(text, ("PCC", PCC), ("Comando Vermelho", CV)) == [
        ("alliance", "pcc", "comando-vermelho")
    ]


def test_reverse_cue_makes_the_later_actor_the_leader() -> None:
    text = "the MPCP, led by Víctor Quispe Palomino"
    assert _triples(text, ("MPCP", MPCP), ("Víctor Quispe Palomino", VQP)) == [
        ("leadership", "victor-quispe-palomino", "mpcp")
    ]


def test_spanish_leadership_cue() -> None:
    text = "el MPCP, liderado por Víctor Quispe Palomino, opera en el VRAEM"
    assert _triples(text, ("MPCP", MPCP), ("Víctor Quispe Palomino", VQP)) == [
        ("leadership", "victor-quispe-palomino", "mpcp")
    ]


def test_a_group_does_not_lead_a_group() -> None:
    text = "the PCC, led by the Comando Vermelho"  # leaders are persons (source_kinds)
    assert _triples(text, ("PCC", PCC), ("Comando Vermelho", CV)) == []


def test_negated_cue_states_nothing() -> None:
    text = "The PCC is not allied with the Comando Vermelho. El PCC ya no trabaja con el CV."
    named = _mentions(text, ("PCC", PCC), ("Comando Vermelho", CV))
    second = text.index("El PCC") + 3
    named += [
        ActorMention(second, second + 3, "PCC", PCC, "name"),
        ActorMention(text.index("CV."), text.index("CV.") + 2, "CV", CV, "name"),
    ]
    assert extract_relations(text, split_sentences(text), named) == []


def test_actors_in_different_sentences_are_not_related() -> None:
    text = "The PCC grew in São Paulo. Its rivals include the Comando Vermelho."
    assert _triples(text, ("PCC", PCC), ("Comando Vermelho", CV)) == []


def test_far_apart_actors_are_not_related() -> None:
    filler = " which runs boats, airstrips and laboratories along the river for many years"
    text = f"The PCC{filler}{filler}, is allied with the Comando Vermelho."
    assert _triples(text, ("PCC", PCC), ("Comando Vermelho", CV)) == []


def test_one_relation_per_pair_and_kind_in_a_sentence() -> None:
    text = "The PCC, a rival of the Comando Vermelho, fights the Comando Vermelho daily."
    again = text.rindex("Comando")
    named = [
        *_mentions(text, ("PCC", PCC), ("Comando Vermelho", CV)),
        ActorMention(again, again + 16, "Comando Vermelho", CV, "name"),
    ]
    rels = extract_relations(text, split_sentences(text), named)
    assert [(r.kind, r.source_id, r.target_id) for r in rels] == [
        ("rivalry", "pcc", "comando-vermelho")
    ]


def test_cues_load_in_both_languages_longest_first() -> None:
    cues = load_relation_cues()
    assert set(cues.kinds) == {"alliance", "rivalry", "leadership", "membership"}
    assert {c.language for c in cues.cues} == {"en", "es"}
    lengths = [len(c.text) for c in cues.cues]
    assert lengths == sorted(lengths, reverse=True)
    led_by = next(c for c in cues.cues if c.text == "led by")
    assert led_by.reverse and led_by.source_kinds == ("person",)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.integers(0, 200), st.integers(0, 200))
def test_any_text_gives_relations_inside_the_text(text: str, a: int, b: int) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    named = [
        ActorMention(0, a, text[:a], PCC, "name"),
        ActorMention(b, len(text), text[b:], CV, "name"),
    ]
    for rel in extract_relations(text, split_sentences(text), named):
        assert rel.evidence.of(text) == rel.evidence_text
        assert isinstance(rel.evidence, Span)
