"""A reader's view of the store: every read method, filtered for one audience.

``store.view(audience)`` returns a ``View``; analyses, exporters and the web app read
through it and never see a connection, a cursor or SQL. The methods come from one module
per resource in ``pukara.store.reads`` (documents, places, actors and their relations,
facts, events, clusters, routes) and share the audience filter of
``pukara.store.reads.base``: what the audience may not see does not exist for it, in rows,
counts, ranks, snippets and graph edges alike.
"""

from __future__ import annotations

from pukara.store.reads.clusters import ClusterReads
from pukara.store.reads.documents import DocumentReads
from pukara.store.reads.events import EventReads
from pukara.store.reads.facts import FactReads
from pukara.store.reads.places import PlaceReads
from pukara.store.reads.routes import RouteReads

__all__ = ["View"]


class View(DocumentReads, PlaceReads, RouteReads, FactReads, EventReads, ClusterReads):
    """Everything a reader may read (see the module docstring)."""

    def version(self) -> tuple[object, ...]:
        """Changes whenever the store's content changes; with the audience, a cache key."""
        return (*self.store.version(), self.audience)
