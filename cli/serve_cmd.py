"""``ohch serve``: the API (uvicorn) on the configured host and port, in one or more processes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import typer
import uvicorn

from api.logs import configure_logging
from cli.common import settings


def _metrics_folder(beside: Path) -> Path:
    """Where worker processes keep their metrics so a scrape of any one sums them all; emptied
    at start, as prometheus-client requires."""
    folder = beside / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    return folder


def serve(
    host: str | None = typer.Option(None, help="Bind address (default OHCH_API_HOST)"),
    port: int | None = typer.Option(None, help="Port (default OHCH_API_PORT)"),
    workers: int = typer.Option(
        1, min=1, help="Worker processes; each is a whole API, sharing nothing but the graph"
    ),
) -> None:
    """Serve the REST and GraphQL API. Neo4j keeps running when the API stops."""
    config = settings()
    if host is not None:
        # The app reads its bind address from the settings: development tokens are honoured
        # only on loopback, so the app must know the address it is really served on.
        os.environ["OHCH_API_HOST"] = host
    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(_metrics_folder(config.journal_dir.parent))
    configure_logging(config.log_format)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host or config.api_host,
        port=port or config.api_port,
        workers=workers,
        log_config=None,  # the app's own (api/logs.py): JSON lines with request ids
        access_log=False,  # api/serving.py logs each request with its id and user
    )
