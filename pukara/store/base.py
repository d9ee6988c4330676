"""The ``Store`` protocol that every backend implements, and the rows it returns.

SQLite (``pukara.store.sqlite``) is the default; a PostgreSQL/PostGIS backend implements
the same protocol. Writers take records; readers return plain frozen rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from pukara.errors import Problem
from pukara.model import Document, Extraction, Observation, Source

__all__ = [
    "AddResult",
    "AddStatus",
    "DocumentRow",
    "ProblemRow",
    "SearchHit",
    "Store",
    "StoredDocument",
]


class AddStatus(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"  # same content hash: nothing added
    NEAR_DUPLICATE = "near_duplicate"  # stored, linked to its original, not counted twice


@dataclass(frozen=True, slots=True)
class AddResult:
    status: AddStatus
    doc_id: str
    original_id: str | None = None
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    path: str
    title: str | None
    published: str | None
    language: str | None
    source: str | None
    reliability: str | None
    chars: int
    duplicate_of: str | None
    tlp: str


@dataclass(frozen=True, slots=True)
class StoredDocument:
    row: DocumentRow
    text: str
    url: str | None
    media_type: str
    releasable_to: tuple[str, ...]
    copies: tuple[str, ...]  # ids of near-duplicates linked to this one
    counts: dict[str, int]  # mentions, facts, events stored for it


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    title: str | None
    published: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class ProblemRow:
    path: str
    location: str
    reason: str
    created_at: str

    def __str__(self) -> str:
        return f"{self.path}: {self.location}: {self.reason}"


@runtime_checkable
class Store(Protocol):
    """What the rest of Pukara needs from a knowledge base."""

    def add_document(
        self, doc: Document, extraction: Extraction | None = None, source: Source | None = None
    ) -> AddResult:
        """Store a document (and what was extracted from it) in one transaction."""
        ...

    def add_observations(self, observations: Iterable[Observation]) -> int:
        """Store observations in one transaction; return how many were new."""
        ...

    def add_problem(self, problem: Problem) -> None: ...

    def get_document(self, ref: str) -> StoredDocument | None:
        """A document by id or unique id prefix."""
        ...

    def documents(self, limit: int = 50, offset: int = 0) -> list[DocumentRow]: ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    def problems(self, limit: int = 200) -> list[ProblemRow]: ...

    def summary(self) -> dict[str, int]: ...

    def close(self) -> None: ...
