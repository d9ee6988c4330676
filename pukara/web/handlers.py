"""One table from errors to HTTP answers: ``{"error": ..., "detail": ...}`` with a status.

In: a ``PukaraError`` (or FastAPI's validation error, or an unknown route) raised while
answering. Out: for ``/api/...`` paths the JSON shape ``{"error": code, "detail": message}``
with the status of the most specific class in ``ERRORS``; for pages the same code and
message in the error page. Nothing else about the exception (no traceback, no path of the
server's files beyond what the message says) reaches the client.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pukara.errors import InputError, NotFoundError, PukaraError, StoreError

__all__ = ["ERRORS", "NotFoundError", "error_answer", "install_handlers"]


# Most specific first: the first class the exception is an instance of decides.
ERRORS: tuple[tuple[type[PukaraError], int, str], ...] = (
    (NotFoundError, 404, "not_found"),
    (InputError, 400, "bad_input"),
    (StoreError, 503, "store_unavailable"),
    (PukaraError, 400, "bad_request"),
)


def error_answer(exc: PukaraError) -> tuple[int, str]:
    """(status, code) of a Pukara error, from ``ERRORS``."""
    for kind, status, code in ERRORS:
        if isinstance(exc, kind):
            return status, code
    return 400, "bad_request"  # unreachable: PukaraError closes the table


def _respond(request: Request, status: int, code: str, detail: Any) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": code, "detail": detail}, status_code=status)
    env = request.app.state.templates
    page = env.get_template("error.html").render(
        request=request,
        path=request.url.path,
        status=status,
        code=code,
        detail=str(detail),
        title=f"Error {status}",
    )
    return HTMLResponse(page, status_code=status)


def install_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def on_pukara_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PukaraError)  # noqa: S101  # registered for PukaraError only
        status, code = error_answer(exc)
        return _respond(request, status, code, str(exc))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)  # noqa: S101
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return _respond(request, 422, "invalid_request", detail)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)  # noqa: S101
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        return _respond(request, exc.status_code, code, str(exc.detail))

    app.add_exception_handler(PukaraError, on_pukara_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
