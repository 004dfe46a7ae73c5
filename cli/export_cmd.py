"""``ohch export duplicates``: machine-readable exports for checking and for other systems."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import orjson
import typer
from tqdm import tqdm

from cli.common import connected, moment, reported_errors, settings
from cli.statistics_cmd import statistics
from graph.audit.log import AuditLog
from graph.dedup.export import write_duplicates
from graph.identity.store import account_persons
from graph.intel.destinations import destination as find_destination
from graph.intel.from_case import items_in_period
from graph.intel.nim_export import export_nim, next_period
from graph.intel.sanitise import sanitise_all
from graph.removals.channels import channel_for
from graph.removals.sending import send_pack

app = typer.Typer(help="Exports.", no_args_is_help=True)
app.command("statistics")(statistics)


@app.command()
def duplicates() -> None:
    """Print one JSON object: every report's source_ref -> the id of its content cluster."""
    with connected() as graph:
        write_duplicates(graph, sys.stdout)


@app.command()
def identities() -> None:
    """Print one JSON object: every account ("platform|handle") -> the id of its person."""
    with connected() as graph:
        sys.stdout.write("{")
        for n, (key, person) in enumerate(account_persons(graph)):
            sys.stdout.write(("," if n else "") + orjson.dumps(key).decode() + ":")
            sys.stdout.write(orjson.dumps(person).decode())
        sys.stdout.write("}\n")


T = TypeVar("T")


def _counted(items: Iterable[T], bar: tqdm) -> Iterator[T]:  # type: ignore[type-arg]
    for item in items:
        bar.update(1)
        yield item


@app.command()
def nim(
    out: Path = typer.Option(..., help="Export folder (watermarks are kept there)"),
    destination: str = typer.Option("pnd", help="Destination id (graph/intel/data/...toml)"),
    since: str | None = typer.Option(None, help="Watermark (ISO 8601); default: the last one"),
    until: str | None = typer.Option(None, help="End of the period (default: now)"),
    actor: str = typer.Option(getpass.getuser(), help="Who exports (for the audit trail)"),
    progress: bool = typer.Option(True, help="Show the items read as they are written"),
) -> None:
    """Export graded intelligence for the National Intelligence Model: JSON Lines, CSV per
    entity type and a manifest of SHA-256 hashes; incremental, idempotent, resumable.
    Schedule it from cron or a systemd timer (docs/OPERATIONS.md)."""
    with (
        connected() as graph,
        reported_errors(),
        tqdm(unit="item", disable=not progress) as bar,
    ):
        target = find_destination(destination)
        end = moment(until, "--until") or datetime.now(UTC)
        period = next_period(out, target.id, until=end, since=moment(since, "--since"))
        read = items_in_period(graph, period.since, period.until)
        result = export_nim(
            sanitise_all(_counted(read, bar)),
            period=period,
            destination=target,
            out_dir=out,
            actor=actor,
            audit_log=AuditLog(settings().audit_log),
        )
    counts = result.counts
    state = "already exported (identical)" if result.already_existed else "written"
    typer.echo(
        f"{state}: {result.export_dir} - {counts.items_exported} items, "
        f"{counts.items_withheld_handling_c} withheld (handling code C), "
        f"manifest sha256 {result.manifest_sha256}"
    )


@app.command()
def referrals(
    platform: str = typer.Option(..., help="Platform id (graph/reference/data/platforms.toml)"),
    out: Path = typer.Option(..., help="Folder the packs are written under"),
    pack: str | None = typer.Option(None, help="Write this pack again instead of a new one"),
    actor: str = typer.Option(getpass.getuser(), help="Who sends (for the audit trail)"),
) -> None:
    """Send a platform's approved removal referrals as one pack: JSON Lines and CSV (as the
    platform's terms say) and a manifest of SHA-256 hashes under OUT/PLATFORM/PACK-ID. Each
    referral is marked sent with the time its answer is due; the pack is logged in the audit
    trail as a disclosure to the platform. A platform with an API endpoint
    (OHCH_PLATFORM_API_ENDPOINTS) is sent the pack, and its tickets acknowledge the referrals;
    others have the folder handed over through their law-enforcement channel."""
    config = settings()
    tokens = {k: v.get_secret_value() for k, v in config.platform_api_tokens.items()}
    channel = channel_for(platform, config.platform_api_endpoints, tokens)
    with connected() as graph, reported_errors():
        sent = send_pack(
            graph, platform, out, actor, datetime.now(UTC), AuditLog(config.audit_log), pack,
            channel,
        )  # fmt: skip
    if sent is None:
        typer.echo(f"nothing approved for {platform}: no pack written")
        return
    state = "written again (identical)" if sent.pack.already_existed else "written"
    typer.echo(
        f"{state}: {sent.pack.folder} - {sent.pack.count} referrals, manifest sha256 "
        f"{sent.pack.manifest_sha256}; {sent.delivery.note}"
    )
