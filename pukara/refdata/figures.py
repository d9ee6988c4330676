"""Load the words around a figure that tie it to a year, say what it counts or who
stands behind it (``data/figure_terms.yaml``).

Out: ``load_figure_terms()`` -> ``FigureTerms``, cached, every phrase folded (lower case,
no accents) so that matchers can search folded text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["FigureTerms", "load_figure_terms"]


@dataclass(frozen=True, slots=True)
class FigureTerms:
    report_words: tuple[str, ...]  # "informe", "survey": a titled report gives a year
    comparison_words: tuple[str, ...]  # "en comparación con": the base year of a change
    horizon_words: tuple[str, ...]  # "al" in "Política ... al 2030": a title's horizon
    this_year: tuple[str, ...]  # "en lo que va del año": the publication year
    last_year: tuple[str, ...]  # "last year": the year before publication
    uncounted_words: tuple[str, ...] = ()  # "21 veces" is no count of things
    attribution_before: tuple[str, ...] = ()  # "según" Devida: who stands behind a figure
    attribution_after: tuple[str, ...] = ()  # ONDCP "estimated"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _phrases(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    by_language = raw.get(key) or {}
    words = [str(w) for lang in ("en", "es") for w in by_language.get(lang) or []]
    return tuple(dict.fromkeys(_fold(w) for w in words if str(w).strip()))


@lru_cache(maxsize=1)
def load_figure_terms() -> FigureTerms:
    text = resources.files("pukara.refdata").joinpath("data/figure_terms.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text) or {}
    return FigureTerms(
        report_words=_phrases(raw, "report_words"),
        comparison_words=_phrases(raw, "comparison_words"),
        horizon_words=_phrases(raw, "horizon_words"),
        this_year=_phrases(raw, "this_year"),
        last_year=_phrases(raw, "last_year"),
        uncounted_words=_phrases(raw, "uncounted_words"),
        attribution_before=_phrases(raw, "attribution_before"),
        attribution_after=_phrases(raw, "attribution_after"),
    )
