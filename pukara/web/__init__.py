"""The web face of Pukara: ``create_app(db_url)`` (FastAPI), served by ``pukara serve``."""

from pukara.web.app import create_app

__all__ = ["create_app"]
