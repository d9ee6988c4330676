"""Load the quantity and event vocabularies: units, indicators and event types.

In: ``data/units.yaml``, ``data/indicators.yaml``, ``data/event_types.yaml`` (maintained by
hand, see ``data/ORIGIN.md``) and ``data/quantity_terms.yaml`` (our supplement: number
words, identifier words, extra counted nouns and indicator guards).
Out: frozen, typed tables, each loaded once (``functools.lru_cache``):

- ``load_units()`` -> ``UnitTable``: unit surface forms with conversion factors, scale
  words and the people / count nouns (units.yaml merged with the supplement's scales
  and nouns);
- ``load_indicators()`` -> ``tuple[Indicator, ...]`` with the supplement's guards and
  extra cues merged in;
- ``load_quantity_terms()`` -> ``QuantityTerms``: the rest of the supplement;
- ``load_event_types()`` -> ``EventTypes``: event types, tense and negation markers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "EventType",
    "EventTypes",
    "Indicator",
    "QuantityTerms",
    "ScaleWord",
    "TenseMarkers",
    "UnitForm",
    "UnitTable",
    "load_event_types",
    "load_indicators",
    "load_quantity_terms",
    "load_units",
]

LANGUAGES = ("en", "es")


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class UnitForm:
    """One way of writing a unit: ``value_in_canonical = value * factor``."""

    form: str
    unit: str  # canonical unit id (ha, t, kg, ..., other)
    factor: float = 1.0
    language: str | None = None  # "en" / "es"; None when the form is listed for both
    subunit: str | None = None  # for unit "other": m3, l, cop, brl, ...
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class ScaleWord:
    """A number-scale word ("million", "mil millones", "bn") and its factor."""

    form: str
    factor: float
    language: str
    case_sensitive: bool = False
    ambiguous: bool = False  # "m", "b": only after a currency amount


@dataclass(frozen=True, slots=True)
class UnitTable:
    canonical: tuple[str, ...]
    forms: tuple[UnitForm, ...]
    scales: tuple[ScaleWord, ...]
    people_nouns: Mapping[str, tuple[str, ...]]  # by language
    count_nouns: Mapping[str, tuple[str, ...]]

    def forms_for(self, language: str | None) -> tuple[UnitForm, ...]:
        """Forms usable in a text of ``language`` (every form when it is unknown)."""
        if language not in LANGUAGES:
            return self.forms
        return tuple(f for f in self.forms if f.language in (None, language))

    def scales_for(self, language: str | None) -> tuple[ScaleWord, ...]:
        if language not in LANGUAGES:
            return self.scales
        return tuple(s for s in self.scales if s.language == language)

    def nouns_for(self, language: str | None) -> tuple[tuple[str, str], ...]:
        """(noun, unit) pairs, unit being "people" or "count"."""
        langs = (language,) if language is not None and language in LANGUAGES else LANGUAGES
        pairs: dict[str, str] = {}
        for lang in langs:
            for noun in self.count_nouns.get(lang, ()):
                pairs.setdefault(noun, "count")
            for noun in self.people_nouns.get(lang, ()):
                pairs[noun] = "people"  # a noun in both lists ("police"): people wins
        return tuple(pairs.items())


@dataclass(frozen=True, slots=True)
class Indicator:
    """A quantity texts report (coca area, cocaine seized, ...) and the words that cue it."""

    id: str
    label_en: str
    label_es: str
    unit: str
    alt_units: tuple[str, ...] = ()
    activity: str = "other"
    effort: bool = False
    cues_en: tuple[str, ...] = ()
    cues_es: tuple[str, ...] = ()
    negative_cues: tuple[str, ...] = ()
    notes: str = ""
    requires_any: tuple[str, ...] = ()  # from quantity_terms.yaml
    combos: tuple[tuple[tuple[str, ...], ...], ...] = ()  # word groups that must all occur

    @property
    def units(self) -> tuple[str, ...]:
        return (self.unit, *self.alt_units)

    def cues(self, language: str | None) -> tuple[str, ...]:
        if language == "en":
            return self.cues_en
        if language == "es":
            return self.cues_es
        return (*self.cues_en, *self.cues_es)


@dataclass(frozen=True, slots=True)
class QuantityTerms:
    """Words the quantity reader needs besides units (see quantity_terms.yaml)."""

    word_numbers: Mapping[str, tuple[tuple[str, float], ...]]  # by language
    scale_only_words: Mapping[str, float]  # read only before a scale word ("a million")
    range_only_words: tuple[str, ...]  # worth 1 as the low end of a range ("one to three")
    language_bound_words: tuple[str, ...]  # read only in a text of their own language
    id_words: tuple[str, ...]
    noun_gap_stopwords: tuple[str, ...]
    time_words: tuple[str, ...]
    approximators: tuple[str, ...]
    anaphoric_determiners: tuple[str, ...]
    period_prepositions: tuple[str, ...]
    locative_prepositions: tuple[str, ...]
    fallback_indicators: Mapping[str, str]

    def words_for(self, language: str | None) -> tuple[tuple[str, float], ...]:
        """(word, value) pairs usable in a text of ``language`` (None: both languages,
        less the words that are ordinary words in the other one)."""
        if language is not None and language in LANGUAGES:
            return self.word_numbers.get(language, ())
        bound = set(self.language_bound_words)
        return tuple(
            pair
            for lang in LANGUAGES
            for pair in self.word_numbers.get(lang, ())
            if pair[0] not in bound
        )


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    label_en: str
    label_es: str
    triggers_en: tuple[str, ...]
    triggers_es: tuple[str, ...]
    requires_any: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    actor_roles: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (role, actor kinds)
    activity: str | None = None
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TenseMarkers:
    future: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    ongoing: tuple[str, ...] = ()
    conditional: tuple[str, ...] = ()
    future_suffixes: tuple[str, ...] = ()
    past_suffixes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventTypes:
    """The event taxonomy: types in file order, tense and negation markers by language."""

    types: tuple[EventType, ...]
    tense: Mapping[str, TenseMarkers] = field(default_factory=dict)
    negation: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[EventType]:
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def get(self, type_id: str) -> EventType | None:
        return next((t for t in self.types if t.id == type_id), None)


# ---------------------------------------------------------------- loaders


# libyaml's loader when the wheel has it (5-10x faster than the pure-Python one).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=8)
def _read(name: str) -> dict[str, Any]:
    """The parsed file (cached: several loaders read the supplement; none mutates it)."""
    text = resources.files("pukara.refdata").joinpath(f"data/{name}").read_text("utf-8")
    data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
    if not isinstance(data, dict):
        raise ValueError(f"pukara/refdata/data/{name}: expected a mapping at the top level")
    return data


def _strs(value: Any) -> tuple[str, ...]:
    """A YAML list of words as a tuple of str (None -> empty)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _by_language(value: Any) -> dict[str, tuple[str, ...]]:
    raw = value or {}
    return {lang: _strs(raw.get(lang)) for lang in LANGUAGES}


@lru_cache(maxsize=1)
def load_quantity_terms() -> QuantityTerms:
    raw = _read("quantity_terms.yaml")
    words = raw.get("word_numbers") or {}
    return QuantityTerms(
        word_numbers={
            lang: tuple((str(w), float(v)) for w, v in (words.get(lang) or {}).items())
            for lang in LANGUAGES
        },
        scale_only_words={str(k): float(v) for k, v in (raw.get("scale_only_words") or {}).items()},
        range_only_words=_strs(raw.get("range_only_words")),
        language_bound_words=_strs(raw.get("language_bound_words")),
        id_words=_strs(raw.get("id_words")),
        noun_gap_stopwords=_strs(raw.get("noun_gap_stopwords")),
        time_words=_strs(raw.get("time_words")),
        approximators=_strs(raw.get("approximators")),
        anaphoric_determiners=_strs(raw.get("anaphoric_determiners")),
        period_prepositions=_strs(raw.get("period_prepositions")),
        locative_prepositions=_strs(raw.get("locative_prepositions")),
        fallback_indicators={
            str(k): str(v) for k, v in (raw.get("fallback_indicators") or {}).items()
        },
    )


@lru_cache(maxsize=1)
def load_units() -> UnitTable:
    raw = _read("units.yaml")
    canonical = _strs(raw.get("canonical_units"))
    forms: list[UnitForm] = []
    for unit, spec in (raw.get("units") or {}).items():
        en, es = _strs(spec.get("forms_en")), _strs(spec.get("forms_es"))
        forms += _forms(en, es, unit=str(unit), factor=1.0, subunit=None, ambiguous=False)
    for conv in raw.get("conversions") or []:
        lang = conv.get("lang")
        forms += _forms(
            _strs(conv["forms"]) if lang == "en" else (),
            _strs(conv["forms"]) if lang == "es" else (),
            unit=str(conv["unit"]),
            factor=float(conv["factor"]),
            subunit=None,
            ambiguous=bool(conv.get("ambiguous", False)),
        )
    for other in raw.get("other_units") or []:
        lang = other.get("lang")
        forms += _forms(
            _strs(other["forms"]) if lang == "en" else (),
            _strs(other["forms"]) if lang == "es" else (),
            unit="other",
            factor=float(other.get("factor", 1.0)),
            subunit=str(other.get("subunit")) if other.get("subunit") else None,
            ambiguous=bool(other.get("ambiguous", False)),
        )
    for form in forms:
        if canonical and form.unit not in canonical:
            raise ValueError(f"units.yaml: form {form.form!r} maps to unknown unit {form.unit!r}")
    supplement = _read("quantity_terms.yaml")
    scales = tuple(
        ScaleWord(
            form=str(s["form"]),
            factor=float(s["factor"]),
            language=lang,
            case_sensitive=bool(s.get("case_sensitive", False)),
            ambiguous=bool(s.get("ambiguous", False)),
        )
        for source in (raw.get("scales"), supplement.get("extra_scales"))
        for lang in LANGUAGES
        for s in (source or {}).get(lang) or []
    )
    people = _merge(_by_language(raw.get("people_nouns")), supplement.get("extra_people_nouns"))
    count = _merge(_by_language(raw.get("count_nouns")), supplement.get("extra_count_nouns"))
    return UnitTable(canonical, tuple(forms), scales, people, count)


def _forms(
    en: tuple[str, ...],
    es: tuple[str, ...],
    *,
    unit: str,
    factor: float,
    subunit: str | None,
    ambiguous: bool,
) -> list[UnitForm]:
    """One ``UnitForm`` per distinct form; a form listed for both languages gets None."""
    out: list[UnitForm] = []
    for form in dict.fromkeys((*en, *es)):
        lang = None if (form in en and form in es) else ("en" if form in en else "es")
        out.append(UnitForm(form, unit, factor, lang, subunit, ambiguous))
    return out


def _merge(base: dict[str, tuple[str, ...]], extra: Any) -> dict[str, tuple[str, ...]]:
    more = _by_language(extra)
    return {lang: tuple(dict.fromkeys((*base[lang], *more[lang]))) for lang in LANGUAGES}


@lru_cache(maxsize=1)
def load_indicators() -> tuple[Indicator, ...]:
    raw = _read("indicators.yaml")
    supplements: dict[str, Any] = _read("quantity_terms.yaml").get("indicator_supplements") or {}
    out: list[Indicator] = []
    for item in raw.get("indicators") or []:
        if item.get("deprecated"):
            continue
        ind_id = str(item["id"])
        extra = supplements.get(ind_id) or {}
        out.append(
            Indicator(
                id=ind_id,
                label_en=str(item.get("label_en", ind_id)),
                label_es=str(item.get("label_es", ind_id)),
                unit=str(item["unit"]),
                alt_units=_strs(item.get("alt_units")),
                activity=str(item.get("activity") or "other"),
                effort=bool(item.get("effort", False)),
                cues_en=_lower((*_strs(item.get("cues_en")), *_strs(extra.get("cues_en")))),
                cues_es=_lower((*_strs(item.get("cues_es")), *_strs(extra.get("cues_es")))),
                negative_cues=_lower(
                    (*_strs(item.get("negative_cues")), *_strs(extra.get("negative_cues")))
                ),
                notes=str(item.get("notes") or ""),
                requires_any=_lower(_strs(extra.get("requires_any"))),
                combos=tuple(
                    tuple(_lower(_strs(group)) for group in combo)
                    for combo in extra.get("combos") or []
                ),
            )
        )
    known = {i.id for i in out}
    unknown = set(supplements) - known
    if unknown:
        raise ValueError(f"quantity_terms.yaml: supplements for unknown indicators {unknown}")
    return tuple(out)


def _lower(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w.lower() for w in words if w.strip()))


@lru_cache(maxsize=1)
def load_event_types() -> EventTypes:
    raw = _read("event_types.yaml")
    types = tuple(
        EventType(
            id=str(t["id"]),
            label_en=str(t.get("label_en", t["id"])),
            label_es=str(t.get("label_es", t["id"])),
            triggers_en=_strs(t.get("triggers_en")),
            triggers_es=_strs(t.get("triggers_es")),
            requires_any=_strs(t.get("requires_any")),
            excludes=_strs(t.get("excludes")),
            actor_roles=tuple(
                (str(role), _strs(kinds)) for role, kinds in (t.get("actors_roles") or {}).items()
            ),
            activity=str(t["activity"]) if t.get("activity") else None,
            indicators=_strs(t.get("indicators")),
        )
        for t in raw.get("event_types") or []
    )
    tense_raw = raw.get("tense_markers") or {}
    tense = {
        lang: TenseMarkers(
            future=_strs((tense_raw.get(lang) or {}).get("future")),
            past=_strs((tense_raw.get(lang) or {}).get("past")),
            ongoing=_strs((tense_raw.get(lang) or {}).get("ongoing")),
            conditional=_strs((tense_raw.get(lang) or {}).get("conditional")),
            future_suffixes=_strs((tense_raw.get(lang) or {}).get("future_suffixes")),
            past_suffixes=_strs((tense_raw.get(lang) or {}).get("past_suffixes")),
        )
        for lang in LANGUAGES
    }
    return EventTypes(types, tense, _by_language(raw.get("negation_markers")))
