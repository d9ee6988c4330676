"""The audience filter that every read of the store goes through.

``Reads`` holds the database, the store and the reader's ``Audience`` and gives the SQL
conditions the per-resource read modules add to every query:

* ``vis(alias)`` — the row's own marking is visible: ``tlp_rank`` at most the audience's
  ceiling and, for a partner, an empty releasability list or one that names it. Claims
  (facts, events, relations, routes) are written at least as restricted as their document
  and with its releasability, so their own columns decide;
* ``not_copy(column)`` — the document is independent for this reader: not a near-duplicate,
  or a copy whose original the reader may not see (a copy is as visible as its own marking);
* ``shown(protected)`` — whether the source's name and the text may be shown.

A national reader cleared for TLP:RED gets no condition at all (the fast path).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pukara.model import PROTECTED_SOURCE, Audience, Evidence, Marking
from pukara.model.values import TLP
from pukara.store.db import Database

if TYPE_CHECKING:
    from pukara.store.sqlstore import SQLStore

__all__ = ["Reads", "marking_from"]

Params = list[Any]


def marking_from(tlp: str | None, releasable_to: str | None) -> Marking:
    """A ``Marking`` from the stored columns (``',PE,CO,'`` or a plain comma list)."""
    partners = tuple(sorted({p.strip().upper() for p in (releasable_to or "").split(",")
                             if p.strip()}))  # fmt: skip
    return Marking(TLP(tlp or "clear"), partners)


class Reads:
    """Base of the read mixins: database, store, audience and the filter conditions."""

    def __init__(self, store: SQLStore, audience: Audience) -> None:
        self.store = store
        self.db: Database = store.db
        self.audience = audience

    def vis(self, alias: str) -> tuple[str, Params]:
        """`` AND`` conditions keeping rows of table ``alias`` the audience may see."""
        a = self.audience
        if a.sees_everything:
            return "", []
        sql = f" AND {alias}.tlp_rank <= ?"
        params: Params = [a.ceiling.rank]
        if a.partner is not None:
            sql += f" AND ({alias}.releasable_to = '' OR {alias}.releasable_to LIKE ?)"
            params.append(f"%,{a.partner},%")
        return sql, params

    def visible_docs(self) -> tuple[str, Params]:
        """A subquery of the ids of documents the audience may see."""
        cond, params = self.vis("vd")
        return f"SELECT vd.id FROM documents vd WHERE 1 = 1{cond}", params

    def not_copy(self, column: str) -> tuple[str, Params]:
        """Condition: the document ``column`` is not a copy of a document the reader sees."""
        if self.audience.sees_everything:
            return f"{column} NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL)", []
        cond, params = self.vis("vo")
        return (
            f"{column} NOT IN (SELECT vc.id FROM documents vc JOIN documents vo"
            f" ON vo.id = vc.duplicate_of WHERE 1 = 1{cond})",
            params,
        )

    def independent(self, alias: str) -> tuple[str, Params]:
        """Condition on a documents alias: independent for this reader (see not_copy)."""
        if self.audience.sees_everything:
            return f"{alias}.duplicate_of IS NULL", []
        cond, params = self.vis("vo")
        return (
            f"({alias}.duplicate_of IS NULL OR {alias}.duplicate_of NOT IN"
            f" (SELECT vo.id FROM documents vo WHERE 1 = 1{cond}))",
            params,
        )

    def shown(self, protected: Any) -> bool:
        """Whether a source's name and its documents' text may be shown to the reader."""
        return not protected or self.audience.sees_protected

    def evidence(
        self,
        doc_id: str,
        start: int,
        end: int,
        text: str,
        source: str | None,
        grade: str | None,
        published: str | None,
        title: str | None,
        marking: Marking,
        protected: Any = 0,
    ) -> Evidence:
        """An ``Evidence`` record, with a protected source's name and text withheld."""
        if not self.shown(protected):
            return Evidence(doc_id, start, end, "", PROTECTED_SOURCE, grade, published, None,
                            marking)  # fmt: skip
        return Evidence(doc_id, start, end, text, source, grade, published, title, marking)
