"""Every command has help text and a README entry; every setting is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
import typer.main

from pukara.cli import app
from pukara.config import Settings, load_settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_readme_entry(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help) > 20
    assert f"`pukara {name}" in README, f"README does not document `pukara {name}`"


def test_readme_starts_with_the_two_fresh_machine_commands() -> None:
    head = README[:3000]
    assert "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/pukara demo" in head
    assert '.venv/bin/pip install -e ".[dev]" && .venv/bin/pytest' in head


@pytest.mark.parametrize("field", list(fields(Settings)), ids=lambda f: f.name)
def test_every_setting_has_help_env_and_docs(field: object) -> None:
    meta = field.metadata  # type: ignore[attr-defined]
    assert meta.get("help") and meta.get("env", "").startswith("PUKARA_")
    assert meta["env"] in README


def test_settings_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "pukara.toml"
    cfg.write_text('[pukara]\ndb_url = "from-toml.db"\nmax_file_mb = 7\n')
    monkeypatch.setenv("PUKARA_CONFIG", str(cfg))
    monkeypatch.delenv("PUKARA_DB_URL", raising=False)
    monkeypatch.delenv("PUKARA_MAX_FILE_MB", raising=False)
    assert load_settings().db_url == "from-toml.db"
    assert load_settings().max_bytes == 7 * 1024 * 1024
    monkeypatch.setenv("PUKARA_DB_URL", "from-env.db")
    assert load_settings().db_url == "from-env.db"
    assert load_settings(db_url="from-flag.db").db_url == "from-flag.db"
    cfg.write_text("[pukara]\nbogus = 1\n")
    with pytest.raises(ValueError, match="unknown settings: bogus"):
        load_settings()
