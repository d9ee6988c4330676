"""Reading documents: lists, one document with its claims and mentions, search, counts.

Everything here is filtered by the reader's audience (``Reads.vis``): a document the reader
may not see is absent from lists, counts, search hits and snippets; the text and source name
of a protected source are withheld from partners. Search is SQLite FTS5 or a PostgreSQL
tsvector of the accent-folded text; both require every word and take ``word*`` as a prefix.
"""

from __future__ import annotations

import re
from typing import Any

from pukara.model import (
    PROTECTED_SOURCE,
    ClaimSpan,
    DocumentRow,
    MentionSpan,
    ProblemRow,
    SearchHit,
    StoredDocument,
)
from pukara.model.textnorm import fold
from pukara.store.reads.base import Reads, marking_from

__all__ = ["DocumentReads"]

_DOC_COLUMNS = """d.id, d.path, d.title, d.published, d.language, s.name, s.reliability,
    length(d.text), d.duplicate_of, d.tlp, s.credibility, d.releasable_to, d.author,
    coalesce(s.protected, 0)"""
_WORD = re.compile(r"[\w][\w'-]*\*?", re.UNICODE)


class DocumentReads(Reads):
    def _doc_row(self, r: Any) -> DocumentRow:
        shown = self.shown(r[13])
        partners = marking_from(r[9], r[11]).releasable_to
        return DocumentRow(
            r[0], r[1] if shown else "", r[2] if shown else None, r[3], r[4],
            r[5] if shown else (PROTECTED_SOURCE if r[5] else None), r[6], r[7] if shown else 0,
            r[8], r[9], r[10], partners, r[12] if shown else None,
        )  # fmt: skip

    def documents(self, limit: int = 50, offset: int = 0) -> list[DocumentRow]:
        """Documents, newest first (undated last)."""
        cond, params = self.vis("d")
        rows = self.db.rows(
            f"SELECT {_DOC_COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id"
            f" WHERE 1 = 1{cond} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [self._doc_row(r) for r in rows]

    def count_documents(self) -> int:
        cond, params = self.vis("d")
        return int(self.db.scalar(f"SELECT count(*) FROM documents d WHERE 1 = 1{cond}", params))

    def document(self, ref: str) -> StoredDocument | None:
        """A document by id or unique id prefix (None when unknown or not visible)."""
        ref = ref.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{4,64}", ref):
            return None
        cond, params = self.vis("d")
        rows = self.db.rows(
            f"SELECT {_DOC_COLUMNS}, d.text, d.url, d.media_type, s.url FROM documents d"
            f" LEFT JOIN sources s ON s.id = d.source_id WHERE d.id LIKE ?{cond} LIMIT 2",
            [ref[:16] + "%", *params],
        )
        if len(rows) != 1:
            return None
        r = rows[0]
        shown = self.shown(r[13])
        copies = tuple(
            x[0] for x in self.db.rows(
                f"SELECT d.id FROM documents d WHERE d.duplicate_of = ?{cond} ORDER BY d.id",
                [r[0], *params])
        )  # fmt: skip
        counts = {
            table: int(self.db.scalar(
                f"SELECT count(*) FROM {table} x WHERE x.doc_id = ?"
                + (self.vis("x")[0] if table != "mentions" else ""),
                [r[0], *(self.vis("x")[1] if table != "mentions" else [])]))
            for table in ("mentions", "facts", "events")
        }  # fmt: skip
        row = self._doc_row(r)
        return StoredDocument(
            row, r[14] if shown else "", r[15] if shown else None, r[16], row.releasable_to,
            copies, counts, r[17] if shown else None, bool(r[13]),
        )  # fmt: skip

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Documents with every word of ``query`` (accents optional, ``word*`` a prefix),
        best first; the matched words stand between [ and ] in the snippet."""
        words = [w for w in _WORD.findall(query) if w.rstrip("*")]
        if not words:
            return []
        cond, params = self.vis("d")
        independent, more = self.independent("d")
        if not self.audience.sees_protected:
            cond += " AND d.source_id NOT IN (SELECT id FROM sources WHERE protected = 1)"
        if self.db.dialect == "postgres":
            return self._search_pg(words, cond, [*params, *more], independent, limit)
        fts = " ".join(
            '"' + w.rstrip("*").replace('"', "") + '"' + ("*" if w.endswith("*") else "")
            for w in words
        )
        rows = self.db.rows(
            "SELECT d.id, d.title, d.published,"
            " snippet(documents_fts, 1, '[', ']', ' … ', 12), bm25(documents_fts)"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            f" WHERE documents_fts MATCH ?{cond} AND {independent} ORDER BY 5 LIMIT ?",
            [fts, *params, *more, limit],
        )
        return [SearchHit(r[0], r[1], r[2], r[3], float(r[4])) for r in rows]

    def _search_pg(
        self, words: list[str], cond: str, params: list[Any], independent: str, limit: int
    ) -> list[SearchHit]:
        terms = []
        for w in words:
            token = re.sub(r"[^\w]", "", fold(w.rstrip("*")))
            if token:
                terms.append(token + (":*" if w.endswith("*") else ""))
        if not terms:
            return []
        tsquery = " & ".join(terms)
        rows = self.db.rows(
            "SELECT d.id, d.title, d.published, d.text, ts_rank(d.search, to_tsquery('simple', ?))"
            f" FROM documents d WHERE d.search @@ to_tsquery('simple', ?){cond} AND {independent}"
            " ORDER BY 5 DESC, d.id LIMIT ?",
            [tsquery, tsquery, *params, limit],
        )
        return [SearchHit(r[0], r[1], r[2], snippet(r[3], terms), -float(r[4])) for r in rows]

    def problems(self, limit: int = 200) -> list[ProblemRow]:
        """Inputs that could not be read, newest first (problems are not marked: they
        name files, not their contents; partners get none)."""
        if self.audience.partner is not None:
            return []
        rows = self.db.rows(
            "SELECT path, location, reason, created_at FROM problems ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [ProblemRow(*r) for r in rows]

    def summary(self) -> dict[str, int]:
        """How many of each kind of record the reader can see."""
        d_cond, d_params = self.vis("d")
        independent, more = self.independent("d")

        def count(table: str) -> int:
            cond, params = self.vis("x")
            return int(self.db.scalar(f"SELECT count(*) FROM {table} x WHERE 1 = 1{cond}", params))

        docs = int(
            self.db.scalar(
                f"SELECT count(*) FROM documents d WHERE {independent}{d_cond}", [*more, *d_params]
            )
        )
        total = self.count_documents()
        visible_docs, vparams = self.visible_docs()
        return {
            "documents": docs,
            "near_duplicates": total - docs,
            "sources": int(self.db.scalar(
                f"SELECT count(DISTINCT source_id) FROM documents WHERE id IN ({visible_docs})",
                vparams)),
            "observations": count("observations"),
            "places": int(self.db.scalar(
                f"SELECT count(DISTINCT ref_id) FROM mentions WHERE kind = 'place' AND doc_id IN"
                f" ({visible_docs})", vparams)),
            "actors": len(self.actor_ids_visible()),
            "facts": count("facts"),
            "events": count("events"),
            "problems": len(self.problems(10**9)) if self.audience.partner is None else 0,
        }  # fmt: skip

    def actor_ids_visible(self) -> set[str]:
        """Registry actors, and discovered ones that a visible document mentions."""
        visible_docs, params = self.visible_docs()
        registry = {r[0] for r in self.db.rows("SELECT id FROM actors WHERE discovered = 0")}
        found = self.db.rows(
            "SELECT DISTINCT m.ref_id FROM mentions m JOIN actors a ON a.id = m.ref_id"
            f" WHERE m.kind = 'actor' AND a.discovered = 1 AND m.doc_id IN ({visible_docs})",
            params,
        )
        return registry | {r[0] for r in found}

    def markings(self) -> list[tuple[str, str]]:
        """Distinct (tlp, releasable_to) of the visible documents, facts and events."""
        parts, params = [], []
        for table in ("documents", "facts", "events"):
            cond, p = self.vis("x")
            parts.append(f"SELECT DISTINCT x.tlp, x.releasable_to FROM {table} x WHERE 1 = 1{cond}")
            params += p
        return [(r[0], r[1]) for r in self.db.rows(" UNION ".join(parts), params)]

    def claims_of(self, doc_id: str) -> list[ClaimSpan]:
        """Facts, events, relations and routes read from a document, with spans."""
        found: list[ClaimSpan] = []
        queries = {
            "fact": "SELECT x.id, x.span_start, x.span_end, x.tlp, x.releasable_to, x.indicator,"
                    " x.value, x.value_max, x.unit, x.period FROM facts x",
            "event": "SELECT x.id, x.span_start, x.span_end, x.tlp, x.releasable_to, x.type,"
                     " x.date, x.announced FROM events x",
            "relation": "SELECT x.id, x.span_start, x.span_end, x.tlp, x.releasable_to, x.kind,"
                        " coalesce(a.name, x.source_id), coalesce(b.name, x.target_id)"
                        " FROM actor_relations x LEFT JOIN actors a ON a.id = x.source_id"
                        " LEFT JOIN actors b ON b.id = x.target_id",
            "route": "SELECT x.id, x.span_start, x.span_end, x.tlp, x.releasable_to,"
                     " x.commodity FROM routes x",
        }  # fmt: skip
        for kind, sql in queries.items():
            cond, params = self.vis("x")
            for r in self.db.rows(f"{sql} WHERE x.doc_id = ?{cond}", [doc_id, *params]):
                if kind == "route" and r[2] <= r[1]:
                    continue
                found.append(_claim(kind, r))
        order = ("fact", "event", "relation", "route")
        return sorted(found, key=lambda c: (c.start, order.index(c.kind), c.id))

    def mentions_of(self, doc_id: str) -> list[MentionSpan]:
        """Places and actors named in a visible document, in text order."""
        if self.document(doc_id) is None:
            return []
        rows = self.db.rows(
            "SELECT m.span_start, m.span_end, m.kind, m.ref_id, coalesce(p.name, a.name, m.ref_id)"
            " FROM mentions m LEFT JOIN places p ON m.kind = 'place' AND p.id = m.ref_id"
            " LEFT JOIN actors a ON m.kind = 'actor' AND a.id = m.ref_id"
            " WHERE m.doc_id = ? ORDER BY m.span_start, m.span_end DESC",
            (doc_id,),
        )
        return [MentionSpan(*r) for r in rows]


def _claim(kind: str, r: Any) -> ClaimSpan:
    base = (kind, r[0], r[1], r[2], marking_from(r[3], r[4]), r[5])
    if kind == "fact":
        return ClaimSpan(*base, value=r[6], value_max=r[7], unit=r[8], when=r[9])
    if kind == "event":
        return ClaimSpan(*base, when=r[6], announced=bool(r[7]))
    if kind == "relation":
        return ClaimSpan(*base, names=(r[6], r[7]))
    return ClaimSpan(*base)


def snippet(text: str, terms: list[str], width: int = 12) -> str:
    """About ``width`` words around the first matched term, matched words in [ ]; terms
    are folded words, ``word:*`` a prefix (as in the tsquery)."""
    words = list(re.finditer(r"\w+", text))
    folded = [fold(m.group()) for m in words]

    def hit(w: str) -> bool:
        return any(w.startswith(t[:-2]) if t.endswith(":*") else w == t for t in terms)

    marks = [i for i, w in enumerate(folded) if hit(w)]
    if not marks:
        return " ".join(m.group() for m in words[:width])
    first = max(0, marks[0] - width // 3)
    last = min(len(words), first + width)
    parts, pos = [], words[first].start()
    for i in range(first, last):
        m = words[i]
        parts.append(text[pos : m.start()])
        parts.append(f"[{m.group()}]" if i in marks else m.group())
        pos = m.end()
    prefix = "… " if first else ""
    suffix = " …" if last < len(words) else ""
    return prefix + " ".join("".join(parts).split()) + suffix
