"""The ``Store`` protocol that every backend implements, and what writing returns.

SQLite (``pukara.store.sqlite``) is the embedded default; PostgreSQL/PostGIS
(``pukara.store.postgres``) implements the same protocol for teams. Writers take records;
every read goes through ``view(audience)`` (``pukara.store.view.View``), which filters by
what the audience may see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pukara.errors import Problem, StoreError
from pukara.model import Audience, Document, Extraction, Observation, Source

if TYPE_CHECKING:
    from pukara.store.view import View

__all__ = ["AddResult", "AddStatus", "Store"]


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


@runtime_checkable
class Store(Protocol):
    """What the rest of Pukara needs from a knowledge base."""

    url: str

    def add_document(
        self, doc: Document, extraction: Extraction | None = None, source: Source | None = None
    ) -> AddResult:
        """Store a document (and what was extracted from it) in one transaction."""
        ...

    def add_documents(
        self, items: Iterable[tuple[Document, Extraction | None, Source | None]]
    ) -> list[AddResult | StoreError]:
        """Store a batch in one transaction; a failed document is a StoreError entry."""
        ...

    def add_observations(self, observations: Iterable[Observation]) -> int:
        """Store observations in one transaction; return how many were new."""
        ...

    def add_problem(self, problem: Problem) -> bool:
        """Record a problem once per input, place, reason and version."""
        ...

    def view(self, audience: Audience | None = None) -> View:
        """Read access for ``audience`` (default: the local user, who sees everything)."""
        ...

    def version(self) -> tuple[int, int]: ...

    def close(self) -> None: ...
