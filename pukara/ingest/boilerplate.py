"""Load ``boilerplate.yaml``: the page-debris patterns and header vocabulary of news sites.

``load_boilerplate()`` returns the compiled ``Boilerplate`` (cached): line patterns to drop,
footer starts, headings of blocks of other stories, and the words that tell a publisher
from a person and a publication date from a revision date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["Boilerplate", "load_boilerplate"]


@dataclass(frozen=True, slots=True)
class Boilerplate:
    drop: re.Pattern[str]
    footer: re.Pattern[str]
    block_heading: re.Pattern[str]
    single_heading: re.Pattern[str]
    labels: dict[str, str]  # label (lower) -> field name
    published: re.Pattern[str]  # a header line that starts with a publication-date word
    updated: re.Pattern[str]
    publisher_words: frozenset[str]
    section_words: frozenset[str]
    agency_abbreviations: dict[str, str]


def _any_line(patterns: list[str]) -> re.Pattern[str]:
    # markdown or bullet marks and a final colon do not change what a heading is
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?:[#*>•·\-–]+\s*)?(?:{body})\s*:?", re.I)


def _starts(words: list[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alts})\b(?:\s+(?:on|el|at|the|a las|:))?\s*:?\s*", re.I)


@lru_cache(maxsize=1)
def load_boilerplate() -> Boilerplate:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("pukara.ingest").joinpath("boilerplate.yaml").read_text("utf-8")
    )
    labels: dict[str, str] = {}
    for field_name in ("date", "author", "source", "title", "language"):
        for label in raw[f"{field_name}_labels"]:
            labels[label] = field_name
    return Boilerplate(
        drop=re.compile("|".join(f"(?:{p})" for p in raw["drop_lines"]), re.I),
        footer=re.compile("|".join(f"(?:{p})" for p in raw["footer_starts"]), re.I),
        block_heading=_any_line(raw["block_headings"]),
        single_heading=_any_line(raw["single_headings"]),
        labels=labels,
        published=_starts(raw["published_words"]),
        updated=_starts(raw["updated_words"]),
        publisher_words=frozenset(w.lower() for w in raw["publisher_words"]),
        section_words=frozenset(w.lower() for w in raw["section_words"]),
        agency_abbreviations={str(k): str(v) for k, v in raw["agency_abbreviations"].items()},
    )
