"""Shared fixtures. Tests are offline: any socket connection fails."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pukara.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access is disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "kb.db")
    yield s
    s.close()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"seed corpus missing at {SEEDS}; the shared/ folder must sit beside the repo")
    return SEEDS
