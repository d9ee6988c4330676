#!/usr/bin/env python3
"""Consistency checks for the curated reference data in pukara/refdata/data/.

Checks:
  actors.yaml      required fields, kebab-case unique ids, allowed kinds, ISO-like
                   country codes, at least one source, parent/affiliation ids exist,
                   no parent cycles, weak aliases are known surface forms, no strong
                   alias shared by two actors, person fields.
  indicators.yaml  unique snake_case ids, canonical units, allowed activities,
                   boolean effort, lowercase cues, required ids present.
  event_types.yaml unique ids, lowercase triggers, tense markers present, indicator
                   references exist, actor kinds in roles are valid.
  units.yaml       canonical unit set, numeric factors, surface forms not mapped to
                   two different units in the same language.

Usage: python3 scripts/check_refdata.py [DATA_DIR]
Exit status 1 if any error is found; warnings do not fail.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("PyYAML is required: pip install pyyaml")

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "pukara" / "refdata" / "data"

ACTOR_KINDS = {
    "armed_group",
    "criminal_group",
    "state_agency",
    "security_force",
    "government",
    "international_org",
    "company",
    "person",
    "other",
}
CANONICAL_UNITS = {
    "ha",
    "t",
    "kg",
    "km",
    "usd",
    "pen",
    "eur",
    "percent",
    "count",
    "people",
    "per_100k",
    "other",
}
ACTIVITIES = {
    "coca",
    "cocaine",
    "poppy",
    "gold_mining",
    "logging",
    "precursors",
    "laundering",
    "trafficking",
    "armed_conflict",
    "state_effort",
    "development",
    "other",
}
REQUIRED_INDICATORS = {
    "coca_cultivation_area",
    "coca_eradication_area",
    "eradication_target_area",
    "eradication_target_share",
    "share_of_national_coca",
    "coca_leaf_production",
    "cocaine_production",
    "cocaine_seizures",
    "coca_paste_seizures",
    "marijuana_seizures",
    "opium_poppy_area",
    "poppy_eradication_area",
    "heroin_opium_seizures",
    "precursor_chemical_seizures",
    "labs_destroyed",
    "clandestine_labs",
    "clandestine_airstrips",
    "airstrips_destroyed",
    "drugs_moved_monthly",
    "drug_flights",
    "illegal_mining_area",
    "gold_production_illegal",
    "mercury",
    "forest_loss_area",
    "illegal_timber_volume",
    "us_security_aid",
    "eu_aid",
    "peru_counternarcotics_spending",
    "funding",
    "alternative_development_area",
    "farmers_in_alternative_development",
    "deaths",
    "security_personnel_killed",
    "civilians_killed",
    "group_size",
    "arrests",
    "homicide_rate",
    "money_laundered",
    "drug_prices",
    "extortion",
    "troops_deployed",
    "border_length",
    "population_affected",
    "other",
}
REQUIRED_EVENTS = {
    "eradication",
    "seizure",
    "lab_destruction",
    "airstrip_destruction",
    "attack",
    "ambush",
    "leader_killed",
    "leader_captured",
    "arrest",
    "deployment",
    "operation",
    "law_policy",
    "agreement",
    "emergency_declaration",
    "extradition",
    "clash",
    "killing",
    "kidnapping",
    "protest",
}

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"ERROR   {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"WARNING {where}: {msg}")


def load(path: Path, key: str, rep: Report):
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except FileNotFoundError:
        rep.error(path.name, "file not found")
        return None
    except yaml.YAMLError as exc:
        rep.error(path.name, f"invalid YAML: {exc}")
        return None
    if not isinstance(data, dict) or key not in data:
        rep.error(path.name, f"missing top-level key '{key}'")
        return None
    return data


def str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def norm(s: str) -> str:
    return " ".join(s.casefold().split())


# --------------------------------------------------------------------- actors
def check_actors(path: Path, rep: Report) -> dict:
    data = load(path, "actors", rep)
    if data is None:
        return {}
    actors = data["actors"]
    if not isinstance(actors, list):
        rep.error(path.name, "'actors' must be a list")
        return {}
    f = path.name
    ids = Counter(a.get("id") for a in actors if isinstance(a, dict))
    for i, n in ids.items():
        if n > 1:
            rep.error(f, f"duplicate id '{i}' ({n}x)")
    by_id = {a["id"]: a for a in actors if isinstance(a, dict) and "id" in a}

    strong_owner: dict[str, set[str]] = defaultdict(set)
    for a in actors:
        if not isinstance(a, dict):
            rep.error(f, f"entry is not a mapping: {a!r}")
            continue
        aid = a.get("id", "<no id>")
        w = f"{f}[{aid}]"
        for key in ("id", "name", "kind", "aliases", "weak_aliases", "parent", "sources"):
            if key not in a:
                rep.error(w, f"missing field '{key}'")
        if not isinstance(aid, str) or not KEBAB.match(aid):
            rep.error(w, "id must be kebab-case ASCII")
        if a.get("kind") not in ACTOR_KINDS:
            rep.error(w, f"invalid kind {a.get('kind')!r}")
        country = a.get("country")
        if country is not None and not (isinstance(country, str) and COUNTRY.match(country)):
            rep.error(w, f"country must be ISO alpha-2 or null, got {country!r}")
        sources = a.get("sources")
        if not str_list(sources) or not sources or not all(s.strip() for s in sources):
            rep.error(w, "needs at least one non-empty source")
        for key in ("aliases", "weak_aliases", "generic_terms", "nom_de_guerre"):
            if key in a and not str_list(a[key]):
                rep.error(w, f"'{key}' must be a list of strings")
        aliases = a.get("aliases") or []
        ndg = a.get("nom_de_guerre") or []
        forms = [a.get("name", ""), *aliases, *ndg]
        # exact duplicates only: case variants ("DEVIDA" / "Devida") are intentional
        dup = [x for x, n in Counter(aliases + ndg).items() if n > 1]
        if dup:
            rep.warn(w, f"duplicate surface forms: {dup}")
        known = {norm(x) for x in forms}
        weak = {norm(x) for x in (a.get("weak_aliases") or [])}
        for wa in a.get("weak_aliases") or []:
            if norm(wa) not in known:
                rep.error(w, f"weak alias '{wa}' is not among name/aliases/nom_de_guerre")
        if norm(a.get("name", "")) in weak:
            rep.warn(w, "canonical name is listed as a weak alias (circular corroboration rule)")
        strong_forms = [x for x in forms if x and norm(x) not in weak]
        if not strong_forms:
            rep.warn(w, "every surface form is weak: the actor can never be matched on its own")
        for form in strong_forms:
            strong_owner[norm(form)].add(aid)
        parent = a.get("parent")
        if parent is not None:
            if parent not in by_id:
                rep.error(w, f"parent '{parent}' does not exist")
            elif parent == aid:
                rep.error(w, "actor is its own parent")
        if a.get("kind") == "person":
            for key in ("nom_de_guerre", "role", "affiliation", "status"):
                if key not in a:
                    rep.error(w, f"person missing field '{key}'")
            if not a.get("role"):
                rep.error(w, "person needs a non-empty role")
        aff = a.get("affiliation")
        if aff is not None and aff not in by_id:
            rep.error(w, f"affiliation '{aff}' does not exist")
        if a.get("kind") == "company" and a.get("role") is None:
            rep.warn(w, "company without role")
        if "generic_terms" in a and a.get("kind") not in {
            "security_force",
            "government",
            "state_agency",
        }:
            rep.warn(w, "generic_terms on an actor that is not a government/force/agency")

    # parent cycles
    for aid in by_id:
        seen = set()
        cur = aid
        while cur is not None and cur in by_id:
            if cur in seen:
                rep.error(f"{f}[{aid}]", "parent chain has a cycle")
                break
            seen.add(cur)
            cur = by_id[cur].get("parent")

    # strong aliases shared by several actors
    for form, owners in sorted(strong_owner.items()):
        if len(owners) > 1:
            rep.error(
                f, f"strong alias '{form}' shared by {sorted(owners)} (make it weak in all but one)"
            )
    return by_id


# ----------------------------------------------------------------- indicators
def check_lower_list(w: str, key: str, value, rep: Report) -> None:
    if not str_list(value):
        rep.error(w, f"'{key}' must be a list of strings")
        return
    for v in value:
        if v != v.lower():
            rep.error(w, f"'{key}' entry not lowercase: {v!r}")
        if not v.strip():
            rep.error(w, f"'{key}' has an empty entry")
    dup = [x for x, n in Counter(value).items() if n > 1]
    if dup:
        rep.warn(w, f"'{key}' duplicates: {dup}")


def check_indicators(path: Path, rep: Report) -> set[str]:
    data = load(path, "indicators", rep)
    if data is None:
        return set()
    f = path.name
    items = data["indicators"]
    ids = Counter(i.get("id") for i in items)
    for i, n in ids.items():
        if n > 1:
            rep.error(f, f"duplicate id '{i}'")
    for ind in items:
        iid = ind.get("id", "<no id>")
        w = f"{f}[{iid}]"
        for key in (
            "id",
            "label_en",
            "label_es",
            "unit",
            "activity",
            "effort",
            "cues_en",
            "cues_es",
        ):
            if key not in ind:
                rep.error(w, f"missing field '{key}'")
        if not isinstance(iid, str) or not SNAKE.match(iid):
            rep.error(w, "id must be snake_case")
        if ind.get("unit") not in CANONICAL_UNITS:
            rep.error(w, f"invalid unit {ind.get('unit')!r}")
        for u in ind.get("alt_units") or []:
            if u not in CANONICAL_UNITS:
                rep.error(w, f"invalid alt unit {u!r}")
        if ind.get("activity") not in ACTIVITIES:
            rep.error(w, f"invalid activity {ind.get('activity')!r}")
        if not isinstance(ind.get("effort"), bool):
            rep.error(w, "effort must be true/false")
        for key in ("cues_en", "cues_es", "negative_cues"):
            if key in ind:
                check_lower_list(w, key, ind[key], rep)
        if iid != "other" and not (ind.get("cues_en") and ind.get("cues_es")):
            rep.error(w, "needs cues in both languages")
    missing = REQUIRED_INDICATORS - set(ids)
    if missing:
        rep.error(f, f"missing required indicators: {sorted(missing)}")
    return set(ids)


# ---------------------------------------------------------------- event types
def check_events(path: Path, rep: Report, indicator_ids: set[str]) -> None:
    data = load(path, "event_types", rep)
    if data is None:
        return
    f = path.name
    tm = data.get("tense_markers")
    if not isinstance(tm, dict) or not {"en", "es"} <= set(tm):
        rep.error(f, "tense_markers must have 'en' and 'es'")
    else:
        for lang in ("en", "es"):
            if not (tm[lang] or {}).get("future"):
                rep.error(f, f"tense_markers.{lang}.future missing")
            for key, vals in (tm[lang] or {}).items():
                check_lower_list(f"{f}[tense_markers.{lang}]", key, vals, rep)
    items = data["event_types"]
    ids = Counter(e.get("id") for e in items)
    for i, n in ids.items():
        if n > 1:
            rep.error(f, f"duplicate id '{i}'")
    for ev in items:
        eid = ev.get("id", "<no id>")
        w = f"{f}[{eid}]"
        for key in (
            "id",
            "label_en",
            "label_es",
            "triggers_en",
            "triggers_es",
            "actors_roles",
            "activity",
        ):
            if key not in ev:
                rep.error(w, f"missing field '{key}'")
        if not isinstance(eid, str) or not SNAKE.match(eid):
            rep.error(w, "id must be snake_case")
        for key in ("triggers_en", "triggers_es", "requires_any", "excludes"):
            if key in ev:
                check_lower_list(w, key, ev[key], rep)
        if ev.get("activity") not in ACTIVITIES:
            rep.error(w, f"invalid activity {ev.get('activity')!r}")
        roles = ev.get("actors_roles") or {}
        if not isinstance(roles, dict):
            rep.error(w, "actors_roles must be a mapping role -> [kinds]")
        else:
            for role, kinds in roles.items():
                for k in kinds or []:
                    if k not in ACTOR_KINDS:
                        rep.error(w, f"role '{role}' has invalid actor kind {k!r}")
        for ind in ev.get("indicators") or []:
            if indicator_ids and ind not in indicator_ids:
                rep.error(w, f"unknown indicator '{ind}'")
    missing = REQUIRED_EVENTS - set(ids)
    if missing:
        rep.error(f, f"missing required event types: {sorted(missing)}")


# ---------------------------------------------------------------------- units
def check_units(path: Path, rep: Report) -> None:
    data = load(path, "units", rep)
    if data is None:
        return
    f = path.name
    canon = set(data.get("canonical_units") or [])
    if canon != CANONICAL_UNITS:
        rep.error(f, f"canonical_units differ from expected: {sorted(canon ^ CANONICAL_UNITS)}")
    units = data["units"]
    if set(units) != CANONICAL_UNITS:
        rep.error(f, f"'units' keys differ from canonical: {sorted(set(units) ^ CANONICAL_UNITS)}")
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for unit, spec in units.items():
        for lang in ("en", "es"):
            forms = spec.get(f"forms_{lang}")
            if not str_list(forms):
                rep.error(f"{f}[{unit}]", f"forms_{lang} must be a list of strings")
                continue
            for form in forms:
                seen[(lang, norm(form))].add(unit)
    for section in ("conversions", "other_units"):
        for i, conv in enumerate(data.get(section) or []):
            w = f"{f}[{section}#{i}]"
            if not str_list(conv.get("forms")) or not conv.get("forms"):
                rep.error(w, "needs non-empty 'forms'")
                continue
            if conv.get("lang") not in ("en", "es"):
                rep.error(w, "lang must be en or es")
            fac = conv.get("factor")
            if not isinstance(fac, (int, float)) or isinstance(fac, bool) or fac <= 0:
                rep.error(w, f"factor must be a positive number, got {fac!r}")
            target = (
                conv.get("unit") if section == "conversions" else f"other:{conv.get('subunit')}"
            )
            if section == "conversions" and target not in CANONICAL_UNITS:
                rep.error(w, f"invalid target unit {target!r}")
            if section == "other_units" and not conv.get("subunit"):
                rep.error(w, "needs 'subunit'")
            for form in conv["forms"]:
                seen[(conv.get("lang"), norm(form))].add(f"{target}*{fac}")
    for (lang, form), targets in sorted(seen.items()):
        if len(targets) > 1:
            rep.error(f, f"form '{form}' ({lang}) maps to several units: {sorted(targets)}")
    for lang in ("en", "es"):
        for s in (data.get("scales") or {}).get(lang) or []:
            fac = s.get("factor")
            if not s.get("form") or not isinstance(fac, (int, float)) or fac <= 0:
                rep.error(f"{f}[scales.{lang}]", f"bad scale entry {s!r}")
    for key in ("people_nouns", "count_nouns"):
        block = data.get(key) or {}
        for lang in ("en", "es"):
            if not str_list(block.get(lang)) or not block.get(lang):
                rep.error(f, f"{key}.{lang} must be a non-empty list of strings")
    pn = data.get("people_nouns") or {}
    cn = data.get("count_nouns") or {}
    for lang in ("en", "es"):
        both = {norm(x) for x in pn.get(lang) or []} & {norm(x) for x in cn.get(lang) or []}
        if both:
            rep.error(f, f"nouns in both people_nouns and count_nouns ({lang}): {sorted(both)}")


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    rep = Report()
    actors = check_actors(data_dir / "actors.yaml", rep)
    indicator_ids = check_indicators(data_dir / "indicators.yaml", rep)
    check_events(data_dir / "event_types.yaml", rep, indicator_ids)
    check_units(data_dir / "units.yaml", rep)

    if actors:
        kinds = Counter(a.get("kind") for a in actors.values())
        print(f"actors: {len(actors)} — " + ", ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    print(f"indicators: {len(indicator_ids)}")
    for line in rep.warnings:
        print(line)
    for line in rep.errors:
        print(line)
    print(f"{len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
