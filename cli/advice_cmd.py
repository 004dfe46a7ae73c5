"""``ohch advice``: the guidance library, the hate crime lead directory and the outcome report
(docs/ADVICE.md). Commands act as the operator who runs them, through the service layer."""

from __future__ import annotations

import csv
import getpass
from datetime import UTC, datetime
from pathlib import Path

import typer

from cli.common import connected, moment, operator, reported_errors, settings
from graph.advice.leads import LeadEntry, lead_entry
from graph.advice.notes import read_library, shipped_library
from graph.advice.outcomes import Dimension
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.errors import InvalidInput, Problem
from graph.intel.bounds import Window
from graph.reference.forces import forces_by_code
from services import advice
from services.use_case import Caller

app = typer.Typer(
    help="Advice to forces: guidance, hate crime leads, outcomes.", no_args_is_help=True
)
COLUMNS = ("force_code", "role_title", "name", "team", "email", "phone", "contact_route", "notes")


@app.command("notes")
def notes(
    folder: Path | None = typer.Option(
        None, "--dir", help="A folder of notes to check (default: OHCH_GUIDANCE_DIR or shipped)"
    ),
) -> None:
    """Check the guidance library and list its notes; notes past their review date are marked.
    Exits 1 naming every file and field that is wrong."""
    folder = folder or settings().guidance_dir
    with reported_errors():
        library = read_library(folder) if folder is not None else shipped_library()
    today = datetime.now(UTC).date()
    for note in library:
        overdue = "  REVIEW OVERDUE" if note.review_by < today else ""
        typer.echo(f"{note.id}  (review by {note.review_by}, {note.owner}){overdue}")
    typer.echo(f"{len(library)} notes")


def _read_leads(path: Path) -> list[LeadEntry]:
    """Every row checked before anything is written; all problems named by row and field."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [
            c
            for c in ("force_code", "role_title", "contact_route")
            if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise InvalidInput([Problem("header", f"missing column(s): {', '.join(missing)}")])
        rows = list(reader)
    known = forces_by_code()
    entries: list[LeadEntry] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        fields = {c: row[c].strip() for c in COLUMNS if row.get(c) and row[c].strip()}
        try:
            entry = lead_entry(fields)
        except InvalidInput as error:
            problems += [Problem(f"row {number}.{p.field}", p.message) for p in error.problems]
            continue
        if entry.force_code not in known:
            problems.append(Problem(f"row {number}.force_code", f"no force {entry.force_code!r}"))
        entries.append(entry)
    if problems:
        raise InvalidInput(problems)
    return entries


@app.command("import-leads")
def import_leads(
    path: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="CSV: " + ", ".join(COLUMNS)
    ),
    reason: str = typer.Option(..., help="Why the directory changes (kept with each entry)"),
    by: str = typer.Option(getpass.getuser(), help="Who makes the change"),
) -> None:
    """Record a version of each force's hate crime lead entry from a CSV file. Nothing is
    written unless every row is right."""
    with reported_errors():
        entries = _read_leads(path)
    with connected() as graph, reported_errors():
        caller = Caller(graph, operator(by))
        log = AuditLog(settings().audit_log)
        for entry in entries:
            recorded = advice.set_hate_crime_lead(
                caller, entry.model_dump(exclude_none=True), reason
            )
            log.append(
                AuditEvent(
                    operation=Operation.COLLECTION, actor=caller.viewer.user_id, role="admin",
                    endpoint="cli:advice import-leads",
                    accessed=(Accessed(kind="HateCrimeLead", ids=(recorded.id, entry.force_code),
                                       fields=tuple(entry.model_dump(exclude_none=True))),),
                ),
                now=recorded.recorded_at,
            )  # fmt: skip
    typer.echo(f"recorded {len(entries)} hate crime lead entries")


@app.command("outcomes")
def outcomes(
    since: str = typer.Option(..., help="From (ISO 8601 with a time zone)"),
    until: str = typer.Option(..., help="Until, not included (ISO 8601 with a time zone)"),
    by: Dimension = typer.Option(Dimension.OFFENCE, help="offence, strand, force or guidance"),
) -> None:
    """Which outcomes forces reported in a window, per offence, strand, force or guidance note."""
    start, end = moment(since, "--since"), moment(until, "--until")
    if start is None or end is None:  # typer requires both: never reached
        raise typer.BadParameter("--since and --until are both required")
    with connected() as graph, reported_errors():
        rows = advice.outcome_report(
            Caller(graph, operator(getpass.getuser())), Window.of(start, end), by
        )
    typer.echo(f"{by.value}\tcases\tcharged share\toutcome groups")
    for row in rows:
        groups = ", ".join(f"{g} {n}" for g, n in row.by_group.items())
        typer.echo(f"{row.key}\t{row.cases}\t{row.charged_share:.0%}\t{groups}")
