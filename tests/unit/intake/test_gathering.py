"""Items handed in together are committed together, each caller answered with its own result or
its own error (``ingest/gathering.py``: the group commit's and the audit records' batching)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest

from ingest.gathering import Gathering


class Refused(Exception):
    pass


class Recorder:
    """A commit that keeps each batch it was given and answers each item by ``answer``."""

    def __init__(self, answer: Callable[[int], str | Exception] = str) -> None:
        self.batches: list[list[int]] = []
        self.answer = answer

    def __call__(self, items: list[int]) -> Sequence[str | Exception]:
        self.batches.append(items)
        return [self.answer(i) for i in items]


def together(gathering: Gathering[int, str], items: list[int]) -> list[str | Exception]:
    start = threading.Barrier(len(items))

    def put(item: int) -> str | Exception:
        start.wait()
        try:
            return gathering.put(item)
        except Exception as error:
            return error

    with ThreadPoolExecutor(len(items)) as pool:
        return list(pool.map(put, items))


def test_items_handed_in_together_are_one_batch_each_answered_on_its_own() -> None:
    commit = Recorder()
    gathering = Gathering(commit, window_s=60, max_items=8)
    assert together(gathering, list(range(8))) == [str(i) for i in range(8)]
    assert len(commit.batches) == 1
    assert sorted(commit.batches[0]) == list(range(8))
    assert gathering.waiting() == 0


def test_an_item_the_commit_refuses_fails_alone() -> None:
    commit = Recorder(lambda i: Refused(f"no {i}") if i == 3 else str(i))
    answers = together(Gathering(commit, window_s=60, max_items=5), list(range(5)))
    assert [a for a in answers if not isinstance(a, Exception)] == ["0", "1", "2", "4"]
    assert isinstance(answers[3], Refused)
    assert str(answers[3]) == "no 3"


def test_a_commit_that_fails_is_every_items_error_each_raised_on_its_own() -> None:
    def fails(items: list[int]) -> Sequence[str | Exception]:
        raise Refused("the disk is full")

    answers = together(Gathering(fails, window_s=60, max_items=4), list(range(4)))
    assert all(isinstance(a, Refused) for a in answers)
    assert len({id(a) for a in answers}) == 4  # not one shared exception object


def test_without_a_window_a_batch_gathers_while_the_one_before_commits() -> None:
    first_in = threading.Event()
    release = threading.Event()
    batches: list[list[int]] = []

    def slow(items: list[int]) -> Sequence[str]:
        batches.append(items)
        first_in.set()
        release.wait(10)
        return [str(i) for i in items]

    gathering = Gathering(slow, window_s=0.0, max_items=64)
    with ThreadPoolExecutor(6) as pool:
        first = pool.submit(gathering.put, 0)
        assert first_in.wait(10)
        rest = [pool.submit(gathering.put, i) for i in range(1, 6)]
        while gathering.waiting() < 6:
            threading.Event().wait(0.005)
        assert not any(f.done() for f in [first, *rest])  # nothing answered before its commit
        release.set()
        assert [f.result(10) for f in [first, *rest]] == [str(i) for i in range(6)]
    assert batches[0] == [0]
    assert sorted(batches[1]) == [1, 2, 3, 4, 5]  # gathered meanwhile: one commit


def test_a_batch_of_one_commits_each_in_its_callers_thread() -> None:
    commit = Recorder()
    gathering = Gathering(commit, window_s=60, max_items=1)
    assert not gathering.gathering
    assert [gathering.put(i) for i in range(3)] == ["0", "1", "2"]
    assert commit.batches == [[0], [1], [2]]
    with pytest.raises(Refused):
        Gathering(Recorder(lambda i: Refused("no")), 0.0, 1).put(1)


def test_closing_commits_a_waiting_batch_at_once() -> None:
    commit = Recorder()
    gathering = Gathering(commit, window_s=600, max_items=100)  # only closing ends the window
    with ThreadPoolExecutor(3) as pool:
        pending = [pool.submit(gathering.put, i) for i in range(3)]
        while gathering.waiting() < 3:
            threading.Event().wait(0.005)
        assert gathering.close(timeout_s=10)
        assert sorted(p.result(10) for p in pending) == ["0", "1", "2"]
    assert gathering.put(9) == "9"  # after closing: on its own
    assert commit.batches[-1] == [9]
