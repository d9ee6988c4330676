"""Settings: one frozen record, read by the faces (CLI, web) only.

Precedence: defaults < ``pukara.toml`` (``[pukara]`` table, current folder or
``PUKARA_CONFIG``) < environment (``PUKARA_*``) < CLI flags. Library functions take explicit
arguments and never read settings. Secrets come only from the environment.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

__all__ = ["Settings", "default_data_dir", "default_store", "load_settings"]


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pukara"


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str | None = field(
        default=None,
        metadata={
            "env": "PUKARA_DB_URL",
            "help": "Store location: a SQLite file path, sqlite:///path or "
            "postgresql://user@host/db; unset: see `store_for` in pukara.cli",
        },
    )
    max_file_mb: int = field(
        default=25,
        metadata={"env": "PUKARA_MAX_FILE_MB", "help": "Largest input file accepted, in MB"},
    )
    demo_db: str = field(
        default_factory=lambda: str(default_data_dir() / "demo.db"),
        metadata={"env": "PUKARA_DEMO_DB", "help": "Where `pukara demo` builds its fresh store"},
    )

    @property
    def max_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, int) and not isinstance(default, bool):
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"setting {name}: {value!r} is not a whole number") from exc
    return str(value)


def default_store() -> Path:
    """The store commands use when none is configured and no demo store exists yet."""
    return default_data_dir() / "pukara.db"


def load_settings(**overrides: Any) -> Settings:
    """Build Settings from defaults, pukara.toml, PUKARA_* variables and explicit overrides."""
    settings = Settings()
    values: dict[str, Any] = {}
    config_path = Path(os.environ.get("PUKARA_CONFIG", "pukara.toml"))
    if config_path.is_file():
        with config_path.open("rb") as fh:
            values.update(tomllib.load(fh).get("pukara", {}))
    for f in fields(Settings):
        env = f.metadata.get("env")
        if env and env in os.environ:
            values[f.name] = os.environ[env]
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    return replace(settings, **{k: _coerce(k, v, known[k]) for k, v in values.items()})
