"""Geoparse a text: find place names, pick the right gazetteer entry, give coordinates.

In: a text (its tokens) and the spans already claimed by actors. Out: ``PlaceMention``s
with the resolved ``Place``. Disambiguation prefers Peru, places near other places in the
same text, kind words next to the name ("río Napo", "Loreto region"), and larger places;
single capitalised words that are also common words or person names need a cue
("in", "en", "near", "district of") or a nearby anchor place to count.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from pukara.extract.matcher import Hit, Token, TokenTrie
from pukara.extract.placephrases import extra_mentions, merge_spans, region_hints
from pukara.extract.placescore import (
    ANCHOR_KINDS,
    FUNCTION_WORDS,
    KIND_AFTER,
    KIND_BEFORE,
    Anchors,
    Payload,
    PlaceMention,
    Scene,
    best_reading,
    km_between,
    supported,
)
from pukara.extract.text import fold
from pukara.model import Place, PlaceKind
from pukara.refdata.gazetteer import Gazetteer, load_gazetteer

__all__ = ["PlaceMention", "extract_places", "km_between"]


def _variants(name: str, kind: PlaceKind) -> set[str]:
    """The name as written, plus the forms that damaged copies of reports produce: accented
    letters dropped ("Apurmac" for "Apurímac") and, for countries and regions, a possessive
    that lost its apostrophe ("Perus" for "Peru's")."""
    out = {name}
    dropped = [c for c in name if not c.isascii()]
    kept = "".join(c for c in name if c.isascii())
    # only a name that stays recognisable: one or two lost accented letters of a long name
    accents = all(c.lower() in "áéíóúàèìòùâêîôûãõäëïöüñç" for c in dropped)
    if dropped and accents and len(dropped) <= 2 and len(re.sub(r"\W", "", kept)) >= 5:
        out.add(kept)
    if kind in {PlaceKind.COUNTRY, PlaceKind.REGION} and " " not in name and name.isalpha():
        out.add(name + "s")
    return out


@lru_cache(maxsize=1)
def _trie() -> TokenTrie[Payload]:
    gaz = load_gazetteer()
    trie: TokenTrie[Payload] = TokenTrie()
    for entry in gaz.entries.values():
        pid, kind = entry.place.id, entry.place.kind
        for i, name in enumerate(entry.names):
            letters = len(re.sub(r"\W", "", name))
            caps = name.isupper() and letters <= 4
            if letters >= 2:
                for form in _variants(name, kind):
                    trie.add(form, Payload(pid, False, caps, i == 0))
        for name in entry.context_names:
            # "the Amazon" -> "Amazon": an article must not let a short context name swallow
            # the start of a longer real name ("the Amazon River"); a bare common noun left
            # over ("the border", "la selva") is too vague to mean one place.
            bare = re.sub(r"^(?:the|el|la|los|las)\s+", "", name, flags=re.I)
            if bare != name and " " not in bare and bare.islower():
                continue
            for form in _variants(bare, kind):
                trie.add(form, Payload(pid, True, False))
    return trie


def extract_places(
    text: str,
    tokens: Sequence[Token],
    claimed: Sequence[tuple[int, int]] = (),
    home_country: str = "PE",
) -> list[PlaceMention]:
    """Place mentions in ``text``; spans in ``claimed`` (actor names) are skipped."""
    gaz = load_gazetteer()
    spans = merge_spans(claimed)
    starts = [s for s, _ in spans]
    hits = [h for h in _trie().find_longest(list(tokens)) if not _inside(h, spans, starts)]
    candidates = [(h, _plausible(h, text, tokens, gaz, home_country)) for h in hits]
    candidates = [(h, c) for h, c in candidates if c]
    hit_tokens = frozenset(i for h, _ in candidates for i in range(h.first, h.last + 1))
    scene = Scene.of(text, tokens, gaz, home_country)
    scene.hit_tokens = hit_tokens
    hints = region_hints(text, [h for h, _ in candidates], gaz)
    companions = _companions(text, candidates, gaz)
    # Pass 1: anchors (countries, regions, zones, ...) resolved on their own.
    own: dict[int, str] = {}
    for n, (hit, cands) in enumerate(candidates):
        best = best_reading(hit, cands, scene, companions=companions[n], region=hints.get(n))
        if best is not None and best.place.kind in ANCHOR_KINDS and not best.needs_support:
            own[n] = best.place.id
    scene.anchors = Anchors([gaz.get(pid) or _missing(pid) for pid in own.values()])
    # Pass 2: everything, with the other hits' anchors as context.
    out: list[PlaceMention] = []
    for n, (hit, cands) in enumerate(candidates):
        mine = own.get(n)
        best = best_reading(hit, cands, scene, mine, companions[n], hints.get(n))
        if best is None:
            continue
        if best.needs_support and not supported(best.place, scene.anchors, mine, companions[n]):
            continue
        surface = text[hit.start : hit.end]
        out.append(PlaceMention(hit.start, hit.end, surface, best.place, best.score))
    out = _one_sense(out, tokens, text)
    extra = extra_mentions(text, tokens, out, claimed, home_country)
    local = [(x.start, x.end) for x in extra if x.place.id.startswith("local:")]
    out = [m for m in out if not any(s <= m.start and m.end <= e for s, e in local)]
    return sorted(out + extra, key=lambda m: m.start)


def _missing(place_id: str) -> Place:
    raise KeyError(place_id)  # an anchor always comes from the gazetteer


def _companions(
    text: str, candidates: list[tuple[Hit[Payload], list[Payload]]], gaz: Gazetteer
) -> list[list[Place]]:
    """For each hit, the readings of the names listed right beside it in the same sentence
    ("Santa Rosa, Leticia y Tabatinga"): towns and districts of the hits before and after,
    when only a comma, "y", "and" or "e" stands between."""
    out: list[list[Place]] = [[] for _ in candidates]
    for n in range(len(candidates) - 1):
        (a, ca), (b, cb) = candidates[n], candidates[n + 1]
        if not _LISTED.fullmatch(text[a.end : b.start]):
            continue
        out[n] += _local(cb, gaz)
        out[n + 1] += _local(ca, gaz)
    return out


_LISTED = re.compile(r"\s*(?:,|,?\s+(?:y|e|and|o|or))\s+")


def _local(cands: list[Payload], gaz: Gazetteer) -> list[Place]:
    places = (gaz.get(p.place_id) for p in cands)
    return [p for p in places if p is not None and p.kind in {PlaceKind.TOWN, PlaceKind.DISTRICT}]


def _one_sense(
    mentions: list[PlaceMention], tokens: Sequence[Token], text: str
) -> list[PlaceMention]:
    """A name used several times in one text means one place ("Putumayo" is not the river
    here and the province there) unless a kind word says otherwise: take the reading with
    the best total score among the mentions written without a kind word."""
    groups: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if not _has_kind_word(m, text):
            groups.setdefault(fold(m.surface), []).append(i)
    out = list(mentions)
    for idxs in groups.values():
        if len({mentions[i].place.id for i in idxs}) < 2:
            continue
        totals: dict[str, float] = {}
        for i in idxs:
            totals[mentions[i].place.id] = totals.get(mentions[i].place.id, 0.0) + mentions[i].score
        winner = max(idxs, key=lambda i: (totals[mentions[i].place.id], mentions[i].score))
        for i in idxs:
            out[i] = PlaceMention(
                mentions[i].start, mentions[i].end, mentions[i].surface,
                mentions[winner].place, mentions[i].score,
            )  # fmt: skip
    return out


def _has_kind_word(m: PlaceMention, text: str) -> bool:
    words = fold(m.surface).split()
    after = fold(text[m.end : m.end + 12]).split()[:1]
    before = fold(text[max(0, m.start - 14) : m.start]).split()[-1:]
    return bool(
        set(words) & (set(KIND_AFTER) | set(KIND_BEFORE))
        or (after and after[0] in KIND_AFTER)
        or (before and before[0] in KIND_BEFORE)
    )


def _inside(hit: Hit[Payload], spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``hit`` lies within the merged actor ``spans`` (bisect, not a scan)."""
    i = bisect.bisect_right(starts, hit.start) - 1
    return i >= 0 and hit.end <= spans[i][1]


def _plausible(
    hit: Hit[Payload], text: str, tokens: Sequence[Token], gaz: Gazetteer, home: str
) -> list[Payload]:
    surface = text[hit.start : hit.end]
    out = []
    for p in hit.payloads:
        if p.context_only:
            if home == "PE":
                out.append(p)
            continue
        if not any(c.isupper() for c in surface):
            continue  # place names are written with capitals
        if p.short_caps and not surface.replace(".", "").replace(" ", "").isupper():
            continue
        if len(surface) <= 5 and not surface.isascii() and not _written_so(surface, p, gaz):
            continue  # "Içá" is not "Ica": short names must keep their accents
        if not surface[0].isupper() and not surface[0].isdigit():
            # "río Napo": a lower-case kind word may open the name, the name itself may not
            first = tokens[hit.first].norm
            if first not in KIND_BEFORE and first not in FUNCTION_WORDS:
                continue
        out.append(p)
    return out


def _written_so(surface: str, payload: Payload, gaz: Gazetteer) -> bool:
    entry = gaz.entries.get(payload.place_id)
    names = (*entry.names, *entry.context_names) if entry else ()
    return any(surface.lower() == n.lower() for n in names)
