"""``ohch serve``: the API (uvicorn) on the configured host and port."""

from __future__ import annotations

import os

import typer
import uvicorn

from cli.common import settings


def serve(
    host: str | None = typer.Option(None, help="Bind address (default OHCH_API_HOST)"),
    port: int | None = typer.Option(None, help="Port (default OHCH_API_PORT)"),
) -> None:
    """Serve the REST and GraphQL API. Neo4j keeps running when the API stops."""
    config = settings()
    if host is not None:
        # The app reads its bind address from the settings: development tokens are honoured
        # only on loopback, so the app must know the address it is really served on.
        os.environ["OHCH_API_HOST"] = host
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host or config.api_host,
        port=port or config.api_port,
        log_level="info",
    )
