"""The ``pukara`` command: a thin Typer face over the library.

Each command opens the store, calls one library function and reports. A bad argument, an
unknown id or a ``PukaraError`` prints one line on standard error and exits non-zero (2 for
bad arguments); a traceback only with ``--debug``. Which store a command uses is stated in
``pukara.cli.common`` and in ``pukara --help``.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

try:  # Typer >= 0.24 carries its own copy of Click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer uses Click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from pukara.cli import stores  # noqa: F401, I001  # registers ingest, demo, ... first
from pukara.cli import analysis, faces, plans  # noqa: F401  # they register commands
from pukara.cli.common import app, err, state
from pukara.cli.stores import demo_corpus

__all__ = ["app", "demo_corpus", "main"]


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors")] = False,
) -> None:
    """Ingest reports, search them, analyse them, brief on them."""
    state["debug"] = debug


def main() -> None:
    """Entry point: Click's usage errors become one line ("error: --since: ...")."""
    command = typer.main.get_command(app)
    try:
        code = command.main(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        err.print(exc.format_message(), markup=False)
        sys.exit(2)
    except click_errors.UsageError as exc:
        hint = f" ({exc.ctx.command_path} --help)" if exc.ctx else ""
        err.print(f"error: {exc.format_message()}{hint}", markup=False, soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted", markup=False)
        sys.exit(130)
    except click_errors.ClickException as exc:
        err.print(f"error: {exc.format_message()}", markup=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
