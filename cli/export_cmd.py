"""``ohch export duplicates``: machine-readable exports for checking and for other systems."""

from __future__ import annotations

import sys

import typer

from cli.common import connected
from graph.dedup.export import write_duplicates

app = typer.Typer(help="Exports.", no_args_is_help=True)


@app.command()
def duplicates() -> None:
    """Print one JSON object: every report's source_ref -> the id of its content cluster."""
    with connected() as graph:
        write_duplicates(graph, sys.stdout)
