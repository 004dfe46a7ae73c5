"""``ohch doctor``: one line per check, OK / WARN / FAIL, for the person on call.

Checks, in order: the settings load; Neo4j answers (and its version); the schema files'
constraints and indexes exist and are online; no data upgrade has work left; the reference data
is this version's; the intake journal's backlog; the virus scanner (clamd's version and its
signatures' date, or why there is none, and the policy for files it cannot scan); the audit
trail's hash chain; free disk where the hub writes. Exits 1 if any check fails. The checks
after Neo4j's are skipped when it does not answer (its line fails already).
"""

from __future__ import annotations

import enum
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import typer
from pydantic import ValidationError

from graph import schema
from graph.attachments.clamd import ClamdError, Scanner
from graph.attachments.scanning import ScannerVersion, Unscanned
from graph.audit.log import AuditLog
from graph.cypher import load_query, schema_statements
from graph.db import Graph
from graph.errors import GraphUnavailable, OhchError
from graph.reference.loader import reference_state
from graph.settings import Environment, Settings, load_settings
from graph.validation import problems_of
from ingest.journal import Journal

MB = 1 << 20
_SCHEMA_NAME = re.compile(
    r"^CREATE\s+(?:CONSTRAINT|(?:(?:RANGE|TEXT|POINT|FULLTEXT|VECTOR)\s+)?INDEX)\s+(\w+)"
    r"\s+IF NOT EXISTS",
    re.I,
)


class Status(enum.StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: Status
    detail: str

    def __str__(self) -> str:
        return f"{self.status.value:<4} {self.name}: {self.detail}"


def check_settings(load: Callable[[], Settings] = load_settings) -> tuple[Check, Settings | None]:
    try:
        config = load()
    except ValidationError as exc:
        # Never the values themselves: one of them may be a password.
        details = exc.errors(include_input=False, include_url=False)
        problems = "; ".join(str(p) for p in problems_of(details, root="settings"))
        return Check("settings", Status.FAIL, problems), None
    where = "external" if config.uses_external_neo4j else "local"
    return Check(
        "settings", Status.OK, f"{config.env.value}; Neo4j {config.bolt_uri} ({where})"
    ), config


def check_neo4j(graph: Graph, config: Settings) -> Check:
    try:
        graph.verify()
        [component] = graph.read(load_query("operations/neo4j_version"))
    except GraphUnavailable as exc:
        return Check("neo4j", Status.FAIL, f"not answering at {config.bolt_uri}: {exc}")
    version = f"{component['name']} {component['version']} {component['edition']}"
    if not str(component["version"]).startswith("5."):
        return Check("neo4j", Status.WARN, f"{version} at {config.bolt_uri}: the hub targets 5.26")
    return Check("neo4j", Status.OK, f"{version} at {config.bolt_uri}")


def expected_schema_names() -> list[str]:
    """The name of every constraint and index the schema files create."""
    names = []
    for _file, statement in schema_statements():
        if match := _SCHEMA_NAME.match(statement):
            names.append(match[1])
    return names


def check_schema(graph: Graph) -> Check:
    states = {row["name"]: row["state"] for row in graph.read(load_query("admin/index_states"))}
    expected = expected_schema_names()
    missing = [name for name in expected if name not in states]
    if missing:
        detail = f"missing {', '.join(missing)} (ohch schema apply, or start the API)"
        return Check("schema", Status.FAIL, detail)
    failed = [name for name in expected if states[name] == "FAILED"]
    if failed:
        return Check("schema", Status.FAIL, f"indexes FAILED: {', '.join(failed)}")
    building = [name for name in expected if states[name] != "ONLINE"]
    if building:
        return Check("schema", Status.WARN, f"indexes still populating: {', '.join(building)}")
    return Check("schema", Status.OK, f"{len(expected)} constraints and indexes online")


def check_upgrades(graph: Graph) -> Check:
    [row] = graph.read(load_query("admin/pending_upgrades"))
    if row["pending"]:
        return Check(
            "upgrades",
            Status.FAIL,
            f"not applied: {', '.join(row['pending'])} (ohch schema apply, or start the API)",
        )
    if not schema.is_current(graph):
        # Every upgrade has run, but not this version's full apply: scheduled jobs wait for it.
        return Check(
            "upgrades",
            Status.WARN,
            "the graph is not marked prepared for this version; scheduled jobs wait "
            "(ohch schema apply, or start the API)",
        )
    return Check("upgrades", Status.OK, "every data upgrade applied")


def check_reference(graph: Graph) -> Check:
    state = reference_state(graph)
    if state.forces != state.expected_forces or state.districts != state.expected_districts:
        return Check(
            "reference data",
            Status.FAIL,
            f"{state} (assignments link no force: ohch reference load, or start the API)",
        )
    if not state.current:
        return Check("reference data", Status.WARN, f"{state} (ohch reference load)")
    return Check("reference data", Status.OK, str(state))


def check_journal(config: Settings) -> Check:
    try:
        backlog = Journal(config.journal_dir).backlog()
    except (OSError, ValueError) as exc:
        return Check("journal", Status.FAIL, f"{config.journal_dir} unreadable: {exc}")
    if backlog:
        return Check(
            "journal",
            Status.WARN,
            f"{backlog} referrals waiting in {config.journal_dir} (the API replays them while "
            "Neo4j answers; ohch ingest drain)",
        )
    return Check("journal", Status.OK, f"empty ({config.journal_dir})")


def check_audit(config: Settings) -> Check:
    if not config.audit_log.exists():
        return Check("audit log", Status.OK, f"no records yet ({config.audit_log})")
    try:
        result = AuditLog(config.audit_log).verify()
    except OSError as exc:
        return Check("audit log", Status.FAIL, f"{config.audit_log} unreadable: {exc}")
    if not result.ok:
        return Check("audit log", Status.FAIL, f"{result} (OPERATIONS.md, 'The audit trail')")
    return Check("audit log", Status.OK, str(result))


SIGNATURES_STALE_AFTER = timedelta(days=3)  # freshclam updates several times a day
_POLICY_WORDS = {
    Unscanned.HOLD: "held (kept, not handed over until a rescan finds them clean)",
    Unscanned.REFUSE: "refused (the sender is asked to send them again later)",
    Unscanned.ACCEPT: "accepted and handed over unscanned",
}


def check_scanner(config: Settings, now: datetime | None = None) -> Check:
    """The virus scanner evidence files pass through, and the policy for those it cannot
    scan (docs/OPERATIONS.md, "Virus scanning of evidence files")."""
    scanner = Scanner.of(config)
    policy = (
        f"files that cannot be scanned are {_POLICY_WORDS[scanner.policy]} "
        f"(OHCH_EVIDENCE_UNSCANNED={scanner.policy.value})"
    )
    if scanner.clamd is None:
        production = config.env is Environment.PRODUCTION
        status = Status.FAIL if production else Status.OK
        if not production and scanner.policy is not Unscanned.ACCEPT:
            status = Status.WARN
        return Check("virus scanner", status, f"not configured (OHCH_CLAMD unset); {policy}")
    try:
        version = scanner.clamd.version()
    except ClamdError as error:
        return Check("virus scanner", Status.FAIL, f"{error}; {policy}")
    detail = f"clamd at {scanner.clamd.address} answers: {version}; {policy}"
    return Check("virus scanner", signatures_status(version, now or datetime.now(UTC)), detail)


def signatures_status(version: ScannerVersion, now: datetime) -> Status:
    """OK while clamd's signatures are recent; WARN when they are stale (freshclam, or the
    internal mirror, is not updating them) or clamd does not say their date."""
    if version.signatures_at is None:
        return Status.WARN
    age = now.replace(tzinfo=None) - version.signatures_at
    return Status.WARN if age > SIGNATURES_STALE_AFTER else Status.OK


def _existing(path: Path) -> Path:
    path = path.resolve()
    while not path.exists():
        path = path.parent
    return path


def check_disk(paths: Iterable[Path], fail_below_mb: int, warn_below_mb: int) -> list[Check]:
    """Free space on each file system the hub writes to (one line per file system)."""
    by_device: dict[int, list[Path]] = {}
    for path in paths:
        found = _existing(path)
        by_device.setdefault(os.stat(found).st_dev, []).append(path)
    checks = []
    for folders in by_device.values():
        usage = shutil.disk_usage(_existing(folders[0]))
        free_mb = usage.free // MB
        detail = f"{free_mb} MB free of {usage.total // MB} MB for " + ", ".join(
            str(f) for f in folders
        )
        status = (
            Status.FAIL
            if free_mb < fail_below_mb
            else Status.WARN
            if free_mb < warn_below_mb
            else Status.OK
        )
        checks.append(Check("disk", status, detail))
    return checks


def run_checks(
    load: Callable[[], Settings] = load_settings,
    extra_paths: Iterable[Path] = (),
    fail_below_mb: int = 1024,
    warn_below_mb: int = 10240,
) -> list[Check]:
    settings_check, config = check_settings(load)
    checks = [settings_check]
    if config is None:
        return checks
    graph = Graph.connect(config)
    try:
        neo4j = check_neo4j(graph, config)
        checks.append(neo4j)
        if neo4j.status is not Status.FAIL:
            for check in (check_schema, check_upgrades, check_reference):
                try:
                    checks.append(check(graph))
                except OhchError as exc:
                    name = check.__name__.removeprefix("check_")
                    checks.append(Check(name, Status.FAIL, str(exc)))
    finally:
        graph.close()
    checks.append(check_journal(config))
    checks.append(check_scanner(config))
    checks.append(check_audit(config))
    paths = [config.journal_dir, config.audit_log.parent, *extra_paths]
    if not config.uses_external_neo4j:
        paths.append(config.local_neo4j_dir)
    checks.extend(check_disk(paths, fail_below_mb, warn_below_mb))
    return checks


def doctor(
    path: list[Path] = typer.Option(
        [], "--path", help="Another folder the hub writes (NIM exports, backups); repeatable"
    ),
    fail_below_mb: int = typer.Option(1024, help="FAIL when a data folder has less free (MB)"),
    warn_below_mb: int = typer.Option(10240, help="WARN when a data folder has less free (MB)"),
) -> None:
    """Check this hub for the person on call: one line a check, exit 1 on any FAIL."""
    checks = run_checks(extra_paths=path, fail_below_mb=fail_below_mb, warn_below_mb=warn_below_mb)
    for check in checks:
        typer.echo(str(check))
    if any(check.status is Status.FAIL for check in checks):
        raise typer.Exit(code=1)
