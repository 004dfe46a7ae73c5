"""``ohch link duplicates`` / ``identities`` / ``people`` / ``reuploads``: the batch linking
jobs. Each shows its progress on standard error (``--no-progress`` to hide it) and ends with a
summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import typer
from tqdm import tqdm

from cli.common import connected, settings
from graph.dedup.relink import link_unlinked
from graph.identity.named_store import link_people_in_graph
from graph.identity.store import link_identities
from graph.removals.reuploads import scan

app = typer.Typer(help="Linking jobs.", no_args_is_help=True)


@app.command()
def duplicates(
    batch_size: int = typer.Option(1000, min=1, max=20_000),
    progress: bool = typer.Option(True, help="Show a progress bar"),
) -> None:
    """Match every report without a content cluster, in arrival order (idempotent)."""
    with connected() as graph, tqdm(unit="report", disable=not progress) as bar:
        count = link_unlinked(graph, batch_size, on_progress=bar.update)
    typer.echo(f"linked {count} reports")


def _pairs_bar(bar: tqdm) -> Callable[[int, int], None]:  # type: ignore[type-arg]
    """A linking run's progress (pairs scored of pairs to score) on ``bar``."""

    def told(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return told


@app.command()
def identities(progress: bool = typer.Option(True, help="Show a progress bar")) -> None:
    """Link accounts into persons from disclosures, names and behaviour (idempotent)."""
    with connected() as graph, tqdm(unit="pair", disable=not progress) as bar:
        result = link_identities(graph, on_progress=_pairs_bar(bar))
    linked = sum(1 for members in result.persons.members.values() if len(members) > 1)
    typer.echo(
        f"{len(result.added)} new judgements; {linked} persons with several accounts; "
        f"{len(result.review_queue)} pairs for analyst review"
    )


@app.command()
def people(progress: bool = typer.Option(True, help="Show a progress bar")) -> None:
    """Resolve people named in reports (victims, reporters, suspects) into persons (idempotent)."""
    with connected() as graph, tqdm(unit="pair", disable=not progress) as bar:
        result = link_people_in_graph(graph, on_progress=_pairs_bar(bar))
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
