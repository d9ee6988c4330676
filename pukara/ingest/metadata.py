"""Read a report's date, publisher and author from the lines news sites and agencies write.

In: one stripped line (and the lines after it, for a label whose value is on the next
line). Out: ``Found`` — the fields the line gives and how many lines it used — or None
when the line is article text. Understood, in Spanish and English:

- labels: "Fuente: X", "Source: X", "Por: X", "Author" + next line, "Date Created" ...;
- dated lines: "Publicado el 3 de mayo de 2021", "Published 17 July 2018", "date 2025-11-12",
  "Publicado 14/03/2025 10:30", "24 JUL 2017", "Lunes, 3 de mayo de 2021" (revision dates,
  "Actualizado ...", are kept apart and never beat a publication date);
- "March 28, 2023 - Reuters" (date and agency); agency datelines at the start of a
  paragraph: "IQUITOS, 3 may. (EFE).-", "LIMA (AP) —", "LIMA, 3 May. (Notimérica/EP) -";
- bylines: "Por Juana Quispe", "By X and Y" (persons: the author), "Redacción El Comercio
  Piura", "By the X Politics staff", "Por Juana Quispe | Agencia X" (the publisher);
- site lines: "Site icon X", "© 2025 X. Todos los derechos reservados.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pukara.ingest.boilerplate import Boilerplate, load_boilerplate
from pukara.model import FuzzyDate
from pukara.model.dates import MONTHS, find_dates, parse_date_text

__all__ = ["Found", "classify_byline", "find_dateline", "is_header_line", "read_header_line"]

_LABEL = re.compile(r"^\s*([A-Za-zÁÉÍÓÚáéíóúñÑ ]{2,20})\s*:\s*(.+)$")
_BYLINE = re.compile(
    r"^(?:by|por|written by|escrito por|texto(?: y fotos)?|reporting by)\s*:?\s+(?!in\s)(.{2,80})$",
    re.I,
)
_NEWSROOM = re.compile(
    r"^(?:redacci[oó]n|newsroom|news desk|mesa de redacci[oó]n|equipo de redacci[oó]n)\b"
    r"(?:\s+(?:de|del|of)\b)?\s*(?P<org>.*)$",
    re.I,
)
_STAFF = re.compile(
    r"^(?:(?:the\s+)?(?P<org>.+?)\s+(?:staff(?: writers?| reporters?)?|desk|newsroom|team"
    r"|editors|editorial (?:staff|team|board))"
    r"|(?:staff|equipo(?: de \w+)?|redacción) (?:of|de|del) (?P<org2>.+))$",
    re.I,
)
_SPLIT = re.compile(r"^(?P<who>[^|/,()]+?)\s*(?:\||/|,|\(|\s[-–—]\s)\s*(?P<org>[^|/,()]+?)\)?$")
_SITE_ICON = re.compile(r"^site (?:icon|logo)\s+(.{2,60})$", re.I)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?P<year>(?:19|20)\d\d)(?:\s*[-–]\s*\d{4})?,?\s+"
    r"(?P<name>[^.|©]{2,60}?)\s*(?:[.|].*)?$",
    re.I,
)
_TIME = re.compile(
    r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:h|hrs?|horas|am|pm|a\.m\.|p\.m\.|gmt|utc)?\b", re.I
)
_WEEKDAYS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|"
    r"miercoles|jueves|viernes|sábado|sabado|domingo)\b",
    re.I,
)
_FILLER = re.compile(r"[\s,;|·/\-–—()]+|\b(?:de|del|el|on|at|a las|hrs?|h|gmt|utc|hora)\b", re.I)
_DATELINE = re.compile(
    r"^(?P<city>[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñü'’.\- ]{1,40}?)"
    r"(?:,\s*(?P<date>[^()/]{1,30}?))?\s*"
    r"(?:\((?P<paren>[^()]{2,40})\)|/(?P<slash>[A-Z]{2,5})/)"
    r"\s*(?:\.?\s*[-–—:]+|\.)\s*"
)
_DAY_MONTH = re.compile(
    r"^(?P<day>\d{1,2})(?:\s+(?P<month>[A-Za-zé]{3,10})\.?(?:\s+(?P<year>(?:19|20)\d\d))?)?$"
)
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|pe|org|net|co|info|news|tv|es|ar|br|bo|ec|cl|mx)\b", re.I)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_PARTICLES = frozenset({
    "de", "del", "la", "las", "los", "y", "e", "and", "van", "von", "da", "do", "dos", "das",
    "di", "le",
})  # fmt: skip


@dataclass
class Found:
    """Fields a header line gives (title, published, updated, date, author, source, agency,
    site, org, language, year) and the number of lines it used."""

    fields: dict[str, str] = field(default_factory=dict)
    used: int = 1


@lru_cache(maxsize=1)
def _media_names() -> frozenset[str]:
    from pukara.refdata.actors import load_actor_registry

    return frozenset(
        name.lower()
        for entry in load_actor_registry().entries.values()
        if entry.role == "media"
        for name in (*entry.strong, *entry.weak)
    )


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    from pukara.model import PlaceKind
    from pukara.refdata.gazetteer import load_gazetteer

    kinds = {PlaceKind.TOWN, PlaceKind.REGION, PlaceKind.PROVINCE, PlaceKind.COUNTRY}
    return frozenset(
        name.lower()
        for entry in load_gazetteer().entries.values()
        if entry.place.kind in kinds
        for name in entry.names
    )


def is_publisher(name: str, rules: Boilerplate | None = None) -> bool:
    """True when a name reads as a news organisation rather than a person."""
    rules = rules or load_boilerplate()
    name = name.strip()
    if not name or name.lower() in _place_names():
        return False
    if name.lower() in _media_names() or name in rules.agency_abbreviations:
        return True
    if _DOMAIN.search(name) or _ACRONYM.fullmatch(name):
        return True
    return any(w in rules.publisher_words for w in re.findall(r"[^\W\d_]+", name.lower()))


def agency_name(raw: str) -> str:
    """How an agency signs, as its name: 'EUROPA PRESS' -> 'Europa Press', 'X/EP' -> 'X'."""
    rules = load_boilerplate()
    parts = [p.strip() for p in raw.split("/") if p.strip()]
    if len(parts) > 1 and parts[-1] in rules.agency_abbreviations:
        parts = parts[:-1]
    name = parts[0] if parts else raw.strip()
    name = rules.agency_abbreviations.get(name, name)
    if name.isupper() and " " in name:
        name = name.title()
    return name


def _strip_trailing_place(name: str) -> str:
    words = name.split()
    for n in (3, 2, 1):
        if len(words) > n and " ".join(words[-n:]).lower() in _place_names():
            return " ".join(words[:-n])
    return name


def _strip_sections(name: str, rules: Boilerplate) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in rules.section_words:
        words.pop()
    return " ".join(words)


def classify_byline(value: str) -> tuple[str | None, str | None]:
    """(author, publisher) named by a byline's value."""
    rules = load_boilerplate()
    v = value.strip(" ,;.-–—|:")
    if not v:
        return None, None
    m = _NEWSROOM.match(v)
    if m:
        org = _strip_trailing_place(m.group("org").strip(" ,.-"))
        return None, (org or None)
    m = _STAFF.match(v)
    if m:
        return None, _strip_sections((m.group("org") or m.group("org2")).strip(), rules)
    m = _SPLIT.match(v)
    if m and is_publisher(m.group("org"), rules) and not is_publisher(m.group("who"), rules):
        return m.group("who").strip(), agency_name(m.group("org").strip())
    if is_publisher(v, rules):
        return None, agency_name(v)
    if " " not in v and v[:1].isupper():
        return None, v  # "By Dialogo": one capitalised word is a masthead, not a person
    return v, None


def _looks_like_byline_value(value: str) -> bool:
    """A name or names, not the start of a sentence ("Por la mañana, la policía ...")."""
    words = value.split()
    if len(words) == 1:
        return True
    if len(words) > 10 or value.rstrip().endswith("."):
        return False
    named = [w for w in words if w.lower() not in _PARTICLES and w not in ("|", "-", "—")]
    capitals = sum(1 for w in named if w[:1].isupper() or w[:1] in "(")
    return bool(named) and capitals / len(named) >= 0.6


def _dated(line: str, rules: Boilerplate) -> Found | None:
    """A header line that holds a date and little else."""
    if len(line) > 90:
        return None
    m = rules.updated.match(line)
    kind = "updated" if m else None
    if m is None:
        m = rules.published.match(line)
        kind = "published" if m else None
    rest = line[m.end() :] if m else line
    dates = find_dates(rest)
    if not dates:
        return None
    start, end, date = dates[0]
    tail = rest[end:]
    if kind is None and _leftover(rest[:start] + " " + tail):
        return _date_and_agency(rest[:start], tail, date, rules)
    found = Found({kind or "date": date.iso()})
    m_by = re.search(r"\bby\s+(\w{2,40})\s*$", tail, re.I)  # "Posted on ... by admin"
    if m_by:
        found.fields["author"] = m_by.group(1)
    return found


def _leftover(text: str) -> str:
    return _FILLER.sub(" ", _TIME.sub(" ", _WEEKDAYS.sub(" ", text))).strip()


def _date_and_agency(head: str, tail: str, date: FuzzyDate, rules: Boilerplate) -> Found | None:
    """ "March 28, 2023 - Reuters": a date, a dash and a publisher, nothing else."""
    m = re.fullmatch(r"\s*[-–—|]\s*(.{2,40}?)\s*", tail)
    if _leftover(head) or not m:
        return None
    name = m.group(1)
    if len(name.split()) > 4 or not name[:1].isupper() or name.lower() in _place_names():
        return None
    return Found({"date": date.iso(), "agency": agency_name(name)})


def _labelled(line: str, lines: list[str], i: int, rules: Boilerplate) -> Found | None:
    m = _LABEL.match(line)
    if m and m.group(1).strip().lower() in rules.labels:
        label, value, used = m.group(1).strip().lower(), m.group(2).strip(), 1
    elif line.lower() in rules.labels:
        nxt = next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j]), None)
        if nxt is None:
            return None
        label, value, used = line.lower(), lines[nxt], nxt - i + 1
    else:
        return None
    kind = rules.labels[label]
    if kind == "author":
        if len(value.split()) > 6:
            return None
        author, org = classify_byline(value)
        fields = {k: v for k, v in (("author", author), ("org", org)) if v}
        return Found(fields, used)
    if kind == "date":
        date = parse_date_text(value)
        if date is None:
            return None
        return Found({"updated" if rules.updated.match(label) else "date": date.iso()}, used)
    return Found({kind: value}, used)


def read_header_line(line: str, lines: list[str], i: int, in_header: bool) -> Found | None:
    """What ``line`` (``lines[i]``) says about the report, or None when it is text.

    ``in_header``: the line is near the top, where bare bylines and dates are trusted."""
    rules = load_boilerplate()
    if not line or len(line) > 120:
        return None
    found = _labelled(line, lines, i, rules) or _site_line(line)
    if found is not None:
        return found
    if in_header or rules.published.match(line) or rules.updated.match(line):
        found = _dated(line, rules)
        if found is not None:
            return found
    if not in_header:
        return None
    m = _BYLINE.match(line)
    if m and _looks_like_byline_value(m.group(1)):
        author, org = classify_byline(m.group(1))
        return Found({k: v for k, v in (("author", author), ("org", org)) if v})
    if _NEWSROOM.match(line) and len(line.split()) <= 8 and not line.endswith("."):
        _, org = classify_byline(line)
        return Found({"org": org} if org else {})
    return None


def _site_line(line: str) -> Found | None:
    m = _SITE_ICON.match(line)
    if m:
        return Found({"site": m.group(1).strip()})
    m = _COPYRIGHT.match(line)
    if m and not re.search(r"\b(?:foto|photo|image|imagen)\b", line, re.I):
        name = re.sub(r"\s*(?:all rights reserved|todos los derechos reservados).*$", "",
                      m.group("name"), flags=re.I).strip(" ,")  # fmt: skip
        return Found({"site": name, "year": m.group("year")} if name else {"year": m.group("year")})
    return None


def is_header_line(line: str) -> bool:
    """True for a byline, dated line, label or site line: metadata, not a headline."""
    return read_header_line(line, [line], 0, in_header=True) is not None


def find_dateline(paragraph: str, year: int | None) -> tuple[str, FuzzyDate | None] | None:
    """(agency, date) from a paragraph that opens with an agency dateline, else None.

    The date is read when the dateline gives day and month and the year is written there
    or known from the report's header (``year``)."""
    m = _DATELINE.match(paragraph)
    if m is None or m.group("city").strip().lower() not in _place_names():
        return None
    raw = m.group("paren") or m.group("slash") or ""
    if raw.strip().lower() in _place_names() or len(raw.split()) > 4:
        return None  # "PICHARI (Cusco) -": a region, not an agency
    return agency_name(raw), _dateline_date(m.group("date") or "", year)


def _dateline_date(text: str, year: int | None) -> FuzzyDate | None:
    m = _DAY_MONTH.match(text.strip())
    if m is None or m.group("month") is None:
        return None
    month = MONTHS.get(m.group("month").lower())
    year = int(m.group("year")) if m.group("year") else year
    if month is None or year is None:
        return None
    return parse_date_text(f"{year}-{month:02d}-{int(m.group('day')):02d}")
