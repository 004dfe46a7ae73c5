"""``ohch schema apply``: constraints and indexes from ``queries/schema/``."""

from __future__ import annotations

import typer

from cli.common import connected
from graph import schema

app = typer.Typer(help="The graph schema.", no_args_is_help=True)


@app.command()
def apply() -> None:
    """Apply every numbered schema file (idempotent)."""
    with connected() as graph:
        count = schema.apply(graph)
    typer.echo(f"schema applied: {count} statements")
