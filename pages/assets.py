"""Where the web assets are: ``web/dist``, built by ``web/build.mjs`` (``make run``/``make test``).

``OHCH_WEB_ASSETS_DIR`` names another folder (a deployment that builds them elsewhere). A hub
whose assets are not built still starts; its pages then come without styles, and a warning says
why.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.staticfiles import StaticFiles

from graph.settings import load_settings

log = logging.getLogger("ohch.pages")

ASSETS_DIR_VARIABLE = "OHCH_WEB_ASSETS_DIR"
_BUILT = Path(__file__).resolve().parent.parent / "web" / "dist"


def assets_dir() -> Path:
    return load_settings().web_assets_dir or _BUILT


def assets() -> StaticFiles:
    """The app that serves ``/assets/``."""
    folder = assets_dir()
    if not (folder / "govuk-frontend.css").is_file():
        log.warning("web assets not built in %s: run `make assets` (docs/WEB.md)", folder)
    return StaticFiles(directory=folder, check_dir=False)
