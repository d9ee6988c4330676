"""The web app and briefings: pukara serve and pukara brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pukara.cli.common import DbOption, app, console, date_option, fail, open_for_read, store_for
from pukara.errors import PukaraError

__all__: list[str] = []


def _brief_path(out: Path) -> Path:
    if out.suffix.lower() not in {".pdf", ".html", ".htm"}:
        raise typer.BadParameter(f"{out}: write a brief as .pdf or .html", param_hint="--out")
    return out


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
) -> None:
    """Serve the analyst web app (map, timeline, places, actors, documents, search, series,
    briefings) and its JSON API, read-only, with no network needed."""
    import uvicorn

    from pukara.web import create_app

    url = store_for(db, write=False)
    try:
        web_app = create_app(url)
    except PukaraError as exc:
        fail(exc)
    console.print(f"Pukara on http://{host}:{port}/ (API docs at /api/docs), store {url}; "
                  "Ctrl+C stops", soft_wrap=True)  # fmt: skip
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command("brief")
def brief_cmd(
    place: Annotated[str, typer.Option(help="Place id or name, e.g. LORETO or pe:16")],
    out: Annotated[
        Path, typer.Option(callback=_brief_path, help="Write the brief here: .pdf or .html")
    ],
    since: Annotated[
        str | None, typer.Option(callback=date_option, help="From date (2024, 2024-01)")
    ] = None,
    until: Annotated[
        str | None, typer.Option(callback=date_option, help="To date, inclusive")
    ] = None,
    db: DbOption = None,
) -> None:
    """A briefing on a place: key judgements, map, charts, key figures and events each with
    its citation, and the most restrictive marking of the material, as PDF or HTML."""
    from pukara.share.briefing import write_brief

    with open_for_read(db) as store:
        try:
            path = write_brief(store.view(), place, out, since=since, until=until)
        except PukaraError as exc:
            fail(exc)
    console.print(f"wrote {path}")
