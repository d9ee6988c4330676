"""Fixtures of the web tests: one demo store per session (the bundled demo corpus, plus
one invented TLP:AMBER report so that markings are exercised), an app and its client.

The browser tests (``@pytest.mark.browser``) start uvicorn on 127.0.0.1 and let Debian's
Chromium talk to it, so for them the session-wide refusal of sockets admits loopback only.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pukara.analyse.clusters import refresh_event_clusters
from pukara.model import TLP, Marking
from pukara.pipeline import ingest_paths
from pukara.store import SQLStore, open_store
from pukara.web import create_app
from tests.conftest import BACKENDS, _pg_database

# Invented for these tests (demo data, not a real report): a restricted report on Loreto
# whose text carries markup that must never reach a page unescaped.
AMBER_REPORT = """Title: [DEMO] Restricted note on river patrols in Loreto <script>alert(1)</script>
Date: 2025-03-04
Source: Demo Restricted Bulletin (fictional)

[DEMO: invented for the Pukara web tests.] IQUITOS — Navy patrols on the Amazon river
seized 2.5 tonnes of cocaine near Caballococha in Loreto on 2 March 2025, <b>officials</b> said.
"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium (needs /usr/bin/chromium)"
    )


def _allow_loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"network access is disabled in tests ({host})")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Overrides the suite's fixture: browser tests may use loopback, nothing else may."""
    if request.node.get_closest_marker("browser") is not None:
        _allow_loopback_only(monkeypatch)
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access is disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session", params=BACKENDS)
def demo_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo corpus and the amber report in a store on each backend, events grouped
    (as `pukara demo`); its URL."""
    folder = tmp_path_factory.mktemp("webstore")
    corpus = Path(str(resources.files("pukara.demo").joinpath("corpus")))
    extra = folder / "restricted"
    extra.mkdir()
    (extra / "2025-03-04_restricted-note-demo.txt").write_text(AMBER_REPORT, "utf-8")
    url = str(folder / "kb.db") if request.param == "sqlite" else _pg_database("pukara_web_demo")
    with open_store(url) as store:
        ingest_paths(store, [corpus])
        ingest_paths(store, [extra], marking=Marking(TLP.AMBER, ("PE",)))
        refresh_event_clusters(store)
    return url


@pytest.fixture
def demo_store(demo_db: str) -> Iterator[SQLStore]:
    """The demo store, read-only."""
    with open_store(demo_db, read_only=True) as store:
        yield store


@pytest.fixture(scope="session")
def app(demo_db: str) -> FastAPI:
    return create_app(demo_db)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c
