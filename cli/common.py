"""What every command needs: settings, a connected graph, and errors printed plainly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import typer

from graph.db import Graph
from graph.errors import OhchError
from graph.settings import Settings, load_settings
from graph.viewer import Role, Viewer


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


def moment(text: str | None, option: str) -> datetime | None:
    """An ISO 8601 time given as ``option``, which must carry a time zone (``None`` if unset)."""
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not an ISO 8601 time", param_hint=option) from None
    if parsed.tzinfo is None:
        raise typer.BadParameter("must carry a time zone (e.g. Z)", param_hint=option)
    return parsed


def operator(by: str) -> Viewer:
    """The viewer a command acts as: the operator on the hub's machine, named in the audit
    trail as ``cli:<by>``."""
    return Viewer(Role.ADMIN, f"cli:{by}")
