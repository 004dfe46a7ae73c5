"""Python's cycle collector during bulk intake: collect after each batch, freeze what is old.

With the default settings the collector ran a full collection about once every 900 referrals,
and each walked the whole heap of the intake process (the summary cache, the batches in
flight, the driver): 0.2 ms of CPU a referral, a fifth of the process's CPU (measured over
20,000 bench referrals on a warm graph, ``bench/INTAKE-HISTORY.md``). Raising the thresholds
alone is not enough: the driver holds each query's parameters (a batch's rows) in reference
cycles of its ``Result`` objects, so with fewer collections whole batches of rows stayed in
memory.

So :class:`BatchCollector`, for one bulk run:

- raises the thresholds (:data:`BULK_THRESHOLDS`), so the collector seldom runs by itself;
- after each batch, collects (that batch's driver cycles go) and freezes what is left
  (``gc.freeze``): later collections walk only what is newer than the last batch. A frozen
  object is still freed by reference counting when its last reference goes;
- at the end, unfreezes everything and restores the thresholds. Everything: an object frozen
  before the run is unfrozen too, which is harmless in the CLI's process of its own and would
  need care in a process that freezes for its own reasons.

A helper process freezes what it imported, once (:func:`settle_helper`).
"""

from __future__ import annotations

import gc
from types import TracebackType

# Young collections after 50,000 new container objects, not 700; older ones rarely.
BULK_THRESHOLDS = (50_000, 20, 10)


def _collect_and_freeze() -> None:
    gc.collect()
    gc.freeze()


class BatchCollector:
    """``with BatchCollector() as collector:`` around a run; ``after_batch()`` after each."""

    _thresholds: tuple[int, int, int]  # the process's own, put back at the end

    def __enter__(self) -> BatchCollector:
        self._thresholds = gc.get_threshold()
        gc.set_threshold(*BULK_THRESHOLDS)
        _collect_and_freeze()
        return self

    def after_batch(self) -> None:
        """Collect what is not frozen (the batch's cycles), then freeze what is left."""
        _collect_and_freeze()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        gc.unfreeze()
        gc.set_threshold(*self._thresholds)


def settle_helper() -> None:
    """In a helper process, once its modules are imported: collect, freeze what is left (it
    lives as long as the process) and raise the thresholds for the rest of its life."""
    _collect_and_freeze()
    gc.set_threshold(*BULK_THRESHOLDS)
