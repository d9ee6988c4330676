"""What every command shares: the app, which store it uses, one-line errors, output helpers.

Which store a command uses (the rule ``pukara --help`` states):

1. ``--db`` when given;
2. else ``PUKARA_DB_URL`` (or ``db_url`` in ``pukara.toml``);
3. else your own default store, ``~/.local/share/pukara/pukara.db``, once it exists
   (``pukara ingest`` creates it);
4. else the demo store that ``pukara demo`` built (``PUKARA_DEMO_DB``), and the command says
   so on standard error;
5. else a command that writes (``ingest``) creates the default store; a command that only
   reads stops with one line saying how to make a store. A read never creates an empty store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from pukara.config import Settings, default_store, load_settings
from pukara.errors import PukaraError
from pukara.model.periods import check_bound
from pukara.store import SQLStore, open_store, store_location

__all__ = [
    "DbOption",
    "app",
    "clip",
    "console",
    "date_option",
    "err",
    "fail",
    "open_for_read",
    "open_for_write",
    "settings",
    "state",
]

STORE_RULE = (
    "Which store: --db, else PUKARA_DB_URL, else ~/.local/share/pukara/pukara.db once it "
    "exists, else the demo store built by `pukara demo`."
)

app = typer.Typer(
    help="Pukara: intelligence on the illicit economies of Peru and its frontiers. " + STORE_RULE,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _console(stderr: bool = False) -> Console:
    """Rich console; wide when not a terminal, so tables in files and pipes stay readable."""
    probe = Console(stderr=stderr)
    return Console(stderr=stderr, highlight=False,
                   width=None if probe.is_terminal else max(probe.width, 160))  # fmt: skip


console = _console()
err = _console(stderr=True)
state: dict[str, object] = {"debug": False}

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a SQLite file, sqlite:///path or postgresql://user@host/db "
        "(default: PUKARA_DB_URL, else your default store, else the demo store)",
    ),
]


def settings(db: str | None = None) -> Settings:
    try:
        return load_settings(db_url=db)
    except ValueError as exc:
        fail(exc)


def fail(exc: Exception | str, code: int = 2) -> NoReturn:
    """Print one line on standard error and exit (the traceback only with --debug)."""
    if state["debug"] and isinstance(exc, Exception):
        raise exc
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    err.print(f"error: {escape(text)}", soft_wrap=True)
    raise typer.Exit(code)


def date_option(value: str | None) -> str | None:
    """Typer callback: a --since/--until value must be YYYY, YYYY-MM or YYYY-MM-DD."""
    try:
        return check_bound(value, "date")
    except ValueError as exc:
        raise typer.BadParameter(str(exc).replace("date ", "", 1)) from exc


def _exists(url: str) -> bool:
    try:
        backend, location = store_location(url)
    except PukaraError as exc:
        fail(f"--db {url}: {exc}")
    return backend == "postgres" or location == ":memory:" or Path(location).is_file()


def store_for(db: str | None, *, write: bool) -> str:
    """The store URL a command uses (see the module docstring)."""
    chosen = settings(db)
    if chosen.db_url:
        url = chosen.db_url
        if not write and not _exists(url):
            fail(f"{url}: no store there; build one with `pukara ingest FILES --db {url}`")
        return url
    own = default_store()
    if own.is_file():
        return str(own)
    demo = Path(chosen.demo_db).expanduser()
    if demo.is_file() and not write:
        err.print(f"using the demo store {demo} (give --db or set PUKARA_DB_URL for another)")
        return str(demo)
    if write:
        return str(own)
    fail(
        "no store yet: run `pukara demo` to build the demo store, or `pukara ingest FILES` to "
        "build your own (or give --db PATH)"
    )


@contextmanager
def _opened(url: str) -> Iterator[SQLStore]:
    try:
        store = open_store(url)
    except PukaraError as exc:
        fail(exc)
    try:
        yield store
    finally:
        store.close()


def open_for_read(db: str | None) -> AbstractContextManager[SQLStore]:
    """The store a reading command uses (never created by it)."""
    return _opened(store_for(db, write=False))


def open_for_write(db: str | None) -> AbstractContextManager[SQLStore]:
    """The store a writing command uses (created when it does not exist)."""
    return _opened(store_for(db, write=True))


def clip(text: str, width: int = 90) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"
