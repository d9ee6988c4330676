"""The SQLite store: migrations, idempotent ingest, near-duplicates, search, transactions."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from pukara.errors import Problem, StoreError
from pukara.model import (
    TLP,
    Document,
    Event,
    Extraction,
    Fact,
    Marking,
    Observation,
    Point,
    Source,
    Span,
)
from pukara.store import AddStatus, SQLiteStore, open_store
from pukara.store.sqlite import migrations

# Invented demo text for store tests.
ARTICLE = (
    "Decomisan dos toneladas de cocaína en el Callao\n\n"
    "La Policía Nacional decomisó dos toneladas de clorhidrato de cocaína ocultas en un contenedor "
    "con destino a Amberes, informó la Dirección Antidrogas. Según la investigación, la droga "
    "procedía del valle de los ríos Apurímac, Ene y Mantaro y había sido trasladada por carretera "
    "hasta Lima. Tres personas fueron detenidas durante el operativo en el terminal portuario, "
    "que duró dos días y contó con el apoyo de perros detectores y escáneres de contenedores."
)


def _doc(text: str = ARTICLE, path: str = "a.txt", **kw: object) -> Document:
    return Document(text=text, path=path, title=text.split("\n")[0], language="es", **kw)  # type: ignore[arg-type]


def test_migrations_apply_once_and_record_version(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    with SQLiteStore(path) as s:
        assert s.schema_version == max(n for n, _ in migrations())
    with SQLiteStore(path) as s:  # reopening applies nothing twice
        assert s.schema_version == max(n for n, _ in migrations())


def test_same_content_twice_adds_nothing(store: SQLiteStore) -> None:
    first = store.add_document(_doc())
    again = store.add_document(_doc(text=ARTICLE.replace(". ", ".\n"), path="b.txt"))
    assert first.status is AddStatus.NEW
    assert again.status is AddStatus.DUPLICATE and again.doc_id == first.doc_id
    assert store.summary()["documents"] == 1


def test_syndicated_copy_is_linked_not_counted(store: SQLiteStore) -> None:
    original = store.add_document(_doc())
    copy_text = (
        "EXCLUSIVA | Golpe al narcotráfico en el primer puerto del país\n\n"
        + ARTICLE.split("\n\n", 1)[1]
        + "\nLee también: Cinco claves del operativo. Síguenos en redes sociales."
    )
    copy = store.add_document(_doc(text=copy_text, path="copy.html"))
    other = store.add_document(_doc(text=ARTICLE.replace("Callao", "Paita").replace(
        "dos toneladas", "800 kilos").replace("Amberes", "Valencia").replace(
        "Tres personas", "Nadie").replace("perros", "drones").replace("dos días", "una semana"),
        path="other.txt"))  # fmt: skip
    assert copy.status is AddStatus.NEAR_DUPLICATE
    assert copy.original_id == original.doc_id
    assert copy.similarity is not None and copy.similarity >= 0.5
    stored = store.get_document(original.doc_id)
    assert stored is not None and stored.copies == (copy.doc_id,)
    assert other.status is AddStatus.NEW  # same template, different facts: not a copy
    summary = store.summary()
    assert summary["documents"] == 2 and summary["near_duplicates"] == 1


def test_full_text_search_ignores_accents_and_survives_syntax(store: SQLiteStore) -> None:
    store.add_document(_doc())
    hits = store.search("apurimac cocaina")
    assert len(hits) == 1 and "[" in hits[0].snippet
    assert store.search("huallaga") == []
    assert store.search('"unbalanced AND (OR') == []
    assert store.search("Apurím*")


def test_failed_document_rolls_back_alone(store: SQLiteStore) -> None:
    kept = store.add_document(_doc())
    bad_fact = Fact("x", 1.0, "ha", Span(0, 1), "D", "1")
    broken = Extraction(document=_doc(path="z.txt"), facts=(bad_fact,))
    doc2 = _doc(text=ARTICLE + " Segunda versión con más detalles.", path="z.txt")
    store._db.execute(
        "CREATE TRIGGER fail BEFORE INSERT ON facts BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(StoreError, match=r"z\.txt: could not store document"):
        store.add_document(doc2, broken)
    assert store.get_document(doc2.id) is None  # nothing half-written
    assert store.get_document(kept.doc_id) is not None
    assert store.summary()["documents"] == 1


def test_extraction_is_stored_with_spans_and_markings(store: SQLiteStore) -> None:
    doc = _doc(marking=Marking(TLP.AMBER, ("PE",)))
    start = ARTICLE.index("Tres personas")
    evidence = Span(start, ARTICLE.index(".", start) + 1)
    ex = Extraction(
        document=doc,
        facts=(Fact("arrests", 3, "people", evidence, evidence.of(ARTICLE), "Tres"),),
        events=(Event("seizure", evidence, evidence.of(ARTICLE), place_id="pe:07"),),
    )
    store.add_document(doc, ex, Source("Selva Hoy", reliability="B", credibility=2))
    row = store.execute("SELECT value, unit, evidence, tlp, releasable_to FROM facts")[0]
    assert (row["value"], row["unit"], row["tlp"], row["releasable_to"]) == (
        3,
        "people",
        "amber",
        "PE",
    )
    assert row["evidence"].startswith("Tres personas")
    src = store.execute("SELECT reliability, credibility FROM sources")[0]
    assert (src["reliability"], src["credibility"]) == ("B", 2)


def test_observations_are_idempotent(store: SQLiteStore) -> None:
    obs = [
        Observation(
            "airstrip_destroyed", None, "o.csv", f"row {i}", point=Point(-12.4, -73.9 + i / 100)
        )
        for i in range(5)
    ]
    assert store.add_observations(obs) == 5
    assert store.add_observations(obs) == 0
    assert store.summary()["observations"] == 5


def test_problems_are_kept(store: SQLiteStore) -> None:
    store.add_problem(Problem("x.csv", "row 3", "latitude 95 outside [-90, 90]"))
    (row,) = store.problems()
    assert str(row) == "x.csv: row 3: latitude 95 outside [-90, 90]"


def test_execute_refuses_writes(store: SQLiteStore) -> None:
    with pytest.raises(StoreError, match="SELECT"):
        store.execute("DELETE FROM documents")


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a Pukara database"):
        open_store(bogus)
    with pytest.raises(StoreError, match="postgresql: backend not available"):
        open_store("postgresql://localhost/pukara")


def test_document_ids_are_stable_across_stores(tmp_path: Path) -> None:
    a = SQLiteStore(tmp_path / "a.db").add_document(_doc())
    b = SQLiteStore(tmp_path / "b.db").add_document(replace(_doc(), path="elsewhere.txt"))
    assert a.doc_id == b.doc_id
    with sqlite3.connect(tmp_path / "a.db") as db:
        assert db.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 1


def test_new_actors_fuse_with_stored_ones_by_alias(store: SQLiteStore) -> None:
    from pukara.model import Actor, ActorKind, Mention

    first = _doc()
    full = Actor("new:carlos-mendoza-mora", "Carlos Mendoza Mora", ActorKind.PERSON,
                 aliases=("Mendoza Mora",))  # fmt: skip
    store.add_document(first, Extraction(document=first, actors=(full,)))
    second = _doc(text=ARTICLE + " Mendoza Mora habló después.", path="b.txt")
    short = Actor("new:mendoza-mora", "Mendoza Mora", ActorKind.PERSON)
    span = Span(len(ARTICLE) + 1, len(ARTICLE) + 13)
    mention = Mention(second.id, "actor", short.id, span, "Mendoza Mora")
    store.add_document(second, Extraction(document=second, actors=(short,), mentions=(mention,)))
    ids = [r["id"] for r in store.execute("SELECT id FROM actors")]
    assert ids == ["new:carlos-mendoza-mora"]
    (row,) = store.execute("SELECT ref_id FROM mentions")
    assert row["ref_id"] == "new:carlos-mendoza-mora"


def test_a_late_lower_numbered_migration_is_still_applied(tmp_path: Path) -> None:
    import sqlite3 as sq

    path = tmp_path / "old.db"
    SQLiteStore(path).close()
    with sq.connect(path) as db:  # pretend 0004 never ran on this store
        db.execute("DELETE FROM schema_migrations WHERE version = 4")
        db.execute("DROP TABLE routes")
    with SQLiteStore(path) as s:
        assert s.execute("SELECT count(*) AS n FROM routes")[0]["n"] == 0
        versions = [r["version"] for r in s.execute("SELECT version FROM schema_migrations")]
        assert versions == sorted(n for n, _ in migrations())
