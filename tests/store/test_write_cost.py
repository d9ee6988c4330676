"""Writing a document costs the same however large the store is: every statement the write
path runs finds its rows through an index, never by scanning a table that grows with the
store (the old actor-pair trigger scanned every earlier mention). Checked on SQLite's query
plans of the statements actually run while a document is written."""

from __future__ import annotations

import re
from pathlib import Path

from pukara.extract.document import extract_document
from pukara.model import Document, FuzzyDate
from pukara.store import SQLiteStore

# Invented demo text.
TEXT = (
    "La Policía Nacional y el Ejército decomisaron 1.200 kilos de cocaína en Pichari, "
    "Cusco, el 3 de mayo de 2024. Sendero Luminoso atacó una patrulla en Vizcatán del Ene. "
    "Comando Vermelho y los Crias se disputan el Yavarí. "
)
# Tables that grow with the store; a plan that SCANs one of them would grow with it.
GROWING = {"documents", "document_bands", "document_signatures", "mentions", "facts", "events",
           "event_actors", "actor_relations", "routes", "actor_pairs", "actor_places",
           "actor_aliases", "actors", "places", "problems", "observations"}  # fmt: skip


def _doc(i: int) -> Document:
    return Document(TEXT + f"Nota número {i} " + " ".join(f"w{i}x{j}" for j in range(30)),
                    f"n{i}.txt", published=FuzzyDate.parse("2024-05-04"), language="es")  # fmt: skip


def test_the_write_path_never_scans_a_growing_table(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "kb.db")
    for i in range(5):  # some rows first, so that the planner has something to choose
        store.add_document(_doc(i), extract_document(_doc(i)))
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    doc = _doc(99)
    store.add_document(doc, extract_document(doc))
    store.db.conn.set_trace_callback(None)
    scans = []
    for sql in statements:
        if not re.match(r"\s*(SELECT|UPDATE|DELETE|INSERT)", sql, re.I) or "VALUES" in sql:
            continue
        aliases = {
            a: t for t, a in re.findall(r"(?:FROM|JOIN)\s+(\w+)\s+(?!ON\b|WHERE\b)(\w+)", sql)
        }
        for row in store.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}"):
            m = re.match(r"SCAN (\w+)", row[3])
            if m and aliases.get(m.group(1), m.group(1)) in GROWING:
                scans.append(f"{row[3]}  <-  {sql[:120]}")
    assert len(statements) > 10  # the trace saw the write
    assert not scans, "\n".join(scans)
    store.close()


def test_the_check_sees_a_scan_through_an_alias(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "kb.db")
    store.db.conn.execute("DROP INDEX document_bands_lookup")  # the near-duplicate lookup
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    store.add_document(_doc(1))
    store.db.conn.set_trace_callback(None)
    plans = [r[3] for sql in statements if sql.lstrip().startswith("SELECT DISTINCT b.doc_id")
             for r in store.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]  # fmt: skip
    assert "SCAN b" in plans
    store.close()
