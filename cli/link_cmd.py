"""``ohch link duplicates`` / ``identities`` / ``people`` / ``reuploads``: the batch linking
jobs."""

from __future__ import annotations

from datetime import UTC, datetime

import typer

from cli.common import connected, settings
from graph.dedup.relink import link_unlinked
from graph.identity.named_store import link_people_in_graph
from graph.identity.store import link_identities
from graph.removals.reuploads import scan

app = typer.Typer(help="Linking jobs.", no_args_is_help=True)


@app.command()
def duplicates(batch_size: int = typer.Option(1000, min=1, max=20_000)) -> None:
    """Match every report without a content cluster, in arrival order (idempotent)."""
    with connected() as graph:
        count = link_unlinked(graph, batch_size)
    typer.echo(f"linked {count} reports")


@app.command()
def identities() -> None:
    """Link accounts into persons from disclosures, names and behaviour (idempotent)."""
    with connected() as graph:
        result = link_identities(graph)
    linked = sum(1 for members in result.persons.members.values() if len(members) > 1)
    typer.echo(
        f"{len(result.added)} new judgements; {linked} persons with several accounts; "
        f"{len(result.review_queue)} pairs for analyst review"
    )


@app.command()
def people() -> None:
    """Resolve people named in reports (victims, reporters, suspects) into persons (idempotent)."""
    with connected() as graph:
        result = link_people_in_graph(graph)
    repeat = sum(1 for members in result.persons.members.values() if len(members) > 1)
    typer.echo(
        f"{len(result.added)} new judgements; {repeat} persons named in several reports; "
        f"{len(result.review_queue)} pairs for analyst review"
    )


@app.command()
def reuploads() -> None:
    """Look for removed content that came back (the same post reported again, its text
    re-posted past evasion tricks, or its picture sent again: PDQ within
    OHCH_REUPLOAD_IMAGE_DISTANCE) among content reported since the last run; raise one alert
    per (content, earlier referral) (idempotent)."""
    config = settings()
    with connected(config) as graph:
        raised = scan(graph, datetime.now(UTC), config.reupload_image_distance)
    typer.echo(f"{raised} re-upload alerts raised or already open")
