"""``ohch ingest referrals|drain|disclosures`` and ``ohch ingest withdraw-disclosure ID``."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from tqdm import tqdm

from cli.common import connected, settings
from graph.identity.withdrawals import retract_disclosure
from ingest.bulk import count_records, ingest_file
from ingest.disclosures import ingest_disclosure_file
from ingest.journal import Journal
from ingest.service import replay_entries

app = typer.Typer(help="Bring reports into the hub.", no_args_is_help=True)


@app.command()
def referrals(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A .jsonl or .csv file"),
    rejects: Path | None = typer.Option(None, help="Rejects file (default PATH.rejects.jsonl)"),
    codes_out: Path | None = typer.Option(
        None, help="Issue access codes and append 'reference,source_ref,code' lines here (0600)"
    ),
    batch_size: int = typer.Option(1000, min=1, max=20_000),
    processes: int = typer.Option(
        1, min=0, max=16, help="Helper processes that validate (0: validate in this process)"
    ),
    progress: bool = typer.Option(True, help="Show a progress bar"),
) -> None:
    """Ingest referrals from a file: each valid line exactly once; every rejected line named."""
    rejects = rejects or path.with_name(path.name + ".rejects.jsonl")
    with (
        connected() as graph,
        tqdm(total=count_records(path), unit="referral", disable=not progress) as bar,
    ):

        def advance(count: int) -> None:
            bar.update(count)

        summary = ingest_file(graph, path, rejects, codes_out, batch_size, advance, processes)
    typer.echo(summary.line())
    if summary.rejected:
        typer.echo(f"rejected lines and reasons: {rejects}")


@app.command()
def drain() -> None:
    """Write referrals journalled during a Neo4j outage (the API also does this by itself)."""
    journal = Journal(settings().journal_dir)
    with connected() as graph:
        count = journal.drain(lambda batch: replay_entries(graph, batch))
    typer.echo(f"journal drained: {count} referrals written")


@app.command()
def disclosures(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A .jsonl file"),
    rejects: Path | None = typer.Option(None, help="Rejects file (default PATH.rejects.jsonl)"),
) -> None:
    """Ingest platform disclosures (subscriber data about accounts), one JSON record a line."""
    rejects = rejects or path.with_name(path.name + ".rejects.jsonl")
    with connected() as graph:
        summary = ingest_disclosure_file(graph, path, rejects)
    typer.echo(summary.line())
    if summary.rejected:
        typer.echo(f"rejected lines and reasons: {rejects}")


@app.command("withdraw-disclosure")
def withdraw_disclosure(
    disclosure_id: str = typer.Argument(..., help="The disclosure id (dsc-...)"),
    reason: str = typer.Option(..., help="Why: legal basis withdrawn, disclosed in error, ..."),
    by: str | None = typer.Option(None, help="Who withdraws it (default: the OS user)"),
) -> None:
    """Withdraw a platform disclosure: detach its values and retract what rested on them."""
    with connected() as graph:
        withdrawal = retract_disclosure(graph, disclosure_id, by or getpass.getuser(), reason)
    typer.echo(withdrawal.line())
    for judgement_id in withdrawal.for_review:
        typer.echo(f"for review: {judgement_id}")
