"""Pukara: intelligence, fusion and decision support on the illicit economies of Peru.

The library is the product; the CLI and the web app are thin faces on it::

    from pukara.store import open_store
    from pukara.ingest import ingest_paths

    with open_store("pukara.db") as store:
        report = ingest_paths(store, ["reports/"])
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
