"""Actor graphs read from the store, and their GraphML and JSON forms.

In: a store. Out: ``actor_graph(store)`` -> a ``networkx.Graph`` with one node per actor
(name, kind, country) and an edge where two actors are named in one sentence: ``weight`` is
the number of independent documents that do so. The store keeps these pairs in
``actor_pairs`` as documents arrive (from actor mentions with no sentence break between
them, and from each event's actors: an event is one sentence), so the graph is one grouped
scan. Edges also carry the typed statements read between the two actors (``alliance``,
``rivalry``, ``leadership``, ``membership``: document counts; ``kinds``; ``relations``: example
sentences with their document). ``export_actor_graphml`` writes it for Gephi or yEd;
``actor_graph_json`` gives a sorted, JSON-ready dict for a web page or a diff.
Near-duplicate documents are left out: a syndicated copy is not a second witness.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from pukara.analyse.graphml import write_graphml
from pukara.store import Reader, View, as_view

__all__ = ["actor_graph", "actor_graph_json", "export_actor_graphml"]

_EVIDENCE_PER_EDGE = 5  # example sentences kept per edge and kind; counts stay exact


def actor_graph(
    store: Reader,
    since: str | None = None,
    until: str | None = None,
    min_weight: int = 1,
) -> nx.Graph[str]:
    """Actors named together in a sentence, and what the texts say ties them.

    ``since``/``until`` are ISO dates or prefixes ("2020", "2021-06"), inclusive, applied to
    the documents' publication dates by overlap; undated documents drop out when a bound is
    given. Co-occurrence edges lighter than ``min_weight`` documents are left out, unless a
    typed relation (alliance, rivalry, ...) was read on them.
    """
    store = as_view(store)
    graph: nx.Graph[str] = nx.Graph()
    for a, b, n in store.actor_pair_counts(since, until, min_weight):
        graph.add_edge(a, b, weight=n, kinds=[], relations=[])
    _add_relations(graph, store, since, until)
    _describe_nodes(graph, store)
    return graph


def _add_relations(graph: nx.Graph[str], store: View, since: str | None, until: str | None) -> None:
    """Typed statements on the edges: per kind, distinct documents and example sentences.
    An edge below ``min_weight`` that carries one comes back with its true weight."""
    docs: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in store.relations(None, since, until):
        a, b = r.source_id, r.target_id
        if not graph.has_edge(a, b):
            weight = store.actor_pair_weight(a, b, since, until)
            graph.add_edge(a, b, weight=weight, kinds=[], relations=[])
        edge = graph.edges[a, b]
        key = (min(a, b), max(a, b), r.kind)
        docs[key].add(r.doc_id)
        edge[r.kind] = len(docs[key])
        if r.kind not in edge["kinds"]:
            edge["kinds"].append(r.kind)
        if sum(x["kind"] == r.kind for x in edge["relations"]) < _EVIDENCE_PER_EDGE:
            edge["relations"].append(
                {"kind": r.kind, "source": a, "target": b, "doc_id": r.doc_id,
                 "date": r.date, "cue": r.cue, "evidence": r.evidence.text}
            )  # fmt: skip


def _describe_nodes(graph: nx.Graph[str], store: View) -> None:
    known = {a.id: a for a in store.actors_by_ids(list(graph.nodes))}
    for node in graph.nodes:
        actor = known.get(node)
        graph.nodes[node]["name"] = actor.name if actor else node
        graph.nodes[node]["kind"] = actor.kind.value if actor else "other"
        graph.nodes[node]["country"] = (actor.country if actor else None) or ""


def actor_graph_json(graph: nx.Graph[str]) -> dict[str, Any]:
    """Nodes and edges as plain JSON-ready dicts, sorted so that output diffs are stable."""
    nodes = [{"id": n, **graph.nodes[n]} for n in sorted(graph.nodes)]
    edges = []
    for a, b in sorted(tuple(sorted(e)) for e in graph.edges):
        data = graph.edges[a, b]
        edges.append({"source": a, "target": b, **data, "kinds": sorted(data["kinds"])})
    return {"directed": False, "nodes": nodes, "edges": edges}


def export_actor_graphml(graph: nx.Graph[str], path: str | Path) -> Path:
    """Write the graph as GraphML (Gephi, yEd)."""
    return write_graphml(graph, path)
