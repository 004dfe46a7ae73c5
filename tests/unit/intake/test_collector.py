"""Bulk intake's collector settings: raised for the run, restored after; a helper process
freezes what it imported before its first line."""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

import ingest.bulk
from ingest.collector import BULK_THRESHOLDS, bulk_thresholds


def test_thresholds_are_raised_for_the_run_and_restored_after_it() -> None:
    before = gc.get_threshold()
    assert before != BULK_THRESHOLDS
    with bulk_thresholds():
        assert gc.get_threshold() == BULK_THRESHOLDS
    assert gc.get_threshold() == before


def test_thresholds_are_restored_when_the_run_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), bulk_thresholds():
        raise RuntimeError("the run failed")
    assert gc.get_threshold() == before


def test_a_helper_process_freezes_its_imports_and_raises_its_thresholds() -> None:
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(1, mp_context=context, initializer=ingest.bulk._start_helper) as pool:
        thresholds = pool.submit(gc.get_threshold).result(timeout=60)
        frozen = pool.submit(gc.get_freeze_count).result(timeout=60)
    assert thresholds == BULK_THRESHOLDS
    # What prepare needs (pydantic, rapidfuzz, phonenumbers, ...) is imported and frozen:
    # tens of thousands of objects, not the interpreter's few thousand.
    assert frozen > 20_000
