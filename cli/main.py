"""The ``ohch`` command: one small module per command group, registered here."""

from __future__ import annotations

from importlib.metadata import version as package_version

import typer

from cli import (
    advice_cmd,
    audit_cmd,
    backup_cmd,
    doctor_cmd,
    evidence_cmd,
    export_cmd,
    ingest_cmd,
    journal_cmd,
    link_cmd,
    neo4j_cmd,
    reference_cmd,
    scheduler_cmd,
    schema_cmd,
    serve_cmd,
    updates_cmd,
)
from graph.durable_files import keep_files_private

app = typer.Typer(
    name="ohch",
    help="The national online hate crime hub: case and intelligence platform.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"ohch {package_version('ohch')}")
        raise typer.Exit()


@app.callback()
def _private(
    _version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        callback=_print_version,
        help="Print the hub's version and exit.",
    ),
) -> None:
    """Everything a command creates (data, journal, exports, audit trail) is its user's alone."""
    keep_files_private()


app.add_typer(neo4j_cmd.app, name="neo4j")
app.add_typer(schema_cmd.app, name="schema")
app.add_typer(reference_cmd.app, name="reference")
app.add_typer(ingest_cmd.app, name="ingest")
app.add_typer(journal_cmd.app, name="journal")
app.add_typer(link_cmd.app, name="link")
app.add_typer(export_cmd.app, name="export")
app.add_typer(audit_cmd.app, name="audit")
app.add_typer(evidence_cmd.app, name="evidence")
app.add_typer(backup_cmd.app, name="backup")
app.add_typer(updates_cmd.app, name="updates")
app.add_typer(advice_cmd.app, name="advice")
app.add_typer(scheduler_cmd.app, name="scheduler")
app.command("doctor")(doctor_cmd.doctor)
app.command("serve")(serve_cmd.serve)
