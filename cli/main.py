"""The ``ohch`` command: one small module per command group, registered here."""

from __future__ import annotations

import typer

from cli import ingest_cmd, neo4j_cmd, reference_cmd, schema_cmd, serve_cmd

app = typer.Typer(
    name="ohch",
    help="The national online hate crime hub: case and intelligence platform.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(neo4j_cmd.app, name="neo4j")
app.add_typer(schema_cmd.app, name="schema")
app.add_typer(reference_cmd.app, name="reference")
app.add_typer(ingest_cmd.app, name="ingest")
app.command("serve")(serve_cmd.serve)
