"""``ohch export statistics``: the hub's monthly or quarterly statistics as CSV and ODS."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from cli.common import connected, operator, reported_errors
from graph.intel.bounds import DEFAULT_BASIS, TimeBasis
from services.statistics import period_statistics
from services.use_case import Caller


def statistics(
    period: str = typer.Option(..., help="A month (2026-09) or a quarter (2026-Q3), UTC"),
    out: Path = typer.Option(..., help="Folder the CSV and ODS files are written to"),
    basis: TimeBasis = typer.Option(
        DEFAULT_BASIS.value,
        help="Count reports by when they were REPORTED, the INCIDENT or when the hub RECEIVED them",
    ),
) -> None:
    """Write the period's statistics by strand, platform, force, offence, outcome and online
    flag (docs/STATISTICS.md). A closed period gives identical files each time; a period not
    yet ended is written, marked provisional in its rows and file names."""
    with connected() as graph, reported_errors():
        found = period_statistics(Caller(graph, operator(getpass.getuser())), period, basis)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in found.files().items():
        (out / name).write_bytes(data)
        typer.echo(f"{found.status.value}: {out / name}")
