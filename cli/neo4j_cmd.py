"""``ohch neo4j start|stop|status``: the project's own Neo4j for development."""

from __future__ import annotations

import typer

from cli.common import reported_errors, settings
from graph import local_server

app = typer.Typer(
    help="Run the local Neo4j (not used when NEO4J_URI is set).", no_args_is_help=True
)


def _server() -> local_server.LocalServer:
    config = settings()
    if config.uses_external_neo4j:
        typer.echo(f"NEO4J_URI is set ({config.neo4j_uri}): the hub uses that server.")
        raise typer.Exit(0)
    return local_server.from_settings(config)


@app.command()
def start() -> None:
    """Build the launcher if needed, start Neo4j (or reuse a running one), wait until ready."""
    server = _server()
    with reported_errors():
        typer.echo(server.start(timeout=settings().local_neo4j_start_timeout_s))


@app.command()
def stop() -> None:
    """Stop the local Neo4j cleanly (SIGTERM)."""
    with reported_errors():
        typer.echo(_server().stop())


@app.command()
def status() -> None:
    """Say whether the local Neo4j is running."""
    typer.echo(_server().status())
