"""What every command needs: settings, a connected graph, and errors printed plainly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from graph.db import Graph
from graph.errors import OhchError
from graph.settings import Settings, load_settings


def settings() -> Settings:
    return load_settings()


@contextmanager
def connected(config: Settings | None = None) -> Iterator[Graph]:
    """A graph on the configured Neo4j; exits with a clear message when it is unreachable."""
    config = config or settings()
    graph = Graph.connect(config)
    try:
        with reported_errors():
            graph.verify()
            yield graph
    finally:
        graph.close()


@contextmanager
def reported_errors() -> Iterator[None]:
    try:
        yield
    except OhchError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from exc
