"""What both SQL backends share: writing documents and records, and opening views.

``SQLStore`` implements the writing half of the ``Store`` protocol over a ``Database``
(``pukara.store.db``): each document with what was extracted from it in its own savepoint
(a failure loses that document only), near-duplicates found by MinHash bands, observations
and problems written idempotently. ``add_documents`` writes a batch in one transaction, so a
large ingest commits per batch rather than per document. Reading goes through
``view(audience)`` (``pukara.store.view``): the audience decides what exists for the reader.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any

import numpy as np

from pukara import __version__
from pukara.errors import Problem, StoreError
from pukara.model import Audience, Document, Extraction, Observation, Source
from pukara.model.periods import day_hi, day_lo
from pukara.store import neardup
from pukara.store.base import AddResult, AddStatus
from pukara.store.db import Database
from pukara.store.writes import (
    insert_extraction,
    marking_columns,
    note_markings,
    now,
    upsert_source,
)

__all__ = ["DocumentBatchItem", "SQLStore"]

DocumentBatchItem = tuple[Document, Extraction | None, Source | None]


class SQLStore:
    """Pukara's knowledge base on an SQL engine; subclasses open the connection."""

    db: Database
    url: str

    # -- lifecycle ---------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def backend(self) -> str:
        return self.db.dialect

    def view(self, audience: Audience | None = None) -> Any:
        """A reader's view: every read method, filtered for ``audience`` (default: the
        local user, who sees everything)."""
        from pukara.store.view import View

        return View(self, audience or Audience.local())

    def version(self) -> tuple[int, int]:
        """(content, events) counters: they change with every write."""
        row = self.db.one("SELECT content_version, events_version FROM store_state")
        return (int(row[0]), int(row[1])) if row else (0, 0)

    # -- writing documents -------------------------------------------------------------
    def add_document(
        self, doc: Document, extraction: Extraction | None = None, source: Source | None = None
    ) -> AddResult:
        """Store a document (and what was extracted from it) in one transaction."""
        result = self.add_documents([(doc, extraction, source)])[0]
        if isinstance(result, StoreError):
            raise result
        return result

    def add_documents(self, items: Iterable[DocumentBatchItem]) -> list[AddResult | StoreError]:
        """Store a batch in one transaction, each document in its own savepoint: a document
        that fails becomes a ``StoreError`` in the result list and the others are kept."""
        results: list[AddResult | StoreError] = []
        batch = list(items)
        with self.db.transaction() as db:
            for doc, extraction, source in batch:
                db.run("SAVEPOINT doc")
                try:
                    results.append(self._write(db, doc, extraction, source))
                except StoreError as exc:
                    db.run("ROLLBACK TO SAVEPOINT doc")
                    results.append(StoreError(f"{doc.path}: could not store document: {exc}"))
                db.run("RELEASE SAVEPOINT doc")
            db.run("UPDATE store_state SET content_version = content_version + 1")
        return results

    def _write(
        self, db: Database, doc: Document, extraction: Extraction | None, source: Source | None
    ) -> AddResult:
        found = db.one("SELECT id FROM documents WHERE hash = ?", (doc.hash,))
        if found is not None:
            return AddResult(AddStatus.DUPLICATE, found[0], found[0], 1.0)
        signature = neardup.minhash(doc.text)
        buckets = neardup.band_buckets(signature)
        original, score = _nearest(db, signature, buckets)
        source_id = upsert_source(db, source or doc.source)
        self._insert_document(db, doc, source_id, original, score)
        db.run(
            "INSERT INTO document_signatures(doc_id, signature) VALUES (?, ?)",
            (doc.id, signature.tobytes()),
        )
        db.many(
            "INSERT INTO document_bands(band, bucket, doc_id) VALUES (?, ?, ?)",
            [(band, bucket, doc.id) for band, bucket in enumerate(buckets)],
        )
        if extraction is not None:
            insert_extraction(db, doc, extraction)
        else:
            note_markings(db, [doc.marking])
        if original is not None:
            return AddResult(AddStatus.NEAR_DUPLICATE, doc.id, original, score)
        return AddResult(AddStatus.NEW, doc.id)

    def _insert_document(
        self,
        db: Database,
        doc: Document,
        source_id: int | None,
        original: str | None,
        score: float | None,
    ) -> None:
        published = doc.published.iso() if doc.published else None
        tlp, rank, rel = marking_columns(doc.marking)
        db.run(
            "INSERT INTO documents(id, hash, path, url, title, published, published_precision,"
            " published_lo, published_hi, language, media_type, source_id, author, text, tlp,"
            " tlp_rank, releasable_to, duplicate_of, similarity, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id, doc.hash, doc.path, doc.url, doc.title, published,
                doc.published.precision.value if doc.published else None,
                day_lo(published), day_hi(published), doc.language, doc.media_type, source_id,
                getattr(doc, "author", None), doc.text, tlp, rank, rel, original, score, now(),
            ),
        )  # fmt: skip
        self._index_text(db, doc)

    def _index_text(self, db: Database, doc: Document) -> None:
        """Full-text indexing beyond the row itself (PostgreSQL's tsvector); SQLite's FTS5
        table is kept by triggers."""

    # -- other records -----------------------------------------------------------------
    def add_observations(self, observations: Iterable[Observation]) -> int:
        """Store observations in one transaction; return how many were new."""
        rows = []
        observations_list = list(observations)
        for o in observations_list:
            tlp, rank, rel = marking_columns(o.marking)
            rows.append((
                o.id, o.kind, o.observed_at.iso() if o.observed_at else None,
                o.observed_at.precision.value if o.observed_at else None,
                o.point.lat if o.point else None, o.point.lon if o.point else None,
                o.geometry, o.sensor, o.unit, o.value, o.confidence, o.place, o.external_id,
                json.dumps(dict(o.properties), ensure_ascii=False), o.source_path, o.where,
                tlp, rank, rel, now(),
            ))  # fmt: skip
        ids = [r[0] for r in rows]
        with self.db.transaction() as db:
            known: set[str] = set()
            for chunk in db.chunks(ids):
                cond, params = db.in_list("id", chunk)
                known.update(
                    r[0] for r in db.rows(f"SELECT id FROM observations WHERE {cond}", params)
                )
            fresh = [r for r in {r[0]: r for r in rows}.values() if r[0] not in known]
            db.many(
                "INSERT INTO observations(id, kind, observed_at, observed_precision, lat, lon,"
                " geometry, sensor, unit, value, confidence, place, external_id, properties,"
                " source_path, location, tlp, tlp_rank, releasable_to, ingested_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
                fresh,
            )
            note_markings(db, [o.marking for o in observations_list])
            db.run("UPDATE store_state SET content_version = content_version + 1")
        return len(fresh)

    def add_problem(self, problem: Problem) -> bool:
        """Record a problem once per input, place, reason and Pukara version; returns
        whether it was new."""
        key = f"{problem.path}\x1f{problem.where}\x1f{problem.reason}\x1f{__version__}"
        fingerprint = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        with self.db.transaction() as db:
            changed = db.run(
                "INSERT INTO problems(path, location, reason, created_at, fingerprint)"
                " VALUES (?,?,?,?,?) ON CONFLICT (fingerprint) DO NOTHING",
                (problem.path, problem.where, problem.reason, now(), fingerprint),
            )
        return changed > 0

    # -- raw tables, for copying a store between backends ------------------------------
    TABLES = (
        "sources", "documents", "document_signatures", "document_bands", "problems",
        "observations", "places", "actors", "actor_aliases", "mentions", "facts", "events",
        "event_actors", "actor_relations", "routes", "actor_pairs", "actor_places",
    )  # fmt: skip

    def table_columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def dump_table(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of ``table`` in the columns of ``table_columns``, in batches."""
        columns = ", ".join(self.table_columns(table))
        return self.db.iterate(f"SELECT {columns} FROM {table}")

    def load_table(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert rows into ``table`` (rows already there are kept); returns rows offered."""
        marks = ",".join("?" * len(columns))
        sql = f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks}) ON CONFLICT DO NOTHING"
        n = 0
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(self._adapt(table, columns, row))
            if len(batch) >= 2000:
                with self.db.transaction() as db:
                    db.many(sql, batch)
                n, batch = n + len(batch), []
        with self.db.transaction() as db:
            db.many(sql, batch)
            db.run("UPDATE store_state SET content_version = content_version + 1,"
                   " events_version = events_version + 1")  # fmt: skip
        return n + len(batch)

    def _adapt(self, table: str, columns: Sequence[str], row: Sequence[Any]) -> Sequence[Any]:
        return row


def _nearest(
    db: Database, signature: np.ndarray[Any, Any], buckets: list[int]
) -> tuple[str | None, float | None]:
    """The stored original this text copies (Jaccard estimate >= THRESHOLD), if any."""
    clauses = " OR ".join("(band = ? AND bucket = ?)" for _ in buckets)
    params = [v for pair in enumerate(buckets) for v in pair]
    rows = db.rows(
        "SELECT DISTINCT b.doc_id, s.signature, d.duplicate_of FROM document_bands b"
        " JOIN document_signatures s ON s.doc_id = b.doc_id"
        f" JOIN documents d ON d.id = b.doc_id WHERE {clauses} LIMIT 200",
        params,
    )
    best: tuple[str | None, float | None] = (None, None)
    for doc_id, blob, duplicate_of in rows:
        other = np.frombuffer(bytes(blob), dtype=np.uint64)
        score = neardup.similarity(signature, other)
        if score >= neardup.THRESHOLD and (best[1] is None or score > best[1]):
            best = (duplicate_of or doc_id, score)
    return best
