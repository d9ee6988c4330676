"""Human labels for the ids the store holds: indicators, event types, activities, values.

In: indicator, event type and activity ids (``coca_cultivation_area``, ``seizure``,
``gold_mining``) and raw values. Out: English labels from the taxonomy files
(``refdata/data/indicators.yaml``, ``event_types.yaml``), and numbers formatted for reading
("12,345", "9.4").
"""

from __future__ import annotations

from functools import lru_cache

from pukara.refdata.taxonomy import load_event_types, load_indicators

__all__ = [
    "ACTIVITY_LABELS",
    "activity_label",
    "event_type_label",
    "format_value",
    "indicator_label",
]

ACTIVITY_LABELS = {
    "coca": "Coca",
    "cocaine": "Cocaine processing",
    "poppy": "Opium poppy",
    "gold_mining": "Illegal gold mining",
    "logging": "Illegal logging",
    "precursors": "Precursor chemicals",
    "laundering": "Money laundering",
    "trafficking": "Trafficking",
    "armed_conflict": "Armed conflict",
    "state_effort": "State effort",
    "development": "Development",
    "other": "Other",
}


@lru_cache(maxsize=1)
def _indicators() -> dict[str, str]:
    return {i.id: i.label_en for i in load_indicators()}


@lru_cache(maxsize=1)
def _event_types() -> dict[str, str]:
    return {t.id: t.label_en for t in load_event_types()}


def indicator_label(indicator: str | None) -> str:
    if not indicator:
        return ""
    return _indicators().get(indicator, indicator.replace("_", " "))


def event_type_label(event_type: str | None) -> str:
    if not event_type:
        return ""
    return _event_types().get(event_type, event_type.replace("_", " "))


def activity_label(activity: str | None) -> str:
    if not activity:
        return ""
    return ACTIVITY_LABELS.get(activity, activity.replace("_", " "))


def format_value(value: float | None, value_max: float | None = None, unit: str = "") -> str:
    """12345.0 -> "12,345"; 9.4 -> "9.4"; a range -> "10–12"; unit appended when given."""
    if value is None:
        return ""

    def one(v: float) -> str:
        if abs(v) >= 100 or float(v).is_integer():
            return f"{v:,.0f}"
        return f"{v:,.2f}".rstrip("0").rstrip(".")

    text = one(value) if value_max is None else f"{one(value)}–{one(value_max)}"
    shown = {"count": "", "people": "people", "percent": "%", "usd": "USD", "pen": "PEN"}
    suffix = shown.get(unit, unit)
    return f"{text} {suffix}".strip() if suffix != "%" else f"{text}%"
