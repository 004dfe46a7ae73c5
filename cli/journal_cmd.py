"""``ohch journal``: the intake journal for the person on call (docs/OPERATIONS.md).

``status`` says what waits, what is set aside and whether the last drain failed;
``quarantine list`` shows the lines set aside (torn by a crash or a full disk, or entries that
can no longer be taken in) and ``quarantine clear`` marks them reviewed (the file is kept aside,
never deleted); ``conflicts list`` and ``conflicts resolve`` serve the journalled referrals that
conflict with a report written meanwhile under their key.
"""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

import typer

from cli.common import connected, reported_errors, settings
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.viewer import Role, Viewer
from ingest.intake_conflict import ConflictStatus
from ingest.journal import Journal
from services import intake_conflicts
from services.paging import PageRequest
from services.use_case import Caller

app = typer.Typer(help="The intake journal: backlog, quarantine and conflicts.")
quarantine = typer.Typer(help="Journal lines set aside: list them, mark them reviewed.")
conflicts = typer.Typer(help="Journalled referrals conflicting with a report written meanwhile.")
app.add_typer(quarantine, name="quarantine")
app.add_typer(conflicts, name="conflicts")


def _journal() -> Journal:
    return Journal(settings().journal_dir)


@app.command()
def status() -> None:
    """What waits in the journal, what is set aside, and whether the last drain failed."""
    journal = _journal()
    typer.echo(f"journal: {journal.directory}")
    typer.echo(f"backlog: {journal.backlog()} referrals waiting to be written")
    typer.echo(f"quarantined: {len(journal.quarantined())} lines not yet reviewed")
    failure = journal.drain_failure()
    typer.echo(f"last drain failed at {failure.at}: {failure.error}" if failure else "drains: ok")


@quarantine.command("list")
def quarantine_list(
    full: bool = typer.Option(False, "--full", help="Print every line's bytes whole"),
) -> None:
    """The lines set aside: where they came from, why, and their bytes (cut short unless
    ``--full``; they may hold a referral's personal data)."""
    found = _journal().quarantined()
    for q in found:
        text = q.data.decode("utf-8", errors="replace").rstrip("\n")
        shown = text if full or len(text) <= 120 else text[:120] + "..."
        typer.echo(f"{q.quarantined_at}  {q.file} line {q.line}  {len(q.data)} bytes: {q.reason}")
        typer.echo(f"    {shown}")
    typer.echo(f"{len(found)} lines quarantined")


@quarantine.command("clear")
def quarantine_clear() -> None:
    """Mark every quarantined line reviewed: the file is moved aside and kept as it is."""
    journal = _journal()
    count = len(journal.quarantined())
    kept = journal.clear_quarantine()
    if kept is None:
        typer.echo("nothing quarantined")
        return
    typer.echo(f"{count} lines marked reviewed; kept in {kept}")


def _operator(by: str) -> Viewer:
    return Viewer(Role.ADMIN, f"cli:{by}")


@conflicts.command("list")
def conflicts_list(
    resolved: bool = typer.Option(False, "--resolved", help="List resolved ones instead"),
    first: int = typer.Option(100, min=1, max=500, help="How many"),
) -> None:
    """Open conflicts (or resolved ones), oldest found first."""
    status = ConflictStatus.RESOLVED if resolved else ConflictStatus.OPEN
    with connected() as graph, reported_errors():
        caller = Caller(graph, _operator(getpass.getuser()))
        page = intake_conflicts.intake_conflicts(caller, status, PageRequest(first))
    for c in page.values:
        typer.echo(
            f"{c.reference}  {c.source} {c.source_ref}  journalled {c.received_at.isoformat()}  "
            f"conflicts with {c.existing_reference} ({c.existing_received_at.isoformat()})"
            + (f"  resolved by {c.resolved_by}: {c.resolution}" if c.resolution else "")
        )
    typer.echo(f"{page.total} {status.value} intake conflicts")


@conflicts.command("resolve")
def conflicts_resolve(
    reference: str = typer.Argument(..., help="The journal reference (OHCH-YYYY-J...)"),
    reason: str = typer.Option(..., help="What was done with the journalled referral, and why"),
    by: str = typer.Option(getpass.getuser(), help="Who resolves it (recorded)"),
) -> None:
    """Close an open conflict with the reason (recorded with who and when, and audited)."""
    now = datetime.now(UTC)
    with connected() as graph, reported_errors():
        caller = Caller(graph, _operator(by))
        resolved = intake_conflicts.resolve_intake_conflict(caller, reference, reason, now)
        AuditLog(settings().audit_log).append(
            AuditEvent(
                operation=Operation.ALTERATION, actor=caller.viewer.user_id, role="admin",
                endpoint="cli:journal conflicts resolve", reason=reason,
                accessed=(Accessed(kind="IntakeConflict", ids=(reference,),
                                   fields=("status", "resolution")),),
            ),
            now=now,
        )  # fmt: skip
    typer.echo(f"{resolved.reference} resolved by {resolved.resolved_by}")
