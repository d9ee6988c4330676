"""SQLite backend of the ``Store`` protocol: one file, migrations, FTS5 search.

Every document (with what was extracted from it) is written in its own transaction, so a
failure loses that document only. Re-ingesting the same content is a no-op (content hash);
a near-duplicate is stored, linked to its original, and not counted twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from pukara.errors import Problem, StoreError
from pukara.model import Document, Extraction, Observation, Source
from pukara.store import neardup
from pukara.store.base import (
    AddResult,
    AddStatus,
    DocumentRow,
    ProblemRow,
    SearchHit,
    StoredDocument,
)

__all__ = ["SQLiteStore", "migrations"]


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every file in store/migrations, in order."""
    folder = resources.files("pukara.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        m = re.match(r"^(\d{4})_.*\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text("utf-8")))
    return sorted(found)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _fts_query(text: str) -> str:
    """User words to a safe FTS5 query: each word quoted, all required; 'word*' keeps prefix."""
    terms = []
    for word in re.findall(r"[\w][\w'-]*\*?", text, re.UNICODE):
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', "")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


_DOC_COLUMNS = """d.id, d.path, d.title, d.published, d.language, s.name, s.reliability,
    length(d.text), d.duplicate_of, d.tlp"""


class SQLiteStore:
    """Pukara's knowledge base in one SQLite file (``:memory:`` works for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path}: not a Pukara database or damaged: {exc}") from exc
        self._migrate()

    # -- lifecycle ---------------------------------------------------------------------
    def _migrate(self) -> None:
        """Apply every migration not applied yet, each in its own transaction.

        Applied numbers are recorded in ``schema_migrations``, so a migration that arrives
        with a lower number than one already applied (parallel branches) is still applied.
        Stores from before that table count as having applied 1..user_version.
        """
        try:
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in self._db.execute("SELECT version FROM schema_migrations")}
            if not done and version:
                done = set(range(1, version + 1))
                self._db.executemany(
                    "INSERT INTO schema_migrations VALUES (?, ?)", [(v, _now()) for v in done]
                )
            for number, sql in migrations():
                if number not in done:
                    top = max(number, version)
                    self._db.executescript(
                        f"BEGIN;\n{sql}\nINSERT INTO schema_migrations VALUES ({number}, "
                        f"'{_now()}');\nPRAGMA user_version = {top};\nCOMMIT;"
                    )
                    version = top
        except sqlite3.DatabaseError as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: not a Pukara database or damaged: {exc}") from exc

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------
    def add_document(
        self, doc: Document, extraction: Extraction | None = None, source: Source | None = None
    ) -> AddResult:
        signature = neardup.minhash(doc.text)
        buckets = neardup.band_buckets(signature)
        try:
            with self._transaction() as db:
                row = db.execute("SELECT id FROM documents WHERE hash = ?", (doc.hash,)).fetchone()
                if row is not None:
                    return AddResult(AddStatus.DUPLICATE, row["id"], row["id"], 1.0)
                original, score = self._nearest(db, signature, buckets)
                source_id = self._source_id(db, source or doc.source)
                self._insert_document(db, doc, source_id, original, score)
                db.execute(
                    "INSERT INTO document_signatures(doc_id, signature) VALUES (?, ?)",
                    (doc.id, signature.tobytes()),
                )
                db.executemany(
                    "INSERT INTO document_bands(band, bucket, doc_id) VALUES (?, ?, ?)",
                    [(band, bucket, doc.id) for band, bucket in enumerate(buckets)],
                )
                if extraction is not None:
                    self._insert_extraction(db, doc, extraction)
        except sqlite3.Error as exc:
            raise StoreError(f"{doc.path}: could not store document: {exc}") from exc
        if original is not None:
            return AddResult(AddStatus.NEAR_DUPLICATE, doc.id, original, score)
        return AddResult(AddStatus.NEW, doc.id)

    def _nearest(
        self, db: sqlite3.Connection, signature: np.ndarray[Any, Any], buckets: list[int]
    ) -> tuple[str | None, float | None]:
        clauses = " OR ".join("(band = ? AND bucket = ?)" for _ in buckets)
        params = [v for pair in enumerate(buckets) for v in pair]
        rows = db.execute(
            f"SELECT DISTINCT b.doc_id, s.signature, d.duplicate_of FROM document_bands b "
            f"JOIN document_signatures s ON s.doc_id = b.doc_id "
            f"JOIN documents d ON d.id = b.doc_id WHERE {clauses} LIMIT 200",
            params,
        ).fetchall()
        best: tuple[str | None, float | None] = (None, None)
        for row in rows:
            other = np.frombuffer(row["signature"], dtype=np.uint64)
            score = neardup.similarity(signature, other)
            if score >= neardup.THRESHOLD and (best[1] is None or score > best[1]):
                best = (row["duplicate_of"] or row["doc_id"], score)
        return best

    def _source_id(self, db: sqlite3.Connection, source: Source | None) -> int | None:
        if source is None:
            return None
        db.execute(
            "INSERT INTO sources(name, url, reliability, credibility) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO NOTHING",
            (source.name, source.url, source.reliability, source.credibility),
        )
        if source.grade != "F6":  # an explicit grade overrides 'cannot be judged'
            db.execute(
                "UPDATE sources SET reliability = ?, credibility = ?, url = coalesce(?, url) "
                "WHERE name = ?",
                (source.reliability, source.credibility, source.url, source.name),
            )
        row = db.execute("SELECT id FROM sources WHERE name = ?", (source.name,)).fetchone()
        return int(row["id"])

    def _insert_document(
        self,
        db: sqlite3.Connection,
        doc: Document,
        source_id: int | None,
        original: str | None,
        score: float | None,
    ) -> None:
        db.execute(
            "INSERT INTO documents(id, hash, path, url, title, published, published_precision,"
            " language, media_type, source_id, text, tlp, releasable_to, duplicate_of,"
            " similarity, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.hash,
                doc.path,
                doc.url,
                doc.title,
                doc.published.iso() if doc.published else None,
                doc.published.precision.value if doc.published else None,
                doc.language,
                doc.media_type,
                source_id,
                doc.text,
                doc.marking.tlp.value,
                ",".join(doc.marking.releasable_to),
                original,
                score,
                _now(),
            ),
        )

    def _insert_extraction(self, db: sqlite3.Connection, doc: Document, ex: Extraction) -> None:
        ex = _fuse_new_actors(db, ex)
        for place in ex.places:
            db.execute(
                "INSERT OR IGNORE INTO places(id, name, kind, country, admin1, lat, lon, parent_id,"
                " admin1_id) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    place.id,
                    place.name,
                    place.kind.value,
                    place.country,
                    place.admin1,
                    place.point.lat if place.point else None,
                    place.point.lon if place.point else None,
                    place.parent_id,
                    place.admin1_id,
                ),
            )
        for actor in ex.actors:
            db.execute(
                "INSERT INTO actors(id, name, kind, country, parent_id, discovered, role, status)"
                " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
                " role = coalesce(excluded.role, role), status = coalesce(excluded.status, status)",
                (actor.id, actor.name, actor.kind.value, actor.country, actor.parent_id,
                 int(actor.id.startswith("new:")), actor.role, actor.status),
            )  # fmt: skip  # a newer registry's role and fate replace the stored ones
            db.executemany(
                "INSERT OR IGNORE INTO actor_aliases(actor_id, alias, alias_key) VALUES (?,?,?)",
                [(actor.id, a, _alias_key(a)) for a in (actor.name, *actor.aliases)],
            )
        db.executemany(
            "INSERT INTO mentions(doc_id, kind, ref_id, start, end, surface) VALUES (?,?,?,?,?,?)",
            [(doc.id, m.kind, m.ref_id, m.span.start, m.span.end, m.surface) for m in ex.mentions],
        )
        db.executemany(
            "INSERT INTO facts(doc_id, indicator, value, value_max, unit, period, place_id, start,"
            " end, evidence, original, tlp, releasable_to, activity, effort)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (doc.id, f.indicator, f.value, f.value_max, f.unit, f.period, f.place_id,
                 f.evidence.start, f.evidence.end, f.evidence_text, f.original,
                 _stricter(doc, f.marking.tlp.value), ",".join(doc.marking.releasable_to),
                 f.activity, int(f.effort))
                for f in ex.facts
            ],
        )  # fmt: skip
        db.executemany(
            "INSERT INTO events(doc_id, type, date, date_precision, place_id, actor_ids, announced,"
            " start, end, evidence, tlp, releasable_to, activity, effort)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (doc.id, e.type, e.date.iso() if e.date else None,
                 e.date.precision.value if e.date else None, e.place_id,
                 json.dumps(list(e.actor_ids)), int(e.announced), e.evidence.start,
                 e.evidence.end, e.evidence_text, _stricter(doc, e.marking.tlp.value),
                 ",".join(doc.marking.releasable_to), e.activity, int(e.effort))
                for e in ex.events
            ],
        )  # fmt: skip
        db.executemany(
            "INSERT INTO actor_relations(doc_id, kind, source_id, target_id, cue, evidence, start,"
            " end, date, tlp, releasable_to) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (doc.id, r.kind, r.source_id, r.target_id, r.cue, r.evidence_text,
                 r.evidence.start, r.evidence.end, r.date.iso() if r.date else None,
                 _stricter(doc, r.marking.tlp.value), ",".join(doc.marking.releasable_to))
                for r in ex.relations
                if r.source_id != r.target_id
            ],
        )  # fmt: skip
        db.executemany(
            "INSERT INTO routes(doc_id, route_key, commodity, mode, nodes, evidence, start, end,"
            " tlp, releasable_to) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (doc.id, r.id, r.commodity, r.mode, json.dumps(list(r.nodes)), r.evidence or "",
                 r.span.start if r.span else 0, r.span.end if r.span else 0,
                 _stricter(doc, r.marking.tlp.value), ",".join(doc.marking.releasable_to))
                for r in ex.routes
            ],
        )  # fmt: skip

    def add_observations(self, observations: Iterable[Observation]) -> int:
        rows = [
            (
                o.id, o.kind, o.observed_at.iso() if o.observed_at else None,
                o.observed_at.precision.value if o.observed_at else None,
                o.point.lat if o.point else None, o.point.lon if o.point else None,
                o.geometry, o.sensor, o.unit, o.value, o.confidence, o.place, o.external_id,
                json.dumps(dict(o.properties), ensure_ascii=False), o.source_path, o.where,
                o.marking.tlp.value, ",".join(o.marking.releasable_to), _now(),
            )
            for o in observations
        ]  # fmt: skip
        try:
            with self._transaction() as db:
                before = db.total_changes
                db.executemany(
                    "INSERT OR IGNORE INTO observations(id, kind, observed_at, observed_precision,"
                    " lat, lon, geometry, sensor, unit, value, confidence, place, external_id,"
                    " properties, source_path, location, tlp, releasable_to, ingested_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
                return db.total_changes - before
        except sqlite3.Error as exc:
            raise StoreError(f"could not store observations: {exc}") from exc

    def add_problem(self, problem: Problem) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO problems(path, location, reason, created_at) VALUES (?,?,?,?)",
                (problem.path, problem.where, problem.reason, _now()),
            )

    # -- reading -----------------------------------------------------------------------
    def _row(self, r: sqlite3.Row) -> DocumentRow:
        return DocumentRow(*tuple(r))

    def documents(self, limit: int = 50, offset: int = 0) -> list[DocumentRow]:
        rows = self._db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id "
            "ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [self._row(r) for r in rows]

    def get_document(self, ref: str) -> StoredDocument | None:
        ref = ref.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{4,64}", ref):
            return None
        rows = self._db.execute(
            f"SELECT {_DOC_COLUMNS}, d.text, d.url, d.media_type, d.releasable_to "
            "FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE d.id LIKE ? LIMIT 2",
            (ref[:16] + "%",),
        ).fetchall()
        if len(rows) != 1:
            return None
        r = rows[0]
        doc_id = r["id"]
        copies = tuple(
            x["id"] for x in self._db.execute(
                "SELECT id FROM documents WHERE duplicate_of = ? ORDER BY id", (doc_id,))
        )  # fmt: skip
        counts = {
            table: int(self._db.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id = ?", (doc_id,)).fetchone()[0])
            for table in ("mentions", "facts", "events")
        }  # fmt: skip
        rel = tuple(p for p in (r["releasable_to"] or "").split(",") if p)
        return StoredDocument(
            self._row(r[:10]), r["text"], r["url"], r["media_type"], rel, copies, counts
        )

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        fts = _fts_query(query)
        if not fts:
            return []
        rows = self._db.execute(
            "SELECT d.id, d.title, d.published, "
            "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snip, bm25(documents_fts) AS rank "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? AND d.duplicate_of IS NULL ORDER BY rank LIMIT ?",
            (fts, limit),
        ).fetchall()
        return [SearchHit(r["id"], r["title"], r["published"], r["snip"], r["rank"]) for r in rows]

    def problems(self, limit: int = 200) -> list[ProblemRow]:
        rows = self._db.execute(
            "SELECT path, location, reason, created_at FROM problems ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [ProblemRow(*tuple(r)) for r in rows]

    def summary(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self._db.execute(sql).fetchone()[0])

        return {
            "documents": one("SELECT count(*) FROM documents WHERE duplicate_of IS NULL"),
            "near_duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            "sources": one("SELECT count(*) FROM sources"),
            "observations": one("SELECT count(*) FROM observations"),
            "places": one("SELECT count(*) FROM places"),
            "actors": one("SELECT count(*) FROM actors"),
            "facts": one("SELECT count(*) FROM facts"),
            "events": one("SELECT count(*) FROM events"),
            "problems": one("SELECT count(*) FROM problems"),
        }

    def execute(
        self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
    ) -> list[sqlite3.Row]:
        """Read-only SQL for analysis code and notebooks (writes are refused). ``params`` are
        positional (``?``) or named (``:name``)."""
        if not re.match(r"^\s*(SELECT|WITH)\b", sql, re.I):
            raise StoreError("execute() runs SELECT queries only; use the add_* methods to write")
        bound = params if isinstance(params, Mapping) else tuple(params)
        return self._db.execute(sql, bound).fetchall()


def _fuse_new_actors(db: sqlite3.Connection, ex: Extraction) -> Extraction:
    """Fusion on write: an actor discovered in this text ("new:...") that shares a name or an
    alias with an actor already stored ("Mendoza Mora" / "Carlos Mendoza Mora", alias
    "Araña") becomes that actor, in the actors, mentions and events written here."""
    from dataclasses import replace

    remap: dict[str, str] = {}
    for actor in ex.actors:
        if not actor.id.startswith("new:"):
            continue
        keys = [_alias_key(a) for a in (actor.name, *actor.aliases)]
        marks = ",".join("?" * len(keys))
        row = db.execute(
            f"SELECT actor_id FROM actor_aliases WHERE alias_key IN ({marks}) "
            "AND actor_id != ? ORDER BY actor_id NOT LIKE 'new:%' DESC LIMIT 1",
            (*keys, actor.id),
        ).fetchone()
        if row is not None:
            remap[actor.id] = row["actor_id"]
    if not remap:
        return ex
    return replace(
        ex,
        actors=tuple(a for a in ex.actors if a.id not in remap),
        mentions=tuple(replace(m, ref_id=remap.get(m.ref_id, m.ref_id)) for m in ex.mentions),
        events=tuple(
            replace(e, actor_ids=tuple(remap.get(a, a) for a in e.actor_ids)) for e in ex.events
        ),
        relations=tuple(
            replace(
                r,
                source_id=remap.get(r.source_id, r.source_id),
                target_id=remap.get(r.target_id, r.target_id),
            )
            for r in ex.relations
        ),
    )


def _alias_key(alias: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", alias.lower())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def _stricter(doc: Document, tlp: str) -> str:
    """A claim is at least as restricted as the document it came from."""
    from pukara.model import TLP

    return max(TLP(tlp), doc.marking.tlp, key=lambda t: t.rank).value
