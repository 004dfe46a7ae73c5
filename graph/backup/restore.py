"""``restore_backup``: check the backup, load the graph into a stopped server, put the hub's
files back, start the server and count what it holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.backup import hub_files, neo4j_admin
from graph.backup.manifest import BackupError, Manifest
from graph.cypher import load_query
from graph.db import Graph
from graph.local_server import from_settings
from graph.settings import Settings

Say = Callable[[str], None]


@dataclass
class Restored:
    nodes: int | None = None
    relationships: int | None = None
    journal_entries: int = 0
    journal_quarantined: int = 0
    audit_records: int | None = None
    audit_set_aside: Path | None = None
    nim_dirs: list[Path] = field(default_factory=list)
    evidence_files: int = 0  # placed; those already in the store are left


def restore_backup(
    settings: Settings,
    backup: Path,
    *,
    replace: bool = False,
    skip_graph: bool = False,
    nim_dirs: Sequence[Path] | None = None,
    say: Say = lambda _line: None,
) -> Restored:
    """Restore ``backup`` into the hub the settings describe.

    The graph goes into the local server's home; a home that already holds a store is
    replaced only with ``replace`` (the server is stopped for the load and started after). With
    an external Neo4j, ``skip_graph`` restores the files alone and the dump is loaded where
    that Neo4j runs. ``nim_dirs`` puts the export watermarks in other folders than the backed
    up ones (in the backup's order).
    """
    manifest = Manifest.read(backup)
    manifest.check_files(backup)
    if manifest.database != settings.neo4j_database:
        raise BackupError(
            f"the backup holds database {manifest.database!r}, the hub uses "
            f"{settings.neo4j_database!r}"
        )
    targets = _nim_targets(manifest, nim_dirs)
    journal_files = [backup / "journal" / name for name in manifest.journal.get("files", [])]
    result = Restored(
        journal_entries=int(manifest.journal.get("entries", 0)),
        journal_quarantined=int(manifest.journal.get("quarantined", 0)),
    )
    # Refuse before anything changes: the journal's names and the audit log's place.
    if any((settings.journal_dir / f.name).exists() for f in journal_files):
        hub_files.restore_journal(journal_files, settings.journal_dir)  # raises, naming them
    audit_held = settings.audit_log.exists() and settings.audit_log.stat().st_size > 0
    if manifest.audit is not None and audit_held and not replace:
        raise BackupError(
            f"{settings.audit_log} already holds records; restore with --replace to keep "
            "it aside and put the backup's in its place"
        )
    if not skip_graph:
        _restore_graph(settings, backup, manifest, replace, say)
    hub_files.restore_journal(journal_files, settings.journal_dir)
    if manifest.audit is not None:
        source = backup / "audit" / manifest.audit["file"]
        result.audit_set_aside = hub_files.restore_audit(
            source, settings.audit_log, replace=replace
        )
        result.audit_records = int(manifest.audit["records"])
    for entry, target in zip(manifest.nim, targets, strict=True):
        hub_files.restore_nim_state(backup / entry["file"], target, replace=replace)
        result.nim_dirs.append(target)
    if manifest.evidence.get("files"):
        result.evidence_files = hub_files.restore_evidence(
            backup / "evidence", settings.evidence_dir
        )
    if not skip_graph:
        graph = Graph.connect(settings)
        try:
            [counts] = graph.read(load_query("operations/count_graph"))
        finally:
            graph.close()
        result.nodes, result.relationships = counts["nodes"], counts["relationships"]
    return result


def _nim_targets(manifest: Manifest, nim_dirs: Sequence[Path] | None) -> list[Path]:
    if nim_dirs is None or not nim_dirs:
        return [Path(entry["dir"]) for entry in manifest.nim]
    if len(nim_dirs) != len(manifest.nim):
        raise BackupError(
            f"the backup holds {len(manifest.nim)} export folders' watermarks; "
            f"{len(nim_dirs)} folders were named"
        )
    return list(nim_dirs)


def _restore_graph(
    settings: Settings, backup: Path, manifest: Manifest, replace: bool, say: Say
) -> None:
    if manifest.graph is None:
        raise BackupError("the backup holds no graph; restore with --skip-graph")
    if settings.uses_external_neo4j:
        raise BackupError(
            f"Neo4j is external ({settings.bolt_uri}): load {backup / manifest.graph['file']} "
            "with 'neo4j-admin database load' where it runs, then restore with --skip-graph "
            "(OPERATIONS.md)"
        )
    server = from_settings(settings)
    exists = neo4j_admin.store_exists(server, settings.neo4j_database)
    if exists and not replace:
        raise BackupError(
            f"{server.home} already holds a graph; restore with --replace to overwrite it "
            "(or point OHCH_LOCAL_NEO4J_DIR at a new folder)"
        )
    if server.pid() is not None:
        say(server.stop())
    elif server.answers():
        raise BackupError(f"a Neo4j answers at {server.uri} but was not started from {server.home}")
    server.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    neo4j_admin.load(
        server, settings.neo4j_database, (backup / manifest.graph["file"]).parent, overwrite=exists
    )
    say(f"graph loaded into {server.home}")
    say(server.start(timeout=settings.local_neo4j_start_timeout_s))
