"""Bulk intake's collector settings: cycles go after each batch, what is old is frozen, and
everything is as it was after the run; a helper process freezes what it imported."""

from __future__ import annotations

import gc
import multiprocessing
import weakref
from concurrent.futures import ProcessPoolExecutor

import pytest

import ingest.bulk
from ingest.gc_tuning import BULK_THRESHOLDS, BatchCollector


class _Node:
    """Stands for the driver's objects that refer to each other (a result and its handlers)."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def _cycle() -> weakref.ref[_Node]:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_a_batch_s_cycles_are_collected_after_the_batch() -> None:
    with BatchCollector() as collector:
        gone_with_the_batch = _cycle()
        assert gone_with_the_batch() is not None  # thresholds too high to have collected it
        collector.after_batch()
        assert gone_with_the_batch() is None


def test_old_objects_are_frozen_during_the_run_and_unfrozen_after_it() -> None:
    before = gc.get_threshold()
    assert before != BULK_THRESHOLDS
    with BatchCollector():
        assert gc.get_threshold() == BULK_THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_settings_are_restored_when_the_run_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), BatchCollector():
        raise RuntimeError("the run failed")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_helper_process_freezes_its_imports_and_raises_its_thresholds() -> None:
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(1, mp_context=context, initializer=ingest.bulk._start_helper) as pool:
        thresholds = pool.submit(gc.get_threshold).result(timeout=60)
        frozen = pool.submit(gc.get_freeze_count).result(timeout=60)
    assert thresholds == BULK_THRESHOLDS
    # What prepare needs (pydantic, rapidfuzz, phonenumbers, ...) is imported and frozen:
    # tens of thousands of objects, not the interpreter's few thousand.
    assert frozen > 20_000
