"""The store on every backend: idempotent ingest, near-duplicates, search, transactions,
markings; and SQLite's own migrations."""

from __future__ import annotations

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
from pukara.store import AddStatus, SQLiteStore, SQLStore, open_store
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


def test_migrations_apply_once_and_record_version(tmp_path: Path) -> None:  # SQLite
    path = tmp_path / "kb.db"
    with SQLiteStore(path) as s:
        assert s.schema_version == max(n for n, _ in migrations())
    with SQLiteStore(path) as s:  # reopening applies nothing twice
        assert s.schema_version == max(n for n, _ in migrations())


def test_same_content_twice_adds_nothing(store: SQLStore) -> None:
    first = store.add_document(_doc())
    again = store.add_document(_doc(text=ARTICLE.replace(". ", ".\n"), path="b.txt"))
    assert first.status is AddStatus.NEW
    assert again.status is AddStatus.DUPLICATE and again.doc_id == first.doc_id
    assert store.view().summary()["documents"] == 1


def test_syndicated_copy_is_linked_not_counted(store: SQLStore) -> None:
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
    stored = store.view().document(original.doc_id)
    assert stored is not None and stored.copies == (copy.doc_id,)
    assert other.status is AddStatus.NEW  # same template, different facts: not a copy
    summary = store.view().summary()
    assert summary["documents"] == 2 and summary["near_duplicates"] == 1


def test_full_text_search_ignores_accents_and_survives_syntax(store: SQLStore) -> None:
    store.add_document(_doc())
    hits = store.view().search("apurimac cocaina")
    assert len(hits) == 1 and "[" in hits[0].snippet
    assert store.view().search("huallaga") == []
    assert store.view().search('"unbalanced AND (OR') == []
    assert store.view().search("Apurím*")


def test_failed_document_rolls_back_alone(store: SQLStore) -> None:
    kept = store.add_document(_doc())
    doc2 = _doc(text=ARTICLE + " Segunda versión con más detalles.", path="z.txt")
    broken = Extraction(document=doc2, facts=(Fact("x", 1.0, "ha", Span(0, 1), "D", "1"),),
                        events=(Event("refused", Span(0, 1), "D"),))  # fmt: skip
    store.db.run("CREATE TABLE refuse (x INTEGER)")  # make writing events fail, per engine
    if store.backend == "sqlite":
        store.db.run("CREATE TRIGGER fail BEFORE INSERT ON events"
                     " BEGIN SELECT RAISE(ABORT, 'boom'); END")  # fmt: skip
    else:
        store.db.run("ALTER TABLE events ADD CONSTRAINT boom CHECK (type != 'refused')")
    with pytest.raises(StoreError, match=r"z\.txt: could not store document"):
        store.add_document(doc2, broken)
    assert store.view().document(doc2.id) is None  # nothing half-written
    assert store.view().facts()[1] == 0
    assert store.view().document(kept.doc_id) is not None
    assert store.view().summary()["documents"] == 1
    batch = store.add_documents(
        [(doc2, broken, None), (_doc(text="Otro texto distinto.", path="o.txt"), None, None)]
    )
    assert isinstance(batch[0], StoreError) and batch[1].status is AddStatus.NEW  # type: ignore[union-attr]


def test_extraction_is_stored_with_spans_and_markings(store: SQLStore) -> None:
    doc = _doc(marking=Marking(TLP.AMBER, ("PE",)))
    start = ARTICLE.index("Tres personas")
    evidence = Span(start, ARTICLE.index(".", start) + 1)
    ex = Extraction(
        document=doc,
        facts=(Fact("arrests", 3, "people", evidence, evidence.of(ARTICLE), "Tres"),),
        events=(Event("seizure", evidence, evidence.of(ARTICLE), place_id="pe:07"),),
    )
    store.add_document(doc, ex, Source("Selva Hoy", reliability="B", credibility=2))
    (fact,), total = store.view().facts()
    assert (fact.value, fact.unit, fact.marking, total) == (
        3,
        "people",
        Marking(TLP.AMBER, ("PE",)),
        1,
    )
    assert fact.evidence.text.startswith("Tres personas")
    assert fact.evidence.grade == "B2" and fact.evidence.source == "Selva Hoy"
    assert fact.evidence.start == start


def test_observations_are_idempotent(store: SQLStore) -> None:
    obs = [
        Observation(
            "airstrip_destroyed", None, "o.csv", f"row {i}", point=Point(-12.4, -73.9 + i / 100)
        )
        for i in range(5)
    ]
    assert store.add_observations(obs) == 5
    assert store.add_observations(obs) == 0
    assert store.view().summary()["observations"] == 5


def test_problems_are_kept(store: SQLStore) -> None:
    store.add_problem(Problem("x.csv", "row 3", "latitude 95 outside [-90, 90]"))
    (row,) = store.view().problems()
    assert str(row) == "x.csv: row 3: latitude 95 outside [-90, 90]"


def test_the_same_problem_is_recorded_once(store: SQLStore) -> None:
    problem = Problem("x.csv", "row 3", "latitude 95 outside [-90, 90]")
    assert store.add_problem(problem) is True
    assert store.add_problem(problem) is False
    assert len(store.view().problems()) == 1


def test_a_read_only_store_refuses_writes(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "kb.db").close()
    with SQLiteStore(tmp_path / "kb.db", read_only=True) as ro, pytest.raises(StoreError):
        ro.add_document(_doc())


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a Pukara database"):
        open_store(bogus)
    with pytest.raises(StoreError, match="mysql: no such store backend"):
        open_store("mysql://localhost/pukara")


def test_ids_are_stable_across_stores(new_store: object) -> None:
    a_store, b_store = new_store(), new_store()  # type: ignore[operator]
    doc = _doc()
    start = ARTICLE.index("Tres personas")
    evidence = Span(start, ARTICLE.index(".", start) + 1)
    ex = Extraction(document=doc, facts=(Fact("arrests", 3, "people", evidence, "x", "Tres"),),
                    events=(Event("seizure", evidence, "x"),))  # fmt: skip
    a = a_store.add_document(doc, ex)
    b = b_store.add_document(replace(doc, path="elsewhere.txt"), ex)
    assert a.doc_id == b.doc_id
    for view in (a_store.view(), b_store.view()):
        assert [f.id for f in view.facts()[0]] == [f.id for f in a_store.view().facts()[0]]
        assert [e.id for e in view.event_rows()] == [e.id for e in a_store.view().event_rows()]


def test_new_actors_fuse_with_stored_ones_by_alias(store: SQLStore) -> None:
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
    assert [a.id for a in store.view().actors()] == ["new:carlos-mendoza-mora"]
    assert store.db.rows("SELECT ref_id FROM mentions") == [("new:carlos-mendoza-mora",)]


def test_a_late_lower_numbered_migration_is_still_applied(tmp_path: Path) -> None:
    import sqlite3 as sq

    path = tmp_path / "old.db"
    SQLiteStore(path).close()
    with sq.connect(path) as db:  # pretend 0005 never ran on this store
        db.execute("DELETE FROM schema_migrations WHERE version = 5")
    with SQLiteStore(path) as s:
        versions = [r[0] for r in s.db.rows("SELECT version FROM schema_migrations")]
        assert versions == sorted(n for n, _ in migrations())
