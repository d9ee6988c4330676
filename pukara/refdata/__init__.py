"""Reference data as files (``data/``, see ``data/ORIGIN.md``) and their cached loaders.

Refdata imports nothing from pukara but ``pukara.model``.
"""

from pukara.refdata.taxonomy import (
    EventType,
    EventTypes,
    Indicator,
    QuantityTerms,
    UnitTable,
    load_event_types,
    load_indicators,
    load_quantity_terms,
    load_units,
)

__all__ = [
    "EventType",
    "EventTypes",
    "Indicator",
    "QuantityTerms",
    "UnitTable",
    "load_event_types",
    "load_indicators",
    "load_quantity_terms",
    "load_units",
]
