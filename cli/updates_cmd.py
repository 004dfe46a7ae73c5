"""``ohch updates``: complainant updates (docs/UPDATES.md): find the messages case events make
due and deliver them; the outbox; what hub staff record for updates."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

import typer

from cli.common import connected, moment, operator, reported_errors, settings
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.updates import store
from graph.updates.channels import Channel, SmtpChannel, smtp_config
from graph.updates.delivery import LIMIT, deliver
from graph.updates.events import ChannelKind
from graph.updates.planning import find_due
from graph.updates.store import OutboxView
from graph.updates.templates import Language, reason_library
from services import updates
from services.use_case import Caller

app = typer.Typer(help="Complainant updates: the outbox and its delivery.", no_args_is_help=True)


def _channels() -> dict[ChannelKind, Channel]:
    """The channels this deployment has: email when OHCH_SMTP_HOST is set. (GOV.UK Notify, for
    email and text messages, plugs in here: docs/UPDATES.md.)"""
    config = smtp_config(settings())
    return {ChannelKind.EMAIL: SmtpChannel(config)} if config is not None else {}


@app.command("run")
def run_updates(
    now: str | None = typer.Option(None, help="The time to run as (ISO 8601; default: now)"),
    limit: int = typer.Option(LIMIT, min=1, help="Most messages delivered in this run"),
    find_only: bool = typer.Option(False, help="Put due messages in the outbox; send none"),
) -> None:
    """Find the messages case events make due, then deliver the pending ones. Safe to repeat
    (one message per recipient and event, never sent twice); schedule it from cron or a
    systemd timer."""
    with connected() as graph, reported_errors():
        at = moment(now, "--now") or datetime.now(UTC)
        channels = {} if find_only else _channels()
        found = find_due(graph, at)
        typer.echo(f"found: {found.cases} cases with contactable people, {found.new} new messages")
        if find_only:
            return
        if not channels:
            typer.echo("delivery: no channel configured (set OHCH_SMTP_HOST): nothing sent")
        done = deliver(graph, channels, AuditLog(settings().audit_log), at, limit=limit)
    typer.echo(
        f"delivered: {done.sent} sent, {done.retrying} to retry, {done.failed} failed, "
        f"{done.cancelled} cancelled, {done.deferred} deferred, "
        f"{done.interrupted} interrupted claims marked failed"
    )
    for error in done.errors:
        typer.secho(f"  {error}", fg=typer.colors.YELLOW, err=True)


@app.command()
def outbox(
    view: OutboxView = typer.Option(OutboxView.DUE, help="Which messages"),
    case: str | None = typer.Option(None, help="Only this case's messages"),
    first: int = typer.Option(50, min=1, max=500),
) -> None:
    """List the outbox (no contact details: reference, role, event, deadline, state)."""
    with connected() as graph, reported_errors():
        now = datetime.now(UTC)
        items, more = store.outbox(graph, view, now, case_id=case, first=first)
    for m in items:
        late = " OVERDUE" if m.overdue(now) else ""
        error = f" last error: {m.last_error}" if m.last_error else ""
        typer.echo(
            f"{m.id} {m.reference} {m.recipient_role} {m.event_kind} due {m.due_at.isoformat()}"
            f" {m.status.value} attempts {m.attempts}{late}{error}"
        )
    if more:
        typer.echo("... more: narrow with --case or raise --first")


@app.command()
def retry(
    message_id: str = typer.Argument(..., help="The failed message's id (update:...)"),
    by: str = typer.Option(getpass.getuser(), help="Who retries it"),
) -> None:
    """Send a failed message again, once you have checked why it failed."""
    with connected() as graph, reported_errors():
        store.requeue(graph, message_id, by, datetime.now(UTC))
    typer.echo(f"{message_id}: pending; the next `ohch updates run` sends it")


@app.command()
def language(
    reference: str = typer.Argument(..., help="The report's hub reference"),
    choice: Language = typer.Argument(..., help="en (English) or cy (Welsh)"),
    by: str = typer.Option(getpass.getuser(), help="Who records the choice"),
) -> None:
    """Record the language a complainant chose for their updates."""
    with connected() as graph, reported_errors():
        now = datetime.now(UTC)
        person = store.record_preference(graph, reference, choice, by, now)
        AuditLog(settings().audit_log).append(
            AuditEvent(
                operation=Operation.ALTERATION, actor=by, role="admin",
                endpoint="cli:updates language",
                accessed=(Accessed(kind="Reporter", ids=(reference,), fields=("language",)),),
            ),
            now=now,
        )  # fmt: skip
    typer.echo(f"{reference}: updates in {choice.value} for {person}")


@app.command("no-enforcement")
def no_enforcement(
    case_id: str = typer.Argument(..., help="The case id"),
    reason: str = typer.Argument(..., help="A reason code (`ohch updates reasons`)"),
    by: str = typer.Option(getpass.getuser(), help="Who records it"),
    note: str | None = typer.Option(None, help="A note for the record (never sent)"),
) -> None:
    """Record that no enforcement action is possible on a case; its complainants are told why,
    in the reviewed words of the reason library."""
    now = datetime.now(UTC)
    with connected() as graph, reported_errors():
        caller = Caller(graph, operator(by))
        chosen = updates.record_no_enforcement(caller, case_id, reason, note, now)
        AuditLog(settings().audit_log).append(
            AuditEvent(
                operation=Operation.ALTERATION, actor=caller.viewer.user_id, role="admin",
                endpoint="cli:updates no-enforcement",
                accessed=(Accessed(kind="Case", ids=(case_id,), fields=("no_enforcement",)),),
            ),
            now=now,
        )  # fmt: skip
    typer.echo(f"{case_id}: no enforcement possible: {chosen.title}")
    if not chosen.approved:
        typer.secho(f"warning: the wording of {reason!r} is not signed off yet", err=True)


@app.command()
def reasons() -> None:
    """The reasons a complainant may be given when no enforcement action is possible."""
    for code, reason in reason_library().reason.items():
        state = f"approved by {reason.approved_by} on {reason.approved_on}"
        typer.echo(f"{code}: {reason.title} ({state if reason.approved else 'draft wording'})")
