"""Exception root for Pukara, and the Problem record that a batch keeps for a bad input.

Readers never print: a file that cannot be read becomes a ``Problem`` whose ``str`` is the
one line users see, ``path: where: reason``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InputError", "NotFoundError", "Problem", "PukaraError", "StoreError"]


class PukaraError(Exception):
    """Root of every error Pukara raises on purpose."""


class InputError(PukaraError):
    """A file (or a part of one) that cannot be read."""

    def __init__(self, path: str, where: str, reason: str) -> None:
        super().__init__(f"{path}: {where}: {reason}")
        self.path = path
        self.where = where
        self.reason = reason

    def problem(self) -> Problem:
        return Problem(self.path, self.where, self.reason)


class NotFoundError(PukaraError):
    """A place, actor, event, figure or document that the store does not hold (or that the
    reader may not see: to an audience, what it may not see does not exist)."""


class StoreError(PukaraError):
    """A storage backend failed or was asked for something it cannot do."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad input: which file, where in it, what is wrong."""

    path: str
    where: str  # "row 14", "byte 2048", "<feature 3>", "file"
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.reason}"
