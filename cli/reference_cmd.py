"""``ohch reference load``: forces and the postcode-district table into the graph."""

from __future__ import annotations

import typer

from cli.common import connected
from graph.reference import loader

app = typer.Typer(help="Reference data.", no_args_is_help=True)


@app.command()
def load(
    if_needed: bool = typer.Option(
        False, "--if-needed", help="Load only if the graph does not hold this version's tables"
    ),
) -> None:
    """Load the 46 forces and the postcode districts (idempotent; the API does it at start)."""
    with connected() as graph:
        counts = loader.ensure_reference(graph, force=not if_needed)
    if counts is None:
        typer.echo("reference data already current")
    else:
        typer.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))
