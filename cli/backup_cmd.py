"""``ohch backup create|restore``: everything a hub holds that cannot be made again.

See ``graph/backup/`` for what a backup holds and why it is consistent, and
``docs/OPERATIONS.md`` ("Backup and restore") for the run book.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer

from cli.common import reported_errors, settings
from graph.backup import create_backup, restore_backup

app = typer.Typer(help="Backup and restore.", no_args_is_help=True)


def _say(line: str) -> None:
    typer.echo(line, err=True)


def _journal(entries: int, quarantined: int) -> str:
    """``3 entries``, or ``3 entries and 1 quarantined line`` (kept aside, never replayed)."""
    kept = (
        f" and {quarantined} quarantined line{'s' if quarantined != 1 else ''}"
        if quarantined
        else ""
    )
    return f"{entries} entries{kept}"


@app.command()
def create(
    out: Path = typer.Option(..., help="A new (or empty) folder for the backup"),
    nim_out: list[Path] = typer.Option(
        [], "--nim-out", help="A NIM export folder whose watermarks to keep (repeatable)"
    ),
    graph_dump: Path | None = typer.Option(
        None,
        help="With an external Neo4j (NEO4J_URI): the dump neo4j-admin made where it runs",
    ),
) -> None:
    """Back up the graph (offline dump: the local Neo4j is stopped for it and started again),
    the intake journal, the audit trail and NIM export watermarks."""
    began = time.monotonic()
    with reported_errors():
        manifest = create_backup(settings(), out, nim_dirs=nim_out, graph_dump=graph_dump, say=_say)
    size = sum(int(f["bytes"]) for f in manifest.files.values())
    audit = manifest.audit or {}
    journal = manifest.journal
    typer.echo(
        f"backup in {out}: {len(manifest.files)} files, {size} bytes; "
        f"journal {_journal(journal.get('entries', 0), journal.get('quarantined', 0))}; "
        f"audit {audit.get('records', 0)} records"
        + ("" if audit.get("intact", True) else " (BROKEN: see manifest.json)")
        + f"; {len(manifest.nim)} export watermark files; "
        f"{manifest.evidence.get('files', 0)} evidence files; {time.monotonic() - began:.1f}s"
    )


@app.command()
def restore(
    backup: Path = typer.Argument(..., help="A folder made by 'ohch backup create'"),
    replace: bool = typer.Option(
        False,
        help="Overwrite an existing graph and export watermarks; an existing audit log is "
        "kept aside (audit.jsonl.replaced-TIME), never deleted",
    ),
    skip_graph: bool = typer.Option(
        False, help="Restore the files only (the dump is loaded where an external Neo4j runs)"
    ),
    nim_out: list[Path] = typer.Option(
        [], "--nim-out", help="Put export watermarks here instead (one per backed-up folder)"
    ),
) -> None:
    """Restore a backup into this hub: checks every file's hash first, loads the graph into the
    local Neo4j (stopped for it, started after) and puts the hub's files back."""
    began = time.monotonic()
    with reported_errors():
        result = restore_backup(
            settings(), backup, replace=replace, skip_graph=skip_graph, nim_dirs=nim_out, say=_say
        )
    graph = (
        "graph not restored (--skip-graph)"
        if result.nodes is None
        else f"graph {result.nodes} nodes, {result.relationships} relationships"
    )
    aside = f"; the audit log found was kept as {result.audit_set_aside}"
    typer.echo(
        f"restored from {backup}: {graph}; "
        f"journal {_journal(result.journal_entries, result.journal_quarantined)} "
        f"(the API replays the entries); audit {result.audit_records or 0} records"
        + (aside if result.audit_set_aside else "")
        + f"; {len(result.nim_dirs)} export watermark files; "
        f"{result.evidence_files} evidence files placed; {time.monotonic() - began:.1f}s"
    )
