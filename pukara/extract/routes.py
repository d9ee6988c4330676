"""Read route statements: where goods leave from, pass through and go to, sentence by sentence.

In: the text, its sentences and the place mentions already resolved, as (start, end,
place_id) spans. Out: ``Route`` records whose ``nodes`` are place ids in travel order
(origin, via..., destination), with the commodity and the mode of transport when the
sentence names them, and the sentence as evidence.

A sentence counts when it has a movement word ("shipped", "sale", "trasladada", "bound for")
and either a commodity ("cocaine", "pasta básica", "madera") or an illicit-trade word
("smuggled", "narco"). Each place takes its role from the cue just before it, in English or
Spanish, skipping articles and kind words ("hacia el departamento del Beni"): from/desde is
an origin, through/via/por a waypoint, to/hacia/a/rumbo a/con destino a/bound for a
destination. "And"/"y" or "or"/"o" give the next place the same role (several origins or
destinations are alternatives; waypoints joined by "and" follow each other). A place that
only locates the one before it ("Antwerp, Belgium") is skipped. With no origin cue, the
place where the goods were (at/en/de X, or "X cocaine") just before the first cue is the
origin ("seized at the port of Callao, bound for Antwerp").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pukara.extract.routewords import CONTAINER_GAP, Role, RouteWords, route_words
from pukara.extract.text import Sentence, fold
from pukara.model import PlaceKind, Route, Span
from pukara.refdata.gazetteer import Gazetteer, load_gazetteer

__all__ = ["extract_routes", "route_key"]

_MAX_PATHS = 8  # alternatives multiply; a sentence rarely means more than this many routes
_WINDOW = 90  # characters before a place searched for its cue
_IMPLICIT_GAP = 120  # an uncued origin must stand this close to the first cued place


@dataclass(slots=True)
class _Node:
    start: int  # offsets within the sentence
    end: int
    place_id: str
    role: Role | None = None
    conj: str | None = None  # "and" / "or" when coordinated with the node before
    cue_start: int = -1  # where its cue begins (-1: none)


def route_key(nodes: Sequence[str], commodity: str | None, mode: str | None) -> str:
    """The id of an extracted route: its nodes, commodity and mode, readable and stable."""
    return f"{'>'.join(nodes)}|{commodity or '-'}|{mode or '-'}"


def extract_routes(
    text: str, sentences: Sequence[Sentence], places: Sequence[tuple[int, int, str]]
) -> list[Route]:
    """Route statements in ``text``: one ``Route`` per path a sentence states, at most one
    per route key and document (the first sentence that states it is the evidence)."""
    pats, gaz = route_words(), load_gazetteer()
    ordered = sorted(places)
    seen: set[str] = set()
    out: list[Route] = []
    for sent in sentences:
        inside = [p for p in ordered if sent.start <= p[0] and p[1] <= sent.end]
        if len(inside) < 2:
            continue
        for route in _sentence_routes(text, sent, inside, pats, gaz):
            if route.id not in seen:
                seen.add(route.id)
                out.append(route)
    return out


def _sentence_routes(
    text: str,
    sent: Sentence,
    inside: list[tuple[int, int, str]],
    pats: RouteWords,
    gaz: Gazetteer,
) -> Iterator[Route]:
    original = text[sent.start : sent.end]
    nodes = [_Node(s - sent.start, e - sent.start, pid) for s, e, pid in inside]
    masked = _mask(fold(original), nodes)
    if not pats.move.search(masked):
        return
    commodity = _commodity(original, masked, pats)
    if commodity is None and not pats.illicit.search(masked):
        return
    if all(pats.deployment.match(masked, m.start()) for m in pats.move.finditer(masked)):
        return  # "sending 1,500 police officers into La Pampa": forces move, not goods
    _assign_roles(masked, nodes, pats, gaz)
    # waypoints alone ("entran por Quillabamba") state no route
    segments = [
        seg for seg in _segments(nodes) if any(n.role in (Role.ORIGIN, Role.DEST) for n in seg)
    ]
    for i, segment in enumerate(segments):
        _implicit_origin(masked, nodes, segment, pats, gaz)
        # The mode is read in the segment's own stretch first ("trucked to Lima and shipped
        # from Callao to China" is two routes by two means), then up to the next one's cue.
        lo = segments[i - 1][-1].end if i else 0
        nxt = segments[i + 1][0] if i + 1 < len(segments) else None
        hi = len(masked) if nxt is None else (nxt.cue_start if nxt.cue_start >= 0 else nxt.start)
        stretches = (masked[lo : segment[-1].end], masked[lo:hi])
        for path in _paths(segment, masked, pats):
            mode = _mode(stretches, path, pats, gaz)
            yield Route(
                id=route_key(path, commodity, mode),
                commodity=commodity,
                mode=mode,
                nodes=path,
                evidence=original,
                span=Span(sent.start, sent.end),
            )


def _mask(folded: str, nodes: list[_Node]) -> str:
    """The folded sentence with each place name replaced by x's, so that names are neither
    cue words nor commodity words ("San Juan del Oro")."""
    chars = list(folded)
    for n in nodes:
        chars[n.start : n.end] = "x" * (n.end - n.start)
    return "".join(chars)


def _commodity(original: str, masked: str, pats: RouteWords) -> str | None:
    """The first commodity the sentence names, skipping capitalised words inside the
    sentence, which name something else ("Operation Mercury", "Gold Coast")."""
    for m in pats.commodity.finditer(masked):
        word = original[m.start() : m.end()]
        before = original[: m.start()].rstrip()
        starts_sentence = not before or before[-1] in '.!?¿¡"“«(—–-:>'
        if word[:1].isupper() and not word.isupper() and not starts_sentence:
            continue
        return pats.commodity_names[m.lastgroup or ""]
    return None


def _assign_roles(masked: str, nodes: list[_Node], pats: RouteWords, gaz: Gazetteer) -> None:
    """Each node's role from its cue, or from the node it is coordinated with."""
    for i, node in enumerate(nodes):
        offset = max(0, node.start - _WINDOW)
        window = masked[offset : node.start]
        if pats.hydro.search(window):
            continue  # "the Ramis River flows into Lake Titicaca": water, not goods
        m = pats.cue.search(window)
        if m is not None:
            node.role, node.cue_start = Role[m.lastgroup or "LOC"], offset + m.start()
            bare_for = node.role is Role.DEST and m.group("DEST").strip() == "for"
            if bare_for and not pats.departure.search(masked[: node.start]):
                node.role = None  # "fight for the Javari"; but "leaves ... for Bolivia"
        if i == 0:
            continue
        prev = nodes[i - 1]
        gap = masked[prev.end : node.start]
        if node.role in (Role.ORIGIN, Role.DEST) and node.role is prev.role:
            # "hacia el VRAEM o hacia Puno": the same cue again after and/or is an
            # alternative, unless the text says it comes after ("y luego hacia Manaos")
            if pats.repeat.match(gap) and not pats.onward.search(gap):
                node.conj = "or"
            continue
        if node.role not in (None, Role.LOC):
            continue
        if _contains(gaz, node.place_id, prev.place_id) and CONTAINER_GAP.match(gap):
            node.role = None  # "Antwerp, Belgium", "Beni, en Bolivia": locates prev only
            continue
        if prev.role in (None, Role.LOC):
            continue
        conj = pats.conj.match(gap)
        if conj is not None:
            node.role, node.conj = prev.role, ("and" if conj.group(1) else "or")
        elif pats.comma.match(gap) and _list_goes_on(masked, nodes, i, pats):
            node.role, node.conj = prev.role, "or"


def _list_goes_on(masked: str, nodes: list[_Node], i: int, pats: RouteWords) -> bool:
    """A comma joins places into a list only if the list ends in and/or ("Belgium, the
    Netherlands and Spain"), unlike "Antwerp, Belgium"."""
    for j in range(i + 1, len(nodes)):
        gap = masked[nodes[j - 1].end : nodes[j].start]
        if pats.conj.match(gap):
            return True
        if not pats.comma.match(gap):
            return False
    return False


def _contains(gaz: Gazetteer, outer_id: str, inner_id: str) -> bool:
    """True when ``outer_id`` is the country, first-level division or parent of ``inner_id``."""
    inner = gaz.get(inner_id)
    if inner is None:
        return False
    if outer_id.startswith("country:"):
        return inner.country == outer_id.removeprefix("country:")
    return outer_id in (inner.admin1_id, inner.parent_id)


def _is_river(gaz: Gazetteer, place_id: str) -> bool:
    place = gaz.get(place_id)
    return place is not None and place.kind is PlaceKind.RIVER


def _segments(nodes: list[_Node]) -> Iterator[list[_Node]]:
    """Split a sentence's cued nodes into routes: a new origin after a complete route
    (origin plus waypoint or destination) starts another one."""
    current: list[_Node] = []
    for node in nodes:
        if node.role in (None, Role.LOC):
            continue
        roles = {n.role for n in current}
        starts_anew = node.role is Role.ORIGIN and node.conj is None
        if starts_anew and Role.ORIGIN in roles and roles & {Role.VIA, Role.DEST}:
            yield current
            current = []
        current.append(node)
    if current:
        yield current


def _implicit_origin(
    masked: str, nodes: list[_Node], segment: list[_Node], pats: RouteWords, gaz: Gazetteer
) -> None:
    """With no origin cue, the place the goods were at just before the first cued place is
    the origin: "seized at the port of Callao, bound for Antwerp", "la cocaína del VRAEM
    es enviada a Lima", "VRAEM cocaine is flown to Bolivia". A river named in between does
    not count ("en el puerto de Pucallpa, a orillas del río Ucayali, ... rumbo a Lima"), nor
    a place where someone spoke ("according to the prosecutor in Puerto Maldonado")."""
    if any(n.role is Role.ORIGIN for n in segment):
        return
    first = segment[0]
    before = [
        n for n in nodes
        if n.end <= first.start and n.role in (None, Role.LOC)
        and first.start - n.end <= _IMPLICIT_GAP and n.conj is None
    ]  # fmt: skip
    land = [n for n in before if not _is_river(gaz, n.place_id)]
    if not before:
        return
    cand = (land or before)[-1]
    between = [
        n for n in nodes
        if cand.end <= n.start < first.start and not _is_river(gaz, n.place_id)
    ]  # fmt: skip
    said = pats.reporting.search(masked[max(0, cand.start - _WINDOW) : first.start])
    if between or said:
        return
    if cand.role is Role.LOC or pats.commodity.match(masked[cand.end :].lstrip()):
        cand.role = Role.ORIGIN
        segment.insert(0, cand)


@dataclass(slots=True)
class _Stage:
    role: Role
    alternatives: list[str]
    start: int
    end: int


def _paths(segment: list[_Node], masked: str, pats: RouteWords) -> Iterator[tuple[str, ...]]:
    """Every path a segment states: origins first, then waypoints and destinations in text
    order, except that a waypoint named right after a destination comes before it ("to B
    via C", "hacia Ecuador a través de El Carmen") unless the text says the goods go on
    ("to B, then through C", "for export through C"); alternatives multiply."""
    stages: list[_Stage] = []
    for node in segment:
        role = node.role or Role.VIA
        coordinated = node.conj is not None and not (role is Role.VIA and node.conj == "and")
        another_origin = role is Role.ORIGIN and bool(stages) and stages[-1].role is role
        if stages and (coordinated or another_origin):
            stages[-1].alternatives.append(node.place_id)
            stages[-1].end = node.end
        else:
            stages.append(_Stage(role, [node.place_id], node.start, node.end))
    origins = [s for s in stages if s.role is Role.ORIGIN]
    rest = [s for s in stages if s.role is not Role.ORIGIN]
    for i in range(1, len(rest)):
        prev, here = rest[i - 1], rest[i]
        after_dest = prev.role is Role.DEST and here.role is Role.VIA
        if after_dest and not pats.onward.search(masked[prev.end : here.start]):
            rest[i - 1], rest[i] = here, prev
    ordered = [s.alternatives for s in origins + rest]
    for combo in itertools.islice(itertools.product(*ordered), _MAX_PATHS):
        path = tuple(pid for pid, _ in itertools.groupby(combo))
        if len(set(path)) >= 2:
            yield path


def _mode(
    stretches: Sequence[str], path: tuple[str, ...], pats: RouteWords, gaz: Gazetteer
) -> str | None:
    """The mode of transport named in the first stretch of text that names one (by
    precedence within it), else river when the path runs along a river."""
    for text in stretches:
        for mode, pattern in pats.modes:
            if pattern.search(text):
                return mode
    if any(_is_river(gaz, pid) for pid in path):
        return "river"
    return None
