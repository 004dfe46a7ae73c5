"""Quality and speed of account-to-person linkage (graph.identity, no database).

Generates labelled accounts (bench/datagen/accounts.py) twice, the original generator and the
harder one (``hard=True``: disclosures rare, decoys sharing names and handle stems, disguised
handles), links them with
``graph.identity.linker.link_accounts`` and prints pairwise precision and recall of the derived
persons (system SAME_PERSON links only) against the true persons, the size of the review
queue, the recall an analyst would reach by confirming every true review item, the blocks
skipped by the cap, a calibration table (mean predicted probability against the observed
share of true links, per probability band), and the run time, at 10k and 100k accounts.
Beside the linker, two yardsticks measured on the same data: the share of true pairs a
disclosure ties (both accounts disclosed with one email or phone), and a plain rule (the same
disclosed email or phone, or the same handle once case and separators are removed).

Each size is linked twice on seed 7: with the policy file's hand-set weights (the baseline,
"before") and with the committed estimate (graph/identity/data/estimated_weights.json, made by
scripts/estimate_identity_weights.py on another seed: held out). "+review" is the recall of the
automatic links plus every true item of the review queue (the whole queue, as an analyst paging
to its end reads it): an analyst confirming an item records SAME_PERSON, which joins the two
accounts' persons, so the figure is the closure (persons derived from the automatic links plus
the confirmed items, by the linker's own clustering), counting only items an analyst would
confirm (true ones) and nothing an analyst's decisions could not produce; "rev.true" is the
raw count of true items in the queue. "/acct" is the review items per account, "groups" the
distinct pairs of persons (after the automatic links) those items fall between: the decisions
an analyst deciding a person's items at once makes (``judge_identity_group``). Calibration is
printed for both weights.
The harder generator is also measured, with the estimate only, on a third seed used for
nothing else (UNSEEN_SEED). ``bench/identity_diagnosis.py`` says which true pairs are missed
and why.

Pairwise figures use contingency counting (sum of C(n, 2) over cells), so no pair list is
built. Run: ``.venv/bin/python bench/identities.py [sizes...]``.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bench.datagen.accounts import generate_accounts
from graph.identity.judgements import Verdict, judge
from graph.identity.linker import link_accounts
from graph.identity.models import AccountRecord
from graph.identity.persons import derive_persons
from graph.identity.weights import HAND, Weights, default_weights


def pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


_SEPARATORS = re.compile(r"[\W_]+")


def _groups(keys: list[str], ties: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find over ``ties``: each key's group (the smallest key in it)."""
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in ties:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {k: root(k) for k in keys}


def _ties_by(records: list[AccountRecord], values: Any) -> list[tuple[str, str]]:
    """Pairs of consecutive accounts holding one value (enough for union-find)."""
    holders: dict[str, list[str]] = {}
    for r in records:
        for v in values(r):
            holders.setdefault(v, []).append(r.key)
    return [(ks[i], ks[i + 1]) for ks in holders.values() for i in range(len(ks) - 1)]


def _pairwise(predicted: list[str], truth: list[str]) -> tuple[float, float]:
    together = pairs(Counter(zip(predicted, truth, strict=True)).values())
    pred_pairs = pairs(Counter(predicted).values())
    true_pairs = pairs(Counter(truth).values())
    return (
        together / pred_pairs if pred_pairs else 1.0,
        together / true_pairs if true_pairs else 1.0,
    )


def yardsticks(records: list[AccountRecord], person_of: dict[str, str]) -> dict[str, float]:
    """The share of true pairs disclosures tie, and the plain rule's precision and recall."""
    keys = [r.key for r in records]
    truth = [person_of[k] for k in keys]
    disclosed = _groups(keys, _ties_by(records, lambda r: (*r.emails, *r.phones)))
    _, tied = _pairwise([disclosed[k] for k in keys], truth)
    plain = _groups(
        keys,
        _ties_by(
            records,
            lambda r: (*r.emails, *r.phones, "h:" + _SEPARATORS.sub("", r.handle.casefold())),
        ),
    )
    precision, recall = _pairwise([plain[k] for k in keys], truth)
    return {"disclosure_tied": tied, "plain_precision": precision, "plain_recall": recall}


def run(size: int, seed: int, hard: bool = False, weights: Weights | None = None) -> dict[str, Any]:
    data = generate_accounts(size, seed=seed, hard=hard)
    started = time.perf_counter()
    result = link_accounts(data.records, at=datetime(2026, 6, 1, tzinfo=UTC), weights=weights)
    seconds = time.perf_counter() - started
    keys = [r.key for r in data.records]
    predicted = [result.persons.person_of[k] for k in keys]
    truth = [data.person_of[k] for k in keys]
    together = pairs(Counter(zip(predicted, truth, strict=True)).values())
    pred_pairs = pairs(Counter(predicted).values())
    true_pairs = pairs(Counter(truth).values())
    bins = [0.0, 0.05, 0.2, 0.5, 0.7, 0.9, 0.99, 0.999, 1.01]
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
    person = result.persons.person_of
    groups = {tuple(sorted((person[s.left], person[s.right]))) for s in queue}
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
        "review_per_account": len(queue) / size,
        "review_true": true_reviews,
        "review_groups": len(groups),
        "recall_after_review": together_after / true_pairs if true_pairs else 1.0,
        "seconds": seconds,
        "calibration": calibration,
        **yardsticks(data.records, data.person_of),
    }


def _row(label: str, r: dict[str, Any]) -> str:
    return (
        f"{label:>9} {r['accounts']:>8} {r['persons']:>8} {r['found']:>8} {r['candidates']:>8} "
        f"{r['oversized']:>8} {r['precision']:>10.5f} {r['recall']:>8.5f} {r['review']:>7} "
        f"{r['review_per_account']:>7.2f} {r['review_groups']:>7} {r['review_true']:>8} "
        f"{r['recall_after_review']:>9.5f} "
        f"{r['seconds']:>8.1f}"
    )


MEASURE_SEED = 7  # the committed estimate was made on another seed (its provenance says which)
UNSEEN_SEED = 23  # a third seed, used for nothing else: measured on the harder generator


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    estimate = default_weights()
    print("estimated weights:", dict(estimate.provenance))
    print(f"measured on seed {MEASURE_SEED}; 'hand' = the policy file's hand-set weights (before)")
    met = []
    for hard in (False, True):
        title = "harder generator (disclosures rare, decoys, disguised handles)"
        print("\n" + (title if hard else "original generator"))
        print(
            f"{'weights':>9} {'accounts':>8} {'persons':>8} {'found':>8} {'cands':>8} "
            f"{'skipped':>8} {'precision':>10} {'recall':>8} {'review':>7} {'/acct':>7} "
            f"{'groups':>7} "
            f"{'rev.true':>8} "
            f"{'+review':>9} {'seconds':>8}"
        )
        for size in sizes:
            before = run(size, seed=MEASURE_SEED, hard=hard, weights=HAND)
            print(_row("hand", before), flush=True)
            r = run(size, seed=MEASURE_SEED, hard=hard, weights=estimate)
            print(_row("estimated", r))
            print(
                f"  yardsticks: disclosures tie {r['disclosure_tied']:.3f} of true pairs; "
                f"the plain rule (same email, phone or separator-free handle) precision "
                f"{r['plain_precision']:.5f}, recall {r['plain_recall']:.5f}"
            )
            print(f"  largest block skipped by the cap: {r['largest_skipped']} accounts")
            print("  calibration, estimated weights (predicted vs observed share of true pairs):")
            for line in r["calibration"]:
                print("    " + line)
            print("  calibration, hand-set weights:")
            for line in before["calibration"]:
                print("    " + line)
            if hard:
                met.append(
                    r["precision"] >= 0.99
                    and r["recall"] >= 0.6
                    and r["recall_after_review"] >= 0.95
                )
                unseen = run(size, seed=UNSEEN_SEED, hard=hard, weights=estimate)
                print(f"  the same, estimated weights, on a third seed ({UNSEEN_SEED}):")
                print(_row("estimated", unseen), flush=True)
                for line in unseen["calibration"]:
                    print("    " + line)
    print(
        "\ntarget on the harder generator (precision >= 0.99, recall >= 0.6, with review >= 0.95):",
        "met" if met and all(met) else "NOT met",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
