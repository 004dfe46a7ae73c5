"""``ohch audit verify|export|search``: the audit trail (DPA 2018 s62), checked, handed to the
Information Commissioner, and searched by supervisors.

Each command takes ``--log PATH`` (default: the ``OHCH_AUDIT_LOG`` setting). Exporting and
searching read personal data, so each is itself logged: an export as a disclosure to its
recipient, a search as a consultation.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from cli.common import moment, reported_errors, settings
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, AuditRecord, Operation
from graph.viewer import Role

app = typer.Typer(help="The audit trail (DPA 2018 s62).", no_args_is_help=True)

LOG_HELP = "The audit log (default: OHCH_AUDIT_LOG)"
ICO = "Information Commissioner's Office"


def _log(path: Path | None) -> AuditLog:
    return AuditLog(path if path is not None else settings().audit_log)


def _cli_event(
    operation: Operation,
    actor: str,
    command: str,
    accessed: Accessed,
    details: dict[str, str | int | None],
    recipients: tuple[str, ...] = (),
) -> AuditEvent:
    return AuditEvent(
        operation=operation,
        actor=actor,
        role=Role.ADMIN,
        endpoint=f"cli:audit {command}",
        accessed=(accessed,),
        recipients=recipients,
        details=details,
    )


@app.command()
def verify(log: Path | None = typer.Option(None, help=LOG_HELP)) -> None:
    """Check the whole chain: exit 0 if intact, 1 naming the first bad line."""
    result = _log(log).verify()
    if not result.ok:
        typer.secho(str(result), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)
    typer.echo(str(result))


@app.command()
def export(
    since: str = typer.Option(..., help="From (ISO 8601, inclusive)"),
    until: str = typer.Option(..., help="To (ISO 8601, exclusive)"),
    out: Path = typer.Option(..., help="New JSON Lines file (manifest: OUT.manifest.json)"),
    recipient: str = typer.Option(ICO, help="Who receives the export"),
    actor: str = typer.Option(getpass.getuser(), help="Who exports (for the audit trail)"),
    log: Path | None = typer.Option(None, help=LOG_HELP),
) -> None:
    """Write a period's records, exactly as logged, for the Information Commissioner."""
    start, end = moment(since, "--since"), moment(until, "--until")
    if start is None or end is None or start >= end:
        raise typer.BadParameter("must be after --since", param_hint="--until")
    audit = _log(log)
    with reported_errors():
        manifest = audit.export(out, start, end)
        details = {
            "records": manifest["records"],
            "first_seq": manifest["first_seq"],
            "last_seq": manifest["last_seq"],
            "period_since": manifest["period"]["since"],
            "period_until": manifest["period"]["until"],
            "sha256": manifest["file"]["sha256"],
        }
        event = _cli_event(
            Operation.DISCLOSURE,
            actor,
            "export",
            Accessed(kind="audit", ids=(out.name,)),
            details,
            recipients=(recipient,),
        )
        audit.append(event)
    typer.echo(
        f"exported {manifest['records']} records (seq {manifest['first_seq']}.."
        f"{manifest['last_seq']}, last hash {manifest['last_hash']}) to {out}; "
        f"manifest {out.name}.manifest.json"
    )


def _line(record: AuditRecord) -> str:
    force = f", {record.force_code}" if record.force_code else ""
    who = f"{record.actor} ({record.role}{force})"
    what = "; ".join(f"{a.kind} {','.join(a.ids)}" for a in record.accessed)
    to = f" -> {', '.join(record.recipients)}" if record.recipients else ""
    when = record.logged_at.isoformat().replace("+00:00", "Z")
    return f"{record.seq}\t{when}\t{record.operation}\t{who}\t{record.endpoint}\t{what}{to}"


@app.command()
def search(
    entity: str | None = typer.Option(None, help="Records that touched this id"),
    user: str | None = typer.Option(None, "--actor", help="Records of this user"),
    since: str | None = typer.Option(None, help="From (ISO 8601, inclusive)"),
    until: str | None = typer.Option(None, help="To (ISO 8601, exclusive)"),
    operation: Operation | None = typer.Option(None, help="Only this operation"),
    limit: int = typer.Option(1000, min=1, help="At most this many records, oldest first"),
    log: Path | None = typer.Option(None, help=LOG_HELP),
    actor: str = typer.Option(getpass.getuser(), "--by", help="Who searches (for the trail)"),
) -> None:
    """Who consulted this victim, report or account; what did this user see: one record a line
    (seq, time, operation, who, endpoint, what, recipients)."""
    if entity is None and user is None:
        raise typer.BadParameter("give --entity or --actor (or both)")
    audit = _log(log)
    with reported_errors():
        found = audit.search(
            entity_id=entity,
            actor=user,
            since=moment(since, "--since"),
            until=moment(until, "--until"),
            operation=operation,
            limit=limit,
        )
        asked: dict[str, str | int | None] = {"since": since, "until": until}
        searched = tuple(i for i in (entity, user) if i is not None)
        event = _cli_event(
            Operation.CONSULTATION,
            actor,
            "search",
            Accessed(kind="audit", ids=searched),
            {**asked, "results": len(found)},
        )
        audit.append(event)
    for record in found:
        typer.echo(_line(record))
    typer.echo(f"matching records: {len(found)}")
