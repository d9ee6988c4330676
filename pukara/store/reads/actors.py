"""Reading actors: registry and discovered actors, aliases, the pairs and ties read from
sentences, stated relations, and what a profile gathers.

An actor from the registry exists for every reader; one discovered in a text exists only
for readers who may see a document that mentions it (its name came from that text). Pairs,
ties and relations count independent visible documents only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pukara.model import Actor, ActorHit, ActorKind, RelationRecord, SourceDocument
from pukara.model.textnorm import fold
from pukara.store.reads.base import Params, Reads, marking_from
from pukara.store.reads.facts import window_sql

__all__ = ["ActorReads"]

_COLUMNS = "a.id, a.name, a.kind, a.country, a.parent_id, a.role, a.status"


def _actor(r: Any, aliases: tuple[str, ...] = ()) -> Actor:
    kind = ActorKind(r[2]) if r[2] in ActorKind._value2member_map_ else ActorKind.OTHER
    return Actor(r[0], r[1], kind, r[3], aliases, r[4], role=r[5], status=r[6])


class ActorReads(Reads):
    def _actor_visible(self, alias: str) -> tuple[str, Params]:
        """Condition on an actors alias: registry, or mentioned in a visible document."""
        if self.audience.sees_everything:
            return "1 = 1", []
        docs, params = self.visible_docs()
        return (
            f"({alias}.discovered = 0 OR {alias}.id IN (SELECT ref_id FROM mentions"
            f" WHERE kind = 'actor' AND doc_id IN ({docs})))",
            params,
        )

    def _docs_in(self, column: str, since: str | None, until: str | None) -> tuple[str, Params]:
        """``column`` is an independent visible document published in the window."""
        cond, params = self.vis("w")
        independent, more = self.independent("w")
        window, more2 = window_sql("w.published_lo", "w.published_hi", since, until)
        if since or until:
            window = " AND w.published_lo IS NOT NULL" + window
        return (
            f"{column} IN (SELECT w.id FROM documents w WHERE {independent}{cond}{window})",
            [*more, *params, *more2],
        )

    def actors(self, kinds: Sequence[str] | None = None) -> list[Actor]:
        """Actors the reader may know of (without aliases), by id."""
        cond, params = self._actor_visible("a")
        if kinds is not None:
            more, p = self.db.in_list("a.kind", list(kinds))
            cond, params = f"{cond} AND {more}", params + p
        rows = self.db.rows(f"SELECT {_COLUMNS} FROM actors a WHERE {cond} ORDER BY a.id", params)
        return [_actor(r) for r in rows]

    def actor(self, actor_id: str) -> Actor | None:
        """One actor with its aliases (None when unknown to the reader)."""
        cond, params = self._actor_visible("a")
        row = self.db.one(f"SELECT {_COLUMNS} FROM actors a WHERE a.id = ? AND {cond}",
                          [actor_id, *params])  # fmt: skip
        if row is None:
            return None
        aliases = tuple(r[0] for r in self.db.rows(
            "SELECT alias FROM actor_aliases WHERE actor_id = ? AND alias != ? ORDER BY alias",
            (actor_id, row[1])))  # fmt: skip
        return _actor(row, aliases)

    def actors_by_name(self, name: str) -> list[str]:
        """Ids of actors with this id, name or alias (accents and case ignored); registry
        actors first."""
        cond, params = self._actor_visible("a")
        rows = self.db.rows(
            f"SELECT a.id FROM actors a WHERE {cond} AND (a.id = ? OR lower(a.id) = ? OR a.id IN"
            " (SELECT actor_id FROM actor_aliases WHERE alias_key = ?))",
            [*params, name, name.lower(), fold(name)],
        )
        return sorted((r[0] for r in rows), key=lambda i: (i.startswith("new:"), i))

    def actor_names(self, ids: Sequence[str | None]) -> dict[str, str]:
        wanted = sorted({i for i in ids if i})
        cond, params = self._actor_visible("a")
        found: dict[str, str] = {}
        for chunk in self.db.chunks(wanted):
            inc, more = self.db.in_list("a.id", chunk)
            found.update(self.db.rows(f"SELECT a.id, a.name FROM actors a WHERE {inc} AND {cond}",
                                      [*more, *params]))  # fmt: skip
        return found

    def alias_hits(self, text: str, limit: int = 5000) -> list[ActorHit]:
        """Actors with a name or alias containing ``text`` (folded)."""
        key = fold(text)
        cond, params = self._actor_visible("a")
        pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.db.rows(
            "SELECT a.id, a.name, a.kind, a.country, x.alias FROM actor_aliases x"
            f" JOIN actors a ON a.id = x.actor_id WHERE x.alias_key LIKE ? ESCAPE '\\' AND {cond}"
            " LIMIT ?",
            [pattern, *params, limit],
        )
        return [ActorHit(*r) for r in rows]

    def actor_mention_counts(self) -> dict[str, int]:
        """Mentions per actor in visible documents."""
        docs, params = self.visible_docs()
        rows = self.db.rows(
            f"SELECT ref_id, count(*) FROM mentions WHERE kind = 'actor' AND doc_id IN ({docs})"
            " GROUP BY ref_id",
            params,
        )
        return {r[0]: int(r[1]) for r in rows}

    def event_actor_counts(self, limit: int) -> list[tuple[str, str, int]]:
        """(id, name, events naming it) of the actors most named by visible events."""
        vis, params = self.vis("e")
        rows = self.db.rows(
            "SELECT a.id, a.name, count(*) FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
            f" JOIN events e ON e.id = ea.event_id WHERE 1 = 1{vis} GROUP BY a.id, a.name"
            " ORDER BY 3 DESC, 1 LIMIT ?",
            [*params, limit],
        )
        return [(r[0], r[1], int(r[2])) for r in rows]

    # -- pairs, ties and relations ------------------------------------------------------
    def actor_pair_counts(
        self, since: str | None = None, until: str | None = None, min_weight: int = 1
    ) -> list[tuple[str, str, int]]:
        """(a, b, independent documents naming both in one sentence), a < b."""
        docs, params = self._docs_in("doc_id", since, until)
        rows = self.db.rows(
            f"SELECT actor_a, actor_b, count(*) FROM actor_pairs WHERE {docs}"
            " GROUP BY actor_a, actor_b HAVING count(*) >= ?",
            [*params, min_weight],
        )
        return [(r[0], r[1], int(r[2])) for r in rows]

    def actor_pair_weight(self, a: str, b: str, since: str | None, until: str | None) -> int:
        docs, params = self._docs_in("doc_id", since, until)
        return int(self.db.scalar(
            f"SELECT count(*) FROM actor_pairs WHERE actor_a = ? AND actor_b = ? AND {docs}",
            [min(a, b), max(a, b), *params]))  # fmt: skip

    def actor_place_ties(
        self, kinds: Sequence[str], since: str | None, until: str | None
    ) -> list[tuple[str, str, str]]:
        """(place, actor, document) where an independent visible document names an actor
        of ``kinds`` and the place in one sentence."""
        docs, params = self._docs_in("t.doc_id", since, until)
        cond, more = self.db.in_list("a.kind", list(kinds))
        rows = self.db.rows(
            "SELECT t.place_id, t.actor_id, t.doc_id FROM actor_places t"
            f" JOIN actors a ON a.id = t.actor_id WHERE {cond} AND {docs}",
            [*more, *params],
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def relations(
        self,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[RelationRecord]:
        """Stated relations (of ``actor`` on either side), oldest first, with names."""
        docs, params = self._docs_in("r.doc_id", since, until)
        vis, more = self.vis("r")
        where = f"{docs}{vis}"
        if actor is not None:
            where += " AND (r.source_id = ? OR r.target_id = ?)"
            more += [actor, actor]
        rows = self.db.rows(
            "SELECT r.id, r.kind, r.source_id, r.target_id, coalesce(s.name, r.source_id),"
            " coalesce(t.name, r.target_id), r.cue, r.date, r.doc_id, r.span_start, r.span_end,"
            " r.evidence, r.tlp, r.releasable_to, coalesce(src.protected, 0), src.name,"
            " src.reliability || src.credibility, d.published, d.title FROM actor_relations r"
            " JOIN documents d ON d.id = r.doc_id LEFT JOIN sources src ON src.id = d.source_id"
            " LEFT JOIN actors s ON s.id = r.source_id LEFT JOIN actors t ON t.id = r.target_id"
            f" WHERE {where} ORDER BY r.date NULLS FIRST, r.id",
            [*params, *more],
        )
        return [
            RelationRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], self.evidence(
                r[8], r[9], r[10], r[11], r[15], r[16], r[17], r[18],
                marking_from(r[12], r[13]), r[14]))
            for r in rows
        ]  # fmt: skip

    def actor_children(self, actor_id: str) -> list[Actor]:
        """Actors whose registry parent is ``actor_id``."""
        cond, params = self._actor_visible("a")
        rows = self.db.rows(
            f"SELECT {_COLUMNS} FROM actors a WHERE a.parent_id = ? AND {cond} ORDER BY a.id",
            [actor_id, *params],
        )
        return [_actor(r) for r in rows]

    # -- profile ------------------------------------------------------------------------
    def _about(self, actor_id: str) -> tuple[str, Params]:
        """Ids of independent visible documents that mention the actor, report an event
        naming it or state a relation of it."""
        docs, params = self._docs_in("x.doc_id", None, None)
        return (
            "SELECT x.doc_id FROM ("
            " SELECT doc_id FROM mentions WHERE kind = 'actor' AND ref_id = ?"
            " UNION SELECT e.doc_id FROM event_actors ea JOIN events e ON e.id = ea.event_id"
            "  WHERE ea.actor_id = ?"
            " UNION SELECT doc_id FROM actor_relations WHERE source_id = ? OR target_id = ?"
            f") x WHERE {docs}",
            [actor_id, actor_id, actor_id, actor_id, *params],
        )

    def actor_event_years(self, actor_id: str) -> list[tuple[int, str, str, int]]:
        """(year, first-level division id, its name, events naming the actor there)."""
        vis, params = self.vis("e")
        copy, more = self.not_copy("e.doc_id")
        rows = self.db.rows(
            "SELECT CAST(substr(coalesce(e.date, d.published), 1, 4) AS INTEGER), a.id, a.name,"
            " count(*) FROM event_actors ea JOIN events e ON e.id = ea.event_id"
            " JOIN documents d ON d.id = e.doc_id"
            " JOIN places p ON p.id = e.place_id"
            " JOIN places a ON a.id = coalesce(p.admin1_id, p.id)"
            f" WHERE ea.actor_id = ? AND coalesce(e.date, d.published) IS NOT NULL AND {copy}{vis}"
            " AND a.kind NOT IN ('country', 'continent')"
            " GROUP BY CAST(substr(coalesce(e.date, d.published), 1, 4) AS INTEGER), a.id, a.name",
            [actor_id, *more, *params],
        )
        return [(int(r[0]), r[1], r[2], int(r[3])) for r in rows]

    def actor_document_years(self, actor_id: str) -> list[tuple[int, str, str, int]]:
        """(year, division id, name, documents about the actor naming a place there)."""
        about, params = self._about(actor_id)
        rows = self.db.rows(
            "SELECT CAST(substr(d.published, 1, 4) AS INTEGER), a.id, a.name, count(DISTINCT d.id)"
            f" FROM documents d JOIN mentions pm ON pm.doc_id = d.id AND pm.kind = 'place'"
            " JOIN places p ON p.id = pm.ref_id JOIN places a ON a.id = coalesce(p.admin1_id, p.id)"
            f" WHERE d.id IN ({about}) AND d.published IS NOT NULL"
            " AND a.kind NOT IN ('country', 'continent')"
            " GROUP BY CAST(substr(d.published, 1, 4) AS INTEGER), a.id, a.name",
            params,
        )
        return [(int(r[0]), r[1], r[2], int(r[3])) for r in rows]

    def actor_activity_counts(self, actor_id: str) -> tuple[dict[str, int], dict[str, int]]:
        """(events naming the actor, figures in documents about it) per activity."""
        vis, params = self.vis("e")
        copy, more = self.not_copy("e.doc_id")
        events = self.db.rows(
            "SELECT e.activity, count(*) FROM event_actors ea JOIN events e ON e.id = ea.event_id"
            f" WHERE ea.actor_id = ? AND e.activity IS NOT NULL AND {copy}{vis}"
            " GROUP BY e.activity",
            [actor_id, *more, *params],
        )
        about, p2 = self._about(actor_id)
        fvis, p3 = self.vis("f")
        facts = self.db.rows(
            f"SELECT f.activity, count(*) FROM facts f WHERE f.doc_id IN ({about})"
            f" AND f.activity IS NOT NULL{fvis} GROUP BY f.activity",
            [*p2, *p3],
        )
        return ({r[0]: int(r[1]) for r in events}, {r[0]: int(r[1]) for r in facts})

    def actor_documents(self, actor_id: str, limit: int) -> tuple[list[SourceDocument], int]:
        """The latest documents about the actor, and how many there are."""
        about, params = self._about(actor_id)
        rows = self.db.rows(
            "SELECT d.id, d.title, d.published, s.name, s.reliability, s.credibility,"
            " coalesce(s.protected, 0) FROM documents d LEFT JOIN sources s ON s.id = d.source_id"
            f" WHERE d.id IN ({about}) ORDER BY d.published DESC NULLS LAST, d.id",
            params,
        )
        docs = [
            SourceDocument(r[0], r[1] if self.shown(r[6]) else None, r[2],
                           r[3] if self.shown(r[6]) else "protected source", r[4], r[5])
            for r in rows[:limit]
        ]  # fmt: skip
        return docs, len(rows)

    def actors_by_ids(self, ids: Sequence[str]) -> list[Actor]:
        cond, params = self._actor_visible("a")
        found: list[Actor] = []
        for chunk in self.db.chunks(sorted(set(ids))):
            inc, more = self.db.in_list("a.id", chunk)
            found += [
                _actor(r)
                for r in self.db.rows(
                    f"SELECT {_COLUMNS} FROM actors a WHERE {inc} AND {cond}", [*more, *params]
                )
            ]
        return found
