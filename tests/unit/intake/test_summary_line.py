"""A bulk run's closing line, and reading its counts back from a run's output."""

from __future__ import annotations

from ingest.bulk import Summary


def test_the_summary_line_reads_back_from_a_runs_output() -> None:
    summary = Summary(accepted=60_000, already_present=40_000, rejected=3, lines=100_003)
    output = f"progress...\n{summary.line()}\nrejected lines and reasons: x.rejects.jsonl\n"
    assert Summary.from_line(output) == summary
    assert Summary.from_line("no summary here") is None
