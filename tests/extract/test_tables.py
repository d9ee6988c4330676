"""Figures in tables under a heading (invented demo text in the style of a monitoring report)."""

from __future__ import annotations

from pukara.extract.document import extract_text

REPORT = """Según el informe, la coca bajó en 2023.

Cuadro 1. Superficie de coca por zona estratégica, 2023 (ha)
- VRAEM: 38.205
- La Convención-Lares: 11.320

Table 2. Cocaine seized by region (kg)
Loreto: 1,250
"""


def test_rows_take_unit_year_and_indicator_from_their_heading() -> None:
    facts = {f.value: f for f in extract_text(REPORT, language="es").facts}
    vraem = facts[38205.0]
    assert (vraem.unit, vraem.period, vraem.place_id) == ("ha", "2023", "zone:vraem")
    assert vraem.indicator == "coca_cultivation_area"
    assert REPORT[vraem.evidence.start : vraem.evidence.end] == "- VRAEM: 38.205"
    assert facts[11320.0].place_id == "zone:la-convencion-lares"
    assert facts[1250.0].unit == "kg" and facts[1250.0].place_id == "pe:16"


def test_rows_without_a_unit_heading_are_not_facts() -> None:
    text = "Contents\n- Chapter: 3\n- Annex: 12\n"
    assert extract_text(text).facts == ()
