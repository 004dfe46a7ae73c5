"""Gathering: items handed in together by many threads are committed together, each caller
answered with its own result or its own error once its batch is done. Pure (no database):
``ingest/group_commit.py`` gathers referrals into one Neo4j transaction, and the REST intake
route gathers their audit records into one fsync (``api/referrals.py``).

How a batch forms (no thread of its own: the callers' threads do the work):

- the first item to find no batch open opens one and leads it: it waits ``window_s`` or until
  ``max_items`` have joined, then waits its turn to commit (one batch commits at a time). The
  batch stays open to newcomers until its turn comes, so under load a batch gathers while the
  one before commits, even with a window of 0;
- the leader calls ``commit`` with the batch's items, which answers each item's result or
  error, in order; an error ``commit`` raises is every item's.

``max_items`` of 1 commits each item on its own, in its caller's thread. :meth:`close` stops
gathering, lets a leader that is waiting commit at once, and waits for every batch under way.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class GatheringClosed(RuntimeError):
    """A leader's thread was stopped before its batch committed (never an item's own error)."""


@dataclass(eq=False)
class _Batch(Generic[T, R]):
    items: list[T] = field(default_factory=list)
    results: Sequence[R | Exception] = ()
    done: threading.Event = field(default_factory=threading.Event)


class Gathering(Generic[T, R]):
    def __init__(
        self,
        commit: Callable[[list[T]], Sequence[R | Exception]],
        window_s: float,
        max_items: int,
        stopped: Callable[[str], Exception] = GatheringClosed,
    ) -> None:
        self.commit = commit
        self.stopped = stopped  # the followers' error when their leader's thread is stopped
        self.window_s = window_s
        self.max_items = max_items
        self._cond = threading.Condition()
        self._turn = threading.Lock()  # one batch commits at a time
        self._open: _Batch[T, R] | None = None
        self._waiting = 0  # items handed in and not yet answered
        self._closed = False

    @property
    def gathering(self) -> bool:
        return self.max_items > 1 and not self._closed

    def waiting(self) -> int:
        """Items handed in and not yet answered."""
        with self._cond:
            return self._waiting

    def put(self, item: T) -> R:
        """Commit ``item`` with whatever arrives with it: its own result once its batch is
        done, or its own error raised."""
        with self._cond:
            if not self.gathering:
                batch = None
            else:
                batch, slot, leads = self._join(item)
                self._waiting += 1
        if batch is None:
            return _own(self.commit([item])[0])
        try:
            if leads:
                self._lead(batch)
            else:
                batch.done.wait()
        finally:
            with self._cond:
                self._waiting -= 1
                self._cond.notify_all()
        return _own(batch.results[slot])

    def close(self, timeout_s: float = 60.0) -> bool:
        """Stop gathering: items handed in from now on are committed one by one; a leader
        waiting out its window commits at once. Waits for every batch under way (at most
        ``timeout_s``); True when none is left."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            return self._cond.wait_for(lambda: self._waiting == 0, timeout=timeout_s)

    def _join(self, item: T) -> tuple[_Batch[T, R], int, bool]:
        """Add ``item`` to the open batch, or open one and lead it (``_cond`` held)."""
        batch = self._open
        leads = batch is None
        if batch is None:
            batch = self._open = _Batch()
        batch.items.append(item)
        if len(batch.items) >= self.max_items:
            self._open = None  # full: the next item opens another
            self._cond.notify_all()
        return batch, len(batch.items) - 1, leads

    def _lead(self, batch: _Batch[T, R]) -> None:
        try:
            if self.window_s > 0:
                with self._cond:
                    self._cond.wait_for(
                        lambda: self._open is not batch or self._closed, timeout=self.window_s
                    )
            with self._turn:  # the batch before commits meanwhile; this one still gathers
                with self._cond:
                    if self._open is batch:
                        self._open = None
                    items = list(batch.items)
                try:
                    batch.results = self.commit(items)
                except Exception as error:
                    batch.results = [error] * len(items)
        except BaseException as error:  # never leave the followers waiting
            with self._cond:
                if self._open is batch:
                    self._open = None
                batch.results = [self.stopped(repr(error))] * len(batch.items)
            raise
        finally:
            batch.done.set()


def _own(result: R | Exception) -> R:
    if isinstance(result, Exception):
        raise copy.copy(result) from result  # each caller raises an error of its own
    return result
