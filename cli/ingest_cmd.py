"""``ohch ingest referrals|drain|disclosures`` and ``ohch ingest withdraw-disclosure ID``.

``ohch ingest referrals`` exits 0 when every line went in (accepted or already present), and
:data:`EXIT_REJECTED` (3) when lines were rejected: the rest of the file went in, and the
rejects file names each line and why. A failure before or during the run (Neo4j unreachable)
exits 1 with a message, never a traceback; 2 is a usage error (typer's).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from tqdm import tqdm

from cli.common import connected, settings
from graph.errors import OhchError
from graph.identity.withdrawals import retract_disclosure
from ingest.bulk import Summary, ingest_file
from ingest.bulk_read import count_lines
from ingest.disclosures import ingest_disclosure_file
from ingest.journal import Journal
from ingest.service import replay_entries

app = typer.Typer(help="Bring reports into the hub.", no_args_is_help=True)

EXIT_REJECTED = 3  # some lines were rejected; the others went in


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
    """Ingest referrals from a file: each valid line exactly once; every rejected line named.
    Exits 3 when lines were rejected (the rest went in), 1 on a failure, 0 otherwise."""
    rejects = rejects or path.with_name(path.name + ".rejects.jsonl")
    warnings = path.with_name(path.name + ".warnings.jsonl")
    with (
        _plain_errors(),
        connected() as graph,
        tqdm(total=count_lines(path), unit="line", disable=not progress) as bar,
    ):

        def advance(count: int) -> None:
            bar.update(count)

        summary = ingest_file(
            graph,
            path,
            rejects,
            codes_out,
            batch_size,
            advance,
            processes,
            warnings_path=warnings,
            earliest=settings().earliest_report_date,
        )
    _report(summary, rejects, warnings)
    if summary.rejected:
        raise typer.Exit(code=EXIT_REJECTED)


@contextmanager
def _plain_errors() -> Iterator[None]:
    """A failure the run cannot go on from (a file it cannot write, a fault in the hub) is
    one line and exit 1, not a traceback; the rerun is safe (intake is idempotent)."""
    try:
        yield
    except (typer.Exit, OhchError):
        raise
    except Exception as error:
        typer.secho(f"error: {error!r}; rerunning the file is safe", fg="red", err=True)
        raise typer.Exit(code=1) from error


def _report(summary: Summary, rejects: Path, warnings: Path) -> None:
    typer.echo(summary.line())
    typer.echo(f"read as {summary.encoding.describe()}")
    if summary.with_unverified:
        typer.echo(f"unverified details kept, by field: {summary.unverified_line()}")
    if summary.with_unverified or summary.dates_corrected:
        typer.echo(f"referrals with unverified details or corrected dates and why: {warnings}")
    if summary.rejected:
        typer.echo(f"rejected lines and reasons: {rejects}")


@app.command()
def drain() -> None:
    """Write referrals journalled during a Neo4j outage (the API also does this by itself)."""
    journal = Journal(settings().journal_dir)
    with connected() as graph:
        count = journal.drain(lambda batch: replay_entries(graph, batch))
    typer.echo(f"journal drained: {count:,} referrals written")


@app.command()
def disclosures(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A .jsonl file"),
    rejects: Path | None = typer.Option(None, help="Rejects file (default PATH.rejects.jsonl)"),
    progress: bool = typer.Option(True, help="Show a progress bar"),
) -> None:
    """Ingest platform disclosures (subscriber data about accounts), one JSON record a line."""
    rejects = rejects or path.with_name(path.name + ".rejects.jsonl")
    with (
        connected() as graph,
        tqdm(total=count_lines(path), unit="line", disable=not progress) as bar,
    ):
        summary = ingest_disclosure_file(graph, path, rejects, on_progress=bar.update)
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
