"""Typed, checked access to one item of a model file (a YAML mapping or a CSV row).

Every failure is an ``InputError(path, where, reason)`` whose reason names the field,
the value and, when known, what to do: ``models/peru.yaml: sectors[3]: lat 95.2 outside
[-90, 90]; check lat/lon order``. Unknown keys are refused, so a typo never passes
silently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from pukara.errors import InputError

__all__ = ["Item"]


class Item:
    """One record of a model file: ``data`` read at ``where`` in ``path``."""

    def __init__(self, path: str, where: str, data: object, allowed: Iterable[str]) -> None:
        self.path = path
        self.where = where
        if not isinstance(data, Mapping):
            self.fail(f"expected a mapping of fields, got {type(data).__name__}")
        self.data: Mapping[str, Any] = data
        allowed = set(allowed)
        unknown = sorted(str(k) for k in data if k not in allowed)
        if unknown:
            self.fail(f"unknown field {unknown[0]!r}; expected one of {', '.join(sorted(allowed))}")

    def fail(self, reason: str) -> NoReturn:
        raise InputError(self.path, self.where, reason)

    def _raw(self, key: str, required: bool) -> Any:
        value = self.data.get(key)
        if isinstance(value, str) and not value.strip():
            value = None  # an empty CSV cell is a missing value
        if value is None and required:
            self.fail(f"missing {key}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        """A non-empty string (required unless ``default`` is given)."""
        value = self._raw(key, default is None)
        if value is None:
            return default or ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(f"{key} must be text, got {type(value).__name__}")
        return str(value).strip()

    def number(self, key: str, lo: float, hi: float, *, open_lo: bool = False) -> float:
        """A required finite number in [lo, hi] (or (lo, hi] with ``open_lo``)."""
        x = self.optional_number(key, lo, hi, open_lo=open_lo)
        if x is None:
            self.fail(f"missing {key}")
        return x

    def optional_number(
        self, key: str, lo: float, hi: float, *, open_lo: bool = False
    ) -> float | None:
        """A finite number in [lo, hi] (or (lo, hi] with ``open_lo``); None if absent."""
        value = self._raw(key, False)
        if value is None:
            return None
        if isinstance(value, bool):
            self.fail(f"{key} must be a number, got {value!r}")
        try:
            x = float(value)
        except (TypeError, ValueError):
            self.fail(f"{key} must be a number, got {value!r}")
        if not math.isfinite(x) or x < lo or x > hi or (open_lo and x == lo):
            bracket = "(" if open_lo else "["
            hint = "; check lat/lon order" if key.endswith(("lat", "lon")) else ""
            self.fail(f"{key} {value} outside {bracket}{lo:g}, {hi:g}]{hint}")
        return x

    def integer(self, key: str, lo: int, hi: int) -> int:
        """A required whole number in [lo, hi]."""
        x = self.optional_integer(key, lo, hi)
        if x is None:
            self.fail(f"missing {key}")
        return x

    def optional_integer(self, key: str, lo: int, hi: int) -> int | None:
        """A whole number in [lo, hi]; None if absent."""
        x = self.optional_number(key, lo, hi)
        if x is None:
            return None
        if x != int(x):
            self.fail(f"{key} must be a whole number, got {self.data.get(key)!r}")
        return int(x)

    def strings(self, key: str) -> tuple[str, ...]:
        """A list of strings, or one string separated by ``;`` or ``|`` (CSV cells)."""
        value = self._raw(key, False)
        if value is None:
            return ()
        if isinstance(value, str):
            parts = value.replace("|", ";").split(";")
        elif isinstance(value, list):
            parts = value
        else:
            self.fail(f"{key} must be a list of names, got {type(value).__name__}")
        out = []
        for part in parts:
            if not isinstance(part, str):
                self.fail(f"{key} must be a list of names, got {part!r}")
            if part.strip():
                out.append(part.strip())
        return tuple(out)

    def choices(self, key: str, allowed: Iterable[str]) -> frozenset[str]:
        """A non-empty set of names, each one of ``allowed``."""
        allowed = tuple(allowed)
        names = self.strings(key)
        if not names:
            self.fail(f"missing {key}; give one or more of {', '.join(allowed)}")
        for name in names:
            if name not in allowed:
                self.fail(f"{key}: unknown {name!r}; expected one of {', '.join(allowed)}")
        return frozenset(names)

    def mapping(self, key: str) -> Mapping[str, Any]:
        """A mapping (absent: empty)."""
        value = self._raw(key, False)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.fail(f"{key} must be a mapping, got {type(value).__name__}")
        return value
