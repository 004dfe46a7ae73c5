"""Quality and speed of duplicate-report combination (graph.dedup batch matcher, no database).

Generates labelled referrals (bench/datagen/reports.py), turns each into ReportEvidence, runs the
batch matcher and prints pairwise precision and recall of the content clusters against the
labels, and the matcher's time per 1,000 reports, at 10k and 100k reports.

Stand-in until the URL module is wired in: the post key (and a profile URL's account) come from
the label's ``url_key``, which is what ``ContentUrl.clean(url).key`` should return for that URL;
short links and unusable links give none. Suspect profile URLs are read by their last path
segment. Swap ``_url_key`` for the real module to measure it end to end.

Pairwise figures use cluster-size contingency counting (sum of C(n, 2) over cells), so no pair
list is ever built. Run: ``.venv/bin/python bench/dedup_quality.py [sizes...]``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bench.datagen.reports import generate_reports
from graph.dedup.matcher import Action, match_batch
from graph.dedup.models import ReportEvidence
from graph.dedup.policy import DedupPolicy


def _when(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw.replace("Z", "+00:00")) if raw else None


def _url_key(referral: dict[str, Any], label: dict[str, Any]) -> str | None:
    key = label["url_key"]
    return str(key) if key else None


def evidence(referral: dict[str, Any], label: dict[str, Any]) -> ReportEvidence:
    """ReportEvidence from one referral (the intake's job in production)."""
    content = referral["content"][0]
    url_key = _url_key(referral, label)
    handles: list[str] = []
    for suspect in referral.get("suspects", []):
        if suspect.get("handle"):
            handles.append(suspect["handle"])
        if suspect.get("profile_url"):
            handles.append(suspect["profile_url"].rstrip("/").rsplit("/", 1)[-1])
    post_key = None
    if url_key and ":post:" in url_key:
        post_key = url_key
    elif url_key and ":account:" in url_key:
        handles.append(url_key.rsplit(":", 1)[-1])
    reporter = referral["reporter"]
    victim = reporter if reporter["role"] == "victim" else referral.get("victim")
    victim_key = f"name:{victim['name'].casefold()}" if victim and victim.get("name") else None
    reporter_key = reporter.get("email") or reporter.get("phone") or referral["source_ref"]
    return ReportEvidence.build(
        report_key=f"{referral['source']}:{referral['source_ref']}",
        platform=content["platform"],
        reporter_key=str(reporter_key),
        post_key=post_key,
        raw_handles=tuple(handles),
        text=content.get("text"),
        captured_at=_when(content.get("captured_at")),
        occurred_at=_when(referral["incident"].get("occurred_at")),
        victim_key=victim_key,
    )


def pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def run(size: int, seed: int, policy: DedupPolicy | None = None) -> dict[str, float]:
    reports: list[ReportEvidence] = []
    truth: list[str] = []
    for referral, label in generate_reports(size, seed=seed):
        reports.append(evidence(referral, label))
        truth.append(label["true_content_id"])
    actions: Counter[str] = Counter()
    predicted: list[str] = []
    started = time.perf_counter()
    for decision, content_id in match_batch(reports, policy):
        actions[decision.action.value] += 1
        predicted.append(content_id)
    seconds = time.perf_counter() - started
    cells = Counter(zip(predicted, truth, strict=True))
    together = pairs(cells.values())
    pred_pairs = pairs(Counter(predicted).values())
    true_pairs = pairs(Counter(truth).values())
    return {
        "reports": size,
        "true_content": len(set(truth)),
        "predicted_content": len(set(predicted)),
        "precision": together / pred_pairs if pred_pairs else 1.0,
        "recall": together / true_pairs if true_pairs else 1.0,
        "ms_per_1000": 1000.0 * seconds / size * 1000,
        "join": actions[Action.JOIN.value],
        "review": actions[Action.REVIEW.value],
        "new": actions[Action.NEW.value],
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    results = [run(size, seed=7) for size in sizes]
    print(f"{'reports':>8} {'content':>8} {'found':>8} {'precision':>10} {'recall':>8} "
          f"{'ms/1000':>9} {'join':>7} {'review':>7} {'new':>7}")  # fmt: skip
    for r in results:
        print(
            f"{r['reports']:>8} {r['true_content']:>8} {r['predicted_content']:>8} "
            f"{r['precision']:>10.5f} {r['recall']:>8.5f} {r['ms_per_1000']:>9.1f} "
            f"{r['join']:>7} {r['review']:>7} {r['new']:>7}"
        )
    if len(results) > 1:
        ratio = results[-1]["ms_per_1000"] / results[0]["ms_per_1000"]
        print(f"time per 1,000 at {sizes[-1]} / at {sizes[0]}: {ratio:.2f} (target <= 2)")
    ok = all(r["precision"] >= 0.999 and r["recall"] >= 0.99 for r in results)
    print("targets (precision >= 0.999, recall >= 0.99):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main(sys.argv[1:])
