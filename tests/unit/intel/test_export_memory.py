"""The NIM writer streams: its memory does not grow with the number of items.

Measured with tracemalloc around the whole export, items generated on the fly. Holding the
items (``list(items)``, sorting, deduplicating entities across items) would make the peak
grow with the count and exceed the bytes written; both bounds below would fail.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from graph.audit.log import AuditLog
from graph.intel.destinations import destination
from graph.intel.models import IntelItem
from graph.intel.nim_export import ExportPeriod, export_nim
from graph.intel.sanitise import SanitisedItem, sanitise
from tests.unit.intel.builders import T0, item_data

SMALL = 2_000
LARGE = 50_000


def generated(count: int) -> Iterator[SanitisedItem]:
    template = sanitise(IntelItem.parse(item_data(1, handling="C"))).item
    for n in range(count):
        update = {"id": f"intel-{n:07d}", "updated_at": T0 + timedelta(microseconds=n + 1)}
        yield SanitisedItem.model_construct(item=template.model_copy(update=update), removed=())


def measure(count: int, out: Path) -> tuple[int, int]:
    """(peak bytes allocated during the export, bytes of data files written)."""
    tracemalloc.start()
    try:
        result = export_nim(
            generated(count),
            period=ExportPeriod(since=T0, until=T0 + timedelta(days=1)),
            destination=destination("pnd"),
            out_dir=out,
            actor="bench",
            audit_log=AuditLog(out / "disclosures.jsonl"),
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.counts.items_exported == count
    written = sum(p.stat().st_size for p in result.export_dir.iterdir())
    return peak, written


def test_peak_memory_does_not_grow_with_the_item_count(tmp_path: Path) -> None:
    small_peak, small_written = measure(SMALL, tmp_path / "small")
    large_peak, large_written = measure(LARGE, tmp_path / "large")
    assert large_written > 20 * small_written
    assert large_peak < small_peak + 256 * 1024
    assert large_peak < large_written / 50
