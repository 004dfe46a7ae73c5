"""Issue 28.3: referrals submitted together are written in one transaction (group commit), each
answered with its own reference, outcome or error, none before it is committed or journalled."""

from __future__ import annotations

import dataclasses
import functools
import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

from graph.db import Graph
from graph.errors import Conflict, InvalidInput
from graph.settings import Settings
from graph.viewer import ANONYMOUS
from ingest.group_commit import BatchCounts, GroupCommit
from ingest.journal import Journal
from ingest.load import Outcome, Status
from ingest.take_in import take_in
from services import intake
from services.intake import Acceptance, Accepted
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import query, write
from tests.integration.intake.journal_world import outage  # noqa: F401 - a fixture

T = TypeVar("T")
COUNT = 24


def together(calls: list[Callable[[], T]]) -> list[T | Exception]:
    """Run ``calls`` in threads of their own, released at once; each one's result or error."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T | Exception:
        start.wait()
        try:
            return call()
        except Exception as error:
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "journal")


@pytest.fixture
def gather_on(neo4j_settings: Settings) -> Iterator[Callable[[Graph, int], GroupCommit]]:
    """Start the API's group commit on a graph, gathering ``size`` referrals a batch (a
    window long enough that only a full batch or the close ends it); stopped after."""
    started: list[Graph] = []

    def start(graph: Graph, size: int) -> GroupCommit:
        settings = neo4j_settings.model_copy(
            update={"intake_batch_window_ms": 1000, "intake_batch_max": size}
        )
        started.append(graph)
        return intake.start_gathering(graph, settings)

    yield start
    for graph in started:
        assert intake.stop_gathering(graph)


@pytest.fixture
def gathering(
    reference_graph: Graph, gather_on: Callable[[Graph, int], GroupCommit]
) -> Callable[[int], GroupCommit]:
    return lambda size: gather_on(reference_graph, size)


def submit(graph: Graph, journal: Journal, payload: dict[str, Any]) -> Callable[[], Accepted]:
    return lambda: intake.submit_referral(
        Caller(graph, ANONYMOUS),
        payload,
        json.dumps(payload),
        journal,
        public_source="true-vision",
    )


def ref(i: int) -> str:
    return f"TV-2026-{i:07d}"


def test_many_submitted_together_are_one_transaction_each_with_its_own_reference(
    reference_graph: Graph, journal: Journal, gathering: Callable[[int], GroupCommit]
) -> None:
    commit = gathering(COUNT)
    answers = together([submit(reference_graph, journal, referral(ref(i))) for i in range(COUNT)])

    assert all(isinstance(a, Accepted) for a in answers), answers
    accepted = [a for a in answers if isinstance(a, Accepted)]
    assert {a.acceptance for a in accepted} == {Acceptance.CREATED}
    assert len({a.reference for a in accepted}) == COUNT
    assert len({a.access_code for a in accepted}) == COUNT
    assert commit.counts() == BatchCounts(1, COUNT, 0)  # one batch of all of them, no fallback
    stored = query(
        reference_graph, "MATCH (r:Report) RETURN r.source_ref AS ref, r.reference AS reference"
    )
    # each was told the reference its own referral was stored under
    assert {s["ref"]: s["reference"] for s in stored} == {
        ref(i): a.reference for i, a in enumerate(accepted)
    }


def test_an_invalid_and_a_conflicting_referral_fail_alone(
    reference_graph: Graph, journal: Journal, gathering: Callable[[int], GroupCommit]
) -> None:
    write(reference_graph, referral(ref(99)))  # sent before: this key with this payload
    changed = referral(ref(99), submitted_at="2026-06-01T05:00:00Z")
    invalid = referral(ref(98), submitted_at="2026-13-45T00:00:00Z")
    good = [referral(ref(i)) for i in range(4)]
    # the invalid one is refused before it joins: the batch is the other six
    commit = gathering(len(good) + 2)
    payloads = [*good, invalid, changed, referral(ref(0))]  # ref(0) twice, the same payload
    answers = together([submit(reference_graph, journal, p) for p in payloads])

    first, *fine, refused, conflicted, again = answers
    assert [a.acceptance for a in fine if isinstance(a, Accepted)] == [Acceptance.CREATED] * 3
    assert isinstance(refused, InvalidInput)
    assert [p.field for p in refused.problems] == ["submitted_at"]
    assert isinstance(conflicted, Conflict)
    # ref(0) sent twice in one batch: whichever joined first is created, the other is told
    # it was received before, under the same reference
    assert isinstance(first, Accepted)
    assert isinstance(again, Accepted)
    assert {first.acceptance, again.acceptance} == {
        Acceptance.CREATED,
        Acceptance.ALREADY_RECEIVED,
    }
    assert again.reference == first.reference
    assert commit.counts() == BatchCounts(1, 6, 0)
    (count,) = query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n")
    assert count["n"] == 5  # the one before and the four new


def row_of(payload: dict[str, Any]) -> Any:
    return take_in(payload, json.dumps(payload), datetime.now(UTC)).row


def test_a_batch_transaction_that_fails_is_written_again_one_by_one(
    reference_graph: Graph,
) -> None:
    (before,) = write(reference_graph, referral(ref(50)))
    rows = [row_of(referral(ref(i))) for i in range(5)]
    # A row Neo4j refuses (its report id is taken: the unique constraint fails the batch's
    # transaction) among rows it takes.
    rows[2] = dataclasses.replace(rows[2], id=before.report_id)
    commit = GroupCommit(reference_graph, window_s=60, max_rows=len(rows))

    answers = together([functools.partial(commit.write, r) for r in rows])

    assert isinstance(answers[2], Conflict)
    written = [a for a in answers if isinstance(a, Outcome)]
    assert [a.status for a in written] == [Status.CREATED] * 4
    assert len({a.reference for a in written}) == 4
    assert commit.counts() == BatchCounts(1, 5, 1)  # one batch, written again one by one
    stored = query(reference_graph, "MATCH (r:Report) RETURN r.source_ref AS ref")
    assert sorted(s["ref"] for s in stored) == sorted([ref(50), *(ref(i) for i in (0, 1, 3, 4))])


def test_when_neo4j_is_down_each_of_a_batch_is_journalled_with_its_own_reference(
    outage: Graph,  # noqa: F811 - the fixture
    journal: Journal,
    gather_on: Callable[[Graph, int], GroupCommit],
) -> None:
    commit = gather_on(outage, 6)
    answers = together([submit(outage, journal, referral(ref(i))) for i in range(6)])
    assert {a.acceptance for a in answers if isinstance(a, Accepted)} == {Acceptance.JOURNALLED}
    assert len({a.reference for a in answers if isinstance(a, Accepted)}) == 6
    assert journal.backlog() == 6
    assert commit.counts() == BatchCounts(1, 6, 0)


def test_nothing_acknowledged_is_lost_and_closing_writes_what_is_gathered(
    reference_graph: Graph,
    outage: Graph,  # noqa: F811 - the fixture
    journal: Journal,
    gathering: Callable[[int], GroupCommit],
    gather_on: Callable[[Graph, int], GroupCommit],
) -> None:
    """Half the referrals reach a graph that answers, half one that does not; a batch that
    waits for more is written at once when the API stops gathering. Every acknowledgement is a
    report in the graph or a line in the journal."""
    commit = gathering(1000)  # never full: only closing ends its window
    live = [submit(reference_graph, journal, referral(ref(i))) for i in range(10)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        pending = [pool.submit(call) for call in live]
        while commit.waiting() < 10:  # all ten gathered, their leader waiting out its window
            threading.Event().wait(0.01)
        assert not any(p.done() for p in pending)  # nothing answered before it is committed
        assert intake.stop_gathering(reference_graph)
        answers: list[Accepted | Exception] = [p.result(timeout=60) for p in pending]
    gather_on(outage, 10)
    answers += together([submit(outage, journal, referral(ref(i))) for i in range(10, 20)])
    acknowledged = [a for a in answers if isinstance(a, Accepted)]
    assert len(acknowledged) == 20
    (count,) = query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n")
    assert count["n"] + journal.backlog() == len(acknowledged)
    assert count["n"] == 10
