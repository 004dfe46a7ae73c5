"""Python's cycle collector, set for bulk intake.

With the default thresholds (700, 10, 10) the collector ran a full collection about once every
900 referrals, and each walked the whole heap of the intake process (the summary cache, the
batches in flight, the driver): 0.2 ms of CPU a referral, a fifth of the process's CPU
(measured over 20,000 bench referrals on a warm graph, ``docs/INTAKE.md``). Intake's own data
holds no reference cycles (it is freed by reference counting as each batch is recorded), so the
collector only has the driver's and the standard library's occasional cycles to find.

:data:`BULK_THRESHOLDS` lets 50,000 new container objects build up before a young collection
and makes full collections rare, not impossible: cyclic garbage stays bounded by the same
thresholds. A helper process also freezes what it imported (``settle_helper``), so the
collections it still runs skip the modules.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLDS = (50_000, 20, 10)


@contextmanager
def bulk_thresholds() -> Iterator[None]:
    """Raise the collector's thresholds for a bulk run; restore what they were afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*BULK_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def settle_helper() -> None:
    """In a helper process, once its modules are imported: collect, freeze what is left (it
    lives as long as the process), and raise the thresholds for the rest of its life."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*BULK_THRESHOLDS)
