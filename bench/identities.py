"""Quality and speed of account-to-person linkage (graph.identity, no database).

Generates labelled accounts (bench/datagen/accounts.py), links them with
``graph.identity.linker.link_accounts`` and prints pairwise precision and recall of the derived
persons (system SAME_PERSON links only) against the true persons, the size of the review
queue, the recall an analyst would reach by confirming every true review item, the blocks
skipped by the cap, a calibration table (mean predicted probability against the observed
share of true links, per probability band), and the run time, at 10k and 100k accounts.

Pairwise figures use contingency counting (sum of C(n, 2) over cells), so no pair list is
built. Run: ``.venv/bin/python bench/identities.py [sizes...]``.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bench.datagen.accounts import generate_accounts
from graph.identity.judgements import Verdict, judge
from graph.identity.linker import link_accounts
from graph.identity.persons import derive_persons


def pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def run(size: int, seed: int) -> dict[str, Any]:
    data = generate_accounts(size, seed=seed)
    started = time.perf_counter()
    result = link_accounts(data.records, at=datetime(2026, 6, 1, tzinfo=UTC))
    seconds = time.perf_counter() - started
    keys = [r.key for r in data.records]
    predicted = [result.persons.person_of[k] for k in keys]
    truth = [data.person_of[k] for k in keys]
    together = pairs(Counter(zip(predicted, truth, strict=True)).values())
    pred_pairs = pairs(Counter(predicted).values())
    true_pairs = pairs(Counter(truth).values())
    bins = [0.7, 0.9, 0.99, 0.999, 1.01]
    calibration = []
    for lo, hi in itertools.pairwise(bins):
        inside = [s for s in result.scores if lo <= s.probability < hi]
        true = sum(data.person_of[s.left] == data.person_of[s.right] for s in inside)
        mean_p = sum(s.probability for s in inside) / len(inside) if inside else 0.0
        calibration.append(
            f"[{lo}, {min(hi, 1.0)}): {len(inside)} pairs, mean p {mean_p:.4f}, "
            f"true {true / len(inside) if inside else 0.0:.4f}"
        )
    queue = result.review_queue
    true_reviews = sum(data.person_of[s.left] == data.person_of[s.right] for s in queue)
    # An analyst who confirms every true review item (and rejects the rest) would reach:
    confirmed = [
        judge(
            s.left,
            s.right,
            Verdict.SAME_PERSON,
            score=1.0,
            evidence={},
            actor="oracle",
            at=datetime(2026, 6, 2, tzinfo=UTC),
            reason="bench: true review item",
        )
        for s in queue
        if data.person_of[s.left] == data.person_of[s.right]
    ]
    after = derive_persons(keys, list(result.log) + confirmed)
    reviewed = [after.person_of[k] for k in keys]
    together_after = pairs(Counter(zip(reviewed, truth, strict=True)).values())
    return {
        "accounts": size,
        "persons": len(set(truth)),
        "found": len(set(predicted)),
        "candidates": len(result.blocking.pairs),
        "oversized": len(result.blocking.oversized),
        "largest_skipped": max(result.blocking.oversized.values(), default=0),
        "precision": together / pred_pairs if pred_pairs else 1.0,
        "recall": together / true_pairs if true_pairs else 1.0,
        "review": len(queue),
        "review_true": true_reviews,
        "recall_after_review": together_after / true_pairs if true_pairs else 1.0,
        "seconds": seconds,
        "calibration": calibration,
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    print(
        f"{'accounts':>8} {'persons':>8} {'found':>8} {'cands':>8} {'skipped':>8} "
        f"{'precision':>10} {'recall':>8} {'review':>7} {'rev.true':>8} {'seconds':>8}"
    )
    results = []
    for size in sizes:
        r = run(size, seed=7)
        results.append(r)
        print(
            f"{r['accounts']:>8} {r['persons']:>8} {r['found']:>8} {r['candidates']:>8} "
            f"{r['oversized']:>8} {r['precision']:>10.5f} {r['recall']:>8.5f} "
            f"{r['review']:>7} {r['review_true']:>8} {r['seconds']:>8.1f}"
        )
        print(f"  recall if every true review item were confirmed: {r['recall_after_review']:.5f}")
        print(f"  largest block skipped by the cap: {r['largest_skipped']} accounts")
        print("  calibration of scored pairs (predicted vs observed share of true links):")
        for line in r["calibration"]:
            print("    " + line)
    ok = all(r["precision"] >= 0.99 for r in results)
    print("target (pairwise precision >= 0.99):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main(sys.argv[1:])
