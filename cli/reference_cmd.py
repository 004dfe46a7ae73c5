"""``ohch reference load``: forces and the postcode-district table into the graph."""

from __future__ import annotations

import typer

from cli.common import connected
from graph.reference import loader

app = typer.Typer(help="Reference data.", no_args_is_help=True)


@app.command()
def load() -> None:
    """Load the 46 forces and the postcode districts (idempotent)."""
    with connected() as graph:
        counts = loader.load_reference(graph)
    typer.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))
