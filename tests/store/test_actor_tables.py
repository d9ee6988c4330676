"""Actor relations, person role and fate, and the derived actor tables (event_actors,
actor_pairs, actor_places) written with each document on every backend, and back-filled by
migration 0007 for data an older SQLite store holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pukara.model import (
    Actor,
    ActorKind,
    ActorRelation,
    Document,
    Event,
    Extraction,
    Mention,
    Span,
)
from pukara.model.ids import event_id
from pukara.store import SQLiteStore, SQLStore
from pukara.store.sqlite import migrations

# Invented demo text.
TEXT = "The PCC and Comando Vermelho dispute the Yavarí. Later the Army arrived. Then, CV left."
PCC = Actor("pcc", "Primeiro Comando da Capital", ActorKind.CRIMINAL_GROUP, "BR", ("PCC",))
CV = Actor("comando-vermelho", "Comando Vermelho", ActorKind.CRIMINAL_GROUP, "BR", ("CV",))
ARMY = Actor("army-pe", "Peruvian Army", ActorKind.SECURITY_FORCE, "PE", ("Army",))
BOSS = Actor(
    "boss", "Marcos Camacho", ActorKind.PERSON, "BR", parent_id="pcc", role="leader",
    status="imprisoned",
)  # fmt: skip


def _extraction() -> Extraction:
    doc = Document(TEXT, "yavari.txt")
    spans = {"PCC": "pcc", "Comando Vermelho": "comando-vermelho", "Army": "army-pe", "CV": "comando-vermelho"}  # fmt: skip
    mentions = tuple(
        Mention(doc.id, "actor", ref, Span(TEXT.index(s), TEXT.index(s) + len(s)), s)
        for s, ref in spans.items()
    )
    first = Span(0, TEXT.index(".") + 1)
    return Extraction(
        document=doc,
        actors=(PCC, CV, ARMY, BOSS),
        mentions=mentions,
        events=(Event("clash", first, first.of(TEXT), actor_ids=("pcc", "comando-vermelho")),),
        relations=(
            ActorRelation(
                "rivalry", "pcc", "comando-vermelho", first, first.of(TEXT), cue="dispute"
            ),
        ),
    )


def _rows(store: SQLStore, sql: str) -> list[tuple[object, ...]]:
    return sorted(store.db.rows(sql))


def test_relations_roles_and_derived_tables_are_written(store: SQLStore) -> None:
    ex = _extraction()
    store.add_document(ex.document, ex)
    assert _rows(store, "SELECT kind, source_id, target_id, cue FROM actor_relations") == [
        ("rivalry", "pcc", "comando-vermelho", "dispute")
    ]
    assert _rows(store, "SELECT role, status FROM actors WHERE id = 'boss'") == [
        ("leader", "imprisoned")
    ]
    assert _rows(store, "SELECT actor_id FROM event_actors ORDER BY actor_id") == [
        ("comando-vermelho",),
        ("pcc",),
    ]
    # PCC and CV share a sentence; the Army and CV do not ("arrived. Then, CV")
    assert _rows(store, "SELECT actor_a, actor_b FROM actor_pairs") == [("comando-vermelho", "pcc")]


def test_a_newer_registry_status_replaces_the_stored_one(store: SQLStore) -> None:
    ex = _extraction()
    store.add_document(ex.document, ex)
    doc = Document("Marcos Camacho was moved to another prison.", "b.txt")
    moved = Actor("boss", "Marcos Camacho", ActorKind.PERSON, "BR", status="transferred 2026")
    store.add_document(doc, Extraction(document=doc, actors=(moved,)))
    assert _rows(store, "SELECT role, status FROM actors WHERE id = 'boss'") == [
        ("leader", "transferred 2026")
    ]


def test_migration_back_fills_what_was_stored_before(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)  # a store as versions 1-5 left it, rows written by hand
    for number, sql in migrations():
        if number < 7:
            db.executescript(sql)
    db.executescript(
        "INSERT INTO documents(id, hash, path, media_type, text, ingested_at)"
        f" VALUES ('d1', 'h1', 'a.txt', 'text/plain', '{TEXT}', '2026-01-01');"
        "INSERT INTO events(doc_id, type, actor_ids, start, end, evidence)"
        " VALUES ('d1', 'clash', '[\"pcc\", \"army-pe\"]', 0, 10, 'x');"
        "INSERT INTO mentions(doc_id, kind, ref_id, start, end, surface) VALUES"
        " ('d1', 'actor', 'pcc', 4, 7, 'PCC'), ('d1', 'actor', 'comando-vermelho', 12, 28, 'CV'),"
        " ('d1', 'actor', 'army-pe', 59, 63, 'Army'), ('d1', 'actor', 'comando-vermelho', 79, 81, 'CV');"
        "PRAGMA user_version = 6;"
    )
    db.close()
    with SQLiteStore(path) as store:
        assert store.schema_version >= 7
        assert _rows(store, "SELECT count(*) FROM event_actors") == [(2,)]
        assert _rows(store, "SELECT actor_a, actor_b FROM actor_pairs") == [
            ("army-pe", "pcc"),  # the event's actors
            ("comando-vermelho", "pcc"),  # mentioned in one sentence; the Army and CV are not
        ]
        # the stored event now carries the id the same document gives in any store
        event = Event("clash", Span(0, 10), "x")
        assert _rows(store, "SELECT id FROM events") == [(event_id("d1", event),)]


def test_deleting_a_document_deletes_its_derived_rows(store: SQLStore) -> None:
    ex = _extraction()
    store.add_document(ex.document, ex)
    with store.db.transaction() as db:
        db.run("DELETE FROM document_signatures WHERE doc_id = ?", (ex.document.id,))
        db.run("DELETE FROM document_bands WHERE doc_id = ?", (ex.document.id,))
        db.run("DELETE FROM documents WHERE id = ?", (ex.document.id,))
    for table in ("actor_relations", "event_actors", "actor_pairs", "actor_places"):
        assert _rows(store, f"SELECT count(*) FROM {table}") == [(0,)], table
