"""``create_backup``: the graph (offline dump), then the hub's files, then the manifest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path

from graph.backup import hub_files, neo4j_admin
from graph.backup.manifest import BackupError, Manifest
from graph.local_server import LocalServer, from_settings
from graph.settings import Settings

Say = Callable[[str], None]


def _fresh_folder(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} exists and is not an empty folder; name a new one")
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    out.chmod(0o700)


def create_backup(
    settings: Settings,
    out: Path,
    *,
    nim_dirs: Sequence[Path] = (),
    graph_dump: Path | None = None,
    say: Say = lambda _line: None,
) -> Manifest:
    """Back the hub up into the new folder ``out``.

    The graph is the local server's store, dumped while the server is stopped (it is stopped
    for the dump if it runs, and started again after the hub's files are copied); with an
    external Neo4j (``NEO4J_URI``) pass ``graph_dump``, a dump made by ``neo4j-admin database
    dump`` where that Neo4j runs (``docs/OPERATIONS.md``).
    """
    server = None if settings.uses_external_neo4j else from_settings(settings)
    if server is None and graph_dump is None:
        raise BackupError(
            f"Neo4j is external ({settings.bolt_uri}): dump it where it runs with "
            "'neo4j-admin database dump' and pass the file with --graph-dump (OPERATIONS.md)"
        )
    if graph_dump is not None and not graph_dump.is_file():
        raise BackupError(f"no dump file at {graph_dump}")
    _fresh_folder(out)
    manifest = Manifest(
        created_at=datetime.now(UTC).isoformat(),
        ohch_version=package_version("ohch"),
        neo4j_version=None,
        database=settings.neo4j_database,
        graph=None,
        journal={},
        audit=None,
    )
    graph_dir = out / "graph"
    restart = False
    try:
        if graph_dump is not None:
            hub_files.copy_file(graph_dump, graph_dir / f"{settings.neo4j_database}.dump")
            manifest.graph = {
                "method": "neo4j-admin database dump (given)",
                "source": str(graph_dump),
            }
        else:
            assert server is not None
            restart = _stop_for_dump(server, say)
            manifest.neo4j_version = neo4j_admin.version(server)
            neo4j_admin.dump(server, settings.neo4j_database, graph_dir)
            manifest.graph = {"method": "neo4j-admin database dump (offline)"}
        manifest.graph["file"] = f"graph/{settings.neo4j_database}.dump"
        dumped = graph_dir / f"{settings.neo4j_database}.dump"
        say(f"graph dumped ({dumped.stat().st_size} bytes)")
        _copy_hub_files(settings, out, nim_dirs, manifest)
    finally:
        if restart:
            assert server is not None
            say(server.start(timeout=settings.local_neo4j_start_timeout_s))
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        manifest.add_file(out, path)
    hub_files.tree_private(out)
    manifest.write(out)
    return manifest


def _stop_for_dump(server: LocalServer, say: Say) -> bool:
    """Stop the local server if it runs; whether it did (and so is started again after)."""
    if server.pid() is None:
        if server.answers():
            raise BackupError(
                f"a Neo4j answers at {server.uri} but was not started from {server.home}: "
                "stop it, or back it up where it runs"
            )
        return False
    say(server.stop())
    if server.pid() is not None:
        raise BackupError("the local Neo4j did not stop; nothing was dumped")
    return True


def _copy_hub_files(
    settings: Settings, out: Path, nim_dirs: Sequence[Path], manifest: Manifest
) -> None:
    journal = hub_files.copy_journal(settings.journal_dir, out / "journal")
    manifest.journal = {"files": [p.name for p in journal], **hub_files.journal_counts(journal)}
    audit = hub_files.copy_audit(settings.audit_log, out / "audit")
    manifest.audit = None if audit is None else audit[1]
    manifest.evidence = {"files": hub_files.copy_evidence(settings.evidence_dir, out / "evidence")}
    for number, nim_dir in enumerate(nim_dirs):
        state = hub_files.copy_nim_state(nim_dir, out / "nim" / str(number))
        if state is not None:
            manifest.nim.append(
                {"dir": str(nim_dir.resolve()), "file": state.relative_to(out).as_posix()}
            )
