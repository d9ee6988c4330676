"""Catch what third-party parsers say while they read one file, instead of letting it reach
stderr: ``with parser_messages("pypdf") as said: ...`` leaves the messages in ``said``.

pypdf reports damaged files through ``logging`` (which prints to stderr when no handler is
set) and ``warnings``; trafilatura and its helpers log too. Readers turn what was said into
Problems where it matters (a damaged PDF) and keep it off the terminal everywhere.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["parser_messages"]


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.into.append(record.getMessage())
        except Exception:  # noqa: BLE001 - a malformed log call must not break reading
            self.into.append(str(record.msg))


@contextmanager
def parser_messages(*logger_names: str) -> Iterator[list[str]]:
    """Messages (warnings and worse) that the named loggers and ``warnings`` emit inside."""
    said: list[str] = []
    handler = _Collect(said)
    loggers = [logging.getLogger(name) for name in logger_names]
    saved = [(lg.propagate, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False  # not to the root logger's (or Python's last-resort) stderr
        if lg.level == logging.NOTSET or lg.level > logging.WARNING:
            lg.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield said
        said.extend(str(w.message) for w in caught)
    finally:
        for lg, (propagate, level) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.propagate = propagate
            lg.setLevel(level)
