"""Briefings: a ``Brief`` record rendered to HTML (Jinja2) and to PDF (WeasyPrint).

In: a ``Brief`` assembled by ``pukara.share.briefing.build_brief`` (which reads the store
and the analyses and draws the images): key judgements, a map and charts as images, key facts
and events each with the sentence it rests on and its citation (source, grade, date,
document id, marking), and the markings of all the material read. Out: one HTML document
(``render_brief_html``), the same as PDF bytes (``render_brief_pdf``) or a file
(``export_brief``, by suffix). The most restrictive marking of the material is printed at
the top and bottom of the HTML and of every PDF page. The templates live in
``share/templates`` and the web app loads the same files, so a brief on screen and on paper
are one template.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2

from pukara.errors import PukaraError
from pukara.model import Evidence, Marking
from pukara.share.markings import TLP_COLOURS, combine_markings

__all__ = [
    "Brief",
    "BriefImage",
    "BriefItem",
    "Judgement",
    "brief_environment",
    "export_brief",
    "install_marking_filters",
    "render_brief_html",
    "render_brief_pdf",
]


@dataclass(frozen=True, slots=True)
class Judgement:
    """A sentence of the key judgements and the sentences it rests on."""

    text: str
    citations: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class BriefItem:
    """A key fact or event: a headline, its date, the evidence sentence and its citation."""

    kind: str  # "fact" | "event"
    ref: str  # fact id or event (report) id
    headline: str  # "Coca cultivation area: 12,000 ha"
    when: str | None
    place: str | None
    evidence: str
    citation: Evidence
    note: str = ""  # "reported by 3 documents from 2 sources"


@dataclass(frozen=True, slots=True)
class BriefImage:
    """A map or chart drawn by the face, embedded as a data URI."""

    title: str
    caption: str
    media_type: str  # "image/png" or "image/svg+xml"
    data: bytes

    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything a briefing shows. ``material`` holds the markings of every record read to
    make it (counts and scores included), not only of the items listed."""

    place_id: str
    place_name: str
    subtitle: str  # "department of Peru"
    since: str | None
    until: str | None
    generated: str  # ISO timestamp, UTC
    judgements: tuple[Judgement, ...]
    facts: tuple[BriefItem, ...]
    events: tuple[BriefItem, ...]
    map_image: BriefImage | None = None
    charts: tuple[BriefImage, ...] = ()
    material: tuple[Marking, ...] = ()
    method: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # documents, facts, events read

    @property
    def marking(self) -> Marking:
        """The most restrictive marking of the material and of every cited document."""
        cited = [i.citation.marking for i in (*self.facts, *self.events)]
        cited += [c.marking for j in self.judgements for c in j.citations]
        return combine_markings([*self.material, *cited])

    @property
    def citations(self) -> tuple[Evidence, ...]:
        """Every cited document once, in order of first citation."""
        seen: dict[str, Evidence] = {}
        for item in (*self.facts, *self.events):
            seen.setdefault(item.citation.doc_id, item.citation)
        return tuple(seen.values())

    @property
    def period(self) -> str:
        if self.since and self.until:
            return f"{self.since} to {self.until}"
        if self.since:
            return f"from {self.since}"
        return f"up to {self.until}" if self.until else "all dates"


@lru_cache(maxsize=1)
def brief_environment() -> jinja2.Environment:
    """The Jinja2 environment of ``share/templates`` (autoescaped), with the filters the
    brief and the web app's shared macros use."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pukara.share", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    install_marking_filters(env)
    return env


def install_marking_filters(env: jinja2.Environment) -> None:
    """Filters the shared macros need: ``tlp_class`` and ``tlp_colour`` of a marking."""
    env.filters["tlp_class"] = lambda m: "tlp-" + m.tlp.value.replace("+", "-")
    env.filters["tlp_colour"] = lambda m: TLP_COLOURS[m.tlp]


def render_brief_html(brief: Brief, *, link_base: str | None = None, paged: bool = False) -> str:
    """The brief as one self-contained HTML document (images inline). ``link_base`` (e.g.
    "" or "http://host") makes citations link to ``{link_base}/documents/{id}``; ``paged``
    adds the page header and footer markings used for PDF."""
    template = brief_environment().get_template("brief.html")
    return template.render(brief=brief, link_base=link_base, paged=paged)


def render_brief_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes (WeasyPrint; needs the Pango libraries of the system)."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]  # no type hints shipped
    except OSError as exc:  # raised when the Pango/HarfBuzz libraries are missing
        raise PukaraError(
            f"PDF briefs need Pango: {exc}; on Debian apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0"
        ) from exc
    pdf: bytes = HTML(string=render_brief_html(brief, paged=True)).write_pdf()
    return pdf


def export_brief(brief: Brief, out: str | Path) -> Path:
    """Write the brief to ``out``: ``.html`` or ``.pdf`` by suffix. Returns the path."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in {".html", ".htm", ".pdf"}:
        raise PukaraError(
            f"{path}: brief format {suffix or '(none)'} not supported; use .pdf or .html"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        path.write_bytes(render_brief_pdf(brief))
    else:
        path.write_text(render_brief_html(brief), "utf-8")
    return path
