"""Value frequency tables, so values many records share weigh less (Fellegi-Sunter's
frequency-based u-probabilities, in a bounded form an officer can read).

A value held by ``n`` records keeps its full weight while ``n <= typical`` (the records one
person plausibly has), then loses ``slope`` bits per doubling, never below ``floor``::

    w(n) = max(floor, weight - slope * log2(max(1, n / typical)))

Counts are of distinct *records* holding a value (an account seen on one IP a hundred times
counts once).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def frequency_weight(params: Mapping[str, float], n: int, full: float | None = None) -> float:
    """The weight of agreeing on a value held by ``n`` records (``full`` overrides
    ``params["weight"]``, for features whose full weight depends on the agreement level)."""
    weight = params["weight"] if full is None else full
    if weight <= 0:
        return weight
    excess = math.log2(max(1.0, n / params["typical"]))
    return max(min(params["floor"], weight), weight - params["slope"] * excess)


@dataclass(frozen=True, slots=True)
class FrequencyTable:
    """How many records hold each value of one field."""

    counts: Mapping[str, int] = field(default_factory=dict)

    def count(self, value: str) -> int:
        """Records holding ``value`` (at least 1: the record asking holds it)."""
        return max(1, self.counts.get(value, 0))

    @classmethod
    def of(cls, values_per_record: Iterable[Iterable[str]]) -> FrequencyTable:
        counts: Counter[str] = Counter()
        for values in values_per_record:
            counts.update(set(values))
        return cls(dict(counts))


@dataclass(frozen=True, slots=True)
class Frequencies:
    """Frequency tables by field name (``email``, ``ip``, ``name`` ...); a field with no table
    treats every value as unique."""

    tables: Mapping[str, FrequencyTable] = field(default_factory=dict)

    def count(self, field_name: str, value: str) -> int:
        table = self.tables.get(field_name)
        return table.count(value) if table else 1
