"""A referral answered 202 (journalled in an outage) and sent again by the site after recovery
ends as one report, under the reference and access code the complainant was given, whether the
journal was drained before the second sending or not (issue #21 item 4)."""

from __future__ import annotations

import pytest

from graph.db import Graph
from graph.errors import Conflict
from graph.viewer import ANONYMOUS
from ingest.journal import Journal
from ingest.service import Acceptance, replay_entries
from services.status import report_progress
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.journal_world import journal, journalled, outage, reports, send

__all__ = ["journal", "outage"]  # fixtures


def drain(graph: Graph, journal: Journal) -> int:
    return journal.drain(lambda batch: replay_entries(graph, batch))


def _status_works(graph: Graph, reference: str, code: str) -> None:
    progress = report_progress(Caller(graph, ANONYMOUS), reference, code)
    assert progress is not None
    assert report_progress(Caller(graph, ANONYMOUS), reference, "AAAA-BBBB-CCCC") is None


def test_sent_again_before_the_drain_is_already_received_as_the_journal_reference(
    reference_graph: Graph, outage: Graph, journal: Journal
) -> None:
    first = journalled(referral("J-RESEND-1"), outage, journal)
    other = journalled(referral("J-OTHER-1"), outage, journal)  # waits on, untouched
    assert journal.backlog() == 2

    again = send(referral("J-RESEND-1"), reference_graph, journal)

    assert again.acceptance is Acceptance.ALREADY_RECEIVED
    assert again.reference == first.reference
    assert again.access_code is None  # a code is shown once, never a second one
    assert reports(reference_graph) == [{"ref": "J-RESEND-1", "reference": first.reference}]
    assert first.access_code is not None
    _status_works(reference_graph, first.reference, first.access_code)

    assert drain(reference_graph, journal) == 2  # both replayed; the resent one writes nothing
    assert journal.backlog() == 0
    assert reports(reference_graph) == [
        {"ref": "J-OTHER-1", "reference": other.reference},
        {"ref": "J-RESEND-1", "reference": first.reference},
    ]
    _status_works(reference_graph, first.reference, first.access_code)


def test_sent_again_after_the_drain_is_already_received_as_the_journal_reference(
    reference_graph: Graph, outage: Graph, journal: Journal
) -> None:
    first = journalled(referral("J-RESEND-2"), outage, journal)
    assert drain(reference_graph, journal) == 1

    again = send(referral("J-RESEND-2"), reference_graph, journal)

    assert again.acceptance is Acceptance.ALREADY_RECEIVED
    assert again.reference == first.reference
    assert reports(reference_graph) == [{"ref": "J-RESEND-2", "reference": first.reference}]
    assert first.access_code is not None
    _status_works(reference_graph, first.reference, first.access_code)


def test_sent_again_changed_before_the_drain_conflicts_with_what_was_journalled(
    reference_graph: Graph, outage: Graph, journal: Journal
) -> None:
    first = journalled(referral("J-RESEND-3"), outage, journal)
    changed = referral("J-RESEND-3")
    changed["incident"]["description"] = "Edited after the outage: a second message came."

    with pytest.raises(Conflict) as refused:
        send(changed, reference_graph, journal)

    assert first.reference not in str(refused.value)  # a 409 names no report's reference
    assert reports(reference_graph) == [{"ref": "J-RESEND-3", "reference": first.reference}]
    assert drain(reference_graph, journal) == 1
    assert reports(reference_graph) == [{"ref": "J-RESEND-3", "reference": first.reference}]


def test_sent_twice_in_the_outage_then_again_is_one_report(
    reference_graph: Graph, outage: Graph, journal: Journal
) -> None:
    first = journalled(referral("J-RESEND-4"), outage, journal)
    twice = send(referral("J-RESEND-4"), outage, journal)
    assert (twice.acceptance, twice.reference, twice.access_code) == (
        Acceptance.ALREADY_RECEIVED, first.reference, None
    )  # fmt: skip
    assert journal.backlog() == 1
    again = send(referral("J-RESEND-4"), reference_graph, journal)
    assert again.acceptance is Acceptance.ALREADY_RECEIVED
    assert again.reference == first.reference
    drain(reference_graph, journal)
    assert reports(reference_graph) == [{"ref": "J-RESEND-4", "reference": first.reference}]
