"""Why account linkage misses true pairs, and whether the generator leaves them recoverable.

Run on the *estimation* seed (11 by default, never the measurement seed 7), harder generator:

- every true pair (two accounts of one person) is put in one of: not a candidate (no shared
  blocking key), auto-linked directly, linked through other accounts, in review, or scored
  below the review floor;
- the missed true pairs (not joined once the automatic links are joined into persons) are
  broken down by *evidence pattern* (the features with positive weight, e.g.
  ``handle+display_name``) beside the decoy pairs (different persons) scored in the same
  probability band: what a missed pair shows that a decoy does not;
- fairness: the share of true pairs with no evidence a person could use (no shared blocking
  key, or only evidence a stranger pair shows as often: the outcome vector's true share among
  candidate pairs below a half), and the ceiling of a classifier that knew, for every outcome
  vector, its true share in this very sample (in-sample, so optimistic): the recall it would
  reach at pairwise precision 0.99 once its links are joined into persons.

Run: ``.venv/bin/python bench/identity_diagnosis.py [accounts] [seed]``.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from bench.datagen.accounts import generate_accounts
from bench.identities import _groups, _pairwise
from graph.identity.blocking import block_accounts
from graph.identity.evidence import Evidence
from graph.identity.features import account_evidence, account_frequencies
from graph.identity.person_check import check_links, hold
from graph.identity.policy import default_policy
from graph.identity.scoring import Decision, PairScore, score_evidence
from graph.identity.weights import default_weights

_AT = datetime(2026, 6, 1, tzinfo=UTC)
_BANDS = (0.0, 0.01, 0.05, 0.2, 0.5, 0.9, 0.99, 1.01)


def pattern(evidence: Iterable[Evidence]) -> str:
    """The features with positive weight, in a fixed order (``-`` when none)."""
    found = sorted({e.feature for e in evidence if e.weight > 0.05})
    return "+".join(found) or "-"


def outcome_vector(evidence: Iterable[Evidence]) -> tuple[str, ...]:
    """Every feature's comparison outcome (``Evidence.key``), ``none`` items left out."""
    return tuple(sorted(f"{e.feature}:{e.key}" for e in evidence if e.level != "none"))


def _band(p: float) -> str:
    for lo, hi in itertools.pairwise(_BANDS):
        if lo <= p < hi:
            return f"[{lo}, {min(hi, 1.0)})"
    return "?"


def main(argv: list[str]) -> None:
    size = int(argv[0]) if argv else 10_000
    seed = int(argv[1]) if len(argv) > 1 else 11
    data = generate_accounts(size, seed=seed, hard=True)
    policy, weights = default_policy(), default_weights()
    by_key = {r.key: r for r in data.records}
    freq = account_frequencies(data.records, policy)
    blocking = block_accounts(data.records, policy)
    scores: dict[tuple[str, str], PairScore] = {}
    for x, y in blocking.pairs:
        ev = account_evidence(by_key[x], by_key[y], freq, policy)
        scores[(x, y)] = score_evidence(x, y, ev, policy, weights)
    # as the linker decides: links the persons' other pairs speak against are held for review
    checked = hold(list(scores.values()), check_links(list(scores.values()), policy.person_veto))
    scores = {s.pair: s for s in checked}
    truth = data.person_of
    keys = [r.key for r in data.records]
    members: dict[str, list[str]] = {}
    for k in sorted(keys):
        members.setdefault(truth[k], []).append(k)
    true_pairs = [(a, b) for ks in members.values() for i, a in enumerate(ks) for b in ks[i + 1 :]]
    links = [p for p, s in scores.items() if s.decision is Decision.LINK]
    person = _groups(keys, links)
    print(f"seed {seed}, harder generator, {len(keys)} accounts, {len(true_pairs)} true pairs, ")
    print(f"{len(scores)} candidate pairs, weights from {weights.provenance.get('source')}")

    fate: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    missed_band: Counter[tuple[str, str]] = Counter()
    for pair in true_pairs:
        s = scores.get(pair)
        joined = person[pair[0]] == person[pair[1]]
        if s is None:
            fate["not a candidate" + (", joined through others" if joined else "")] += 1
        elif s.decision is Decision.LINK:
            fate["auto-linked directly"] += 1
        elif joined:
            fate["joined through others"] += 1
        else:
            fate["review" if s.decision is Decision.REVIEW else "below the review floor"] += 1
        if not joined:
            pat = pattern(s.evidence) if s else "(not a candidate)"
            missed[pat] += 1
            if s:
                missed_band[(_band(s.probability), pat)] += 1
    print("\nwhat became of the true pairs:")
    for what, n in fate.most_common():
        print(f"  {what:<40} {n:>7} {n / len(true_pairs):.3f}")

    decoy_band: Counter[tuple[str, str]] = Counter()
    for (x, y), s in scores.items():
        if truth[x] != truth[y]:
            decoy_band[(_band(s.probability), pattern(s.evidence))] += 1
    print("\nmissed true pairs by evidence pattern (top 15):")
    for pat, n in missed.most_common(15):
        print(f"  {n:>6}  {pat}")
    print("\nper probability band: missed true pairs vs decoy pairs, by pattern (top 6 each):")
    for band in sorted({b for b, _ in missed_band} | {b for b, _ in decoy_band}):
        t = Counter({p: n for (b, p), n in missed_band.items() if b == band})
        d = Counter({p: n for (b, p), n in decoy_band.items() if b == band})
        print(f"  {band}: missed true {sum(t.values())}, decoys {sum(d.values())}")
        for p, n in t.most_common(6):
            print(f"      true  {n:>6} {p}   (decoys with it: {d.get(p, 0)})")
        for p, n in d.most_common(3):
            print(f"      decoy {n:>6} {p}")

    # Fairness: outcome vectors and their true share among the candidates
    by_vector: dict[tuple[str, ...], list[int]] = {}
    for (x, y), s in scores.items():
        counts = by_vector.setdefault(outcome_vector(s.evidence), [0, 0])
        counts[0 if truth[x] == truth[y] else 1] += 1
    share = {v: t / (t + f) for v, (t, f) in by_vector.items()}
    unusable = sum(1 for p in true_pairs if p not in scores)
    ambiguous = sum(
        1 for p in true_pairs if p in scores and share[outcome_vector(scores[p].evidence)] < 0.5
    )
    print(
        f"\nfairness: {unusable / len(true_pairs):.3f} of true pairs share no blocking key; "
        f"{ambiguous / len(true_pairs):.3f} more show only an outcome vector that stranger "
        f"pairs show at least as often (true share < 0.5): "
        f"{(unusable + ambiguous) / len(true_pairs):.3f} with no evidence a person could use "
        f"pair by pair ({len(by_vector)} distinct outcome vectors)"
    )
    truth_list = [truth[k] for k in keys]
    for level in (0.99, 0.95, 0.9, 0.8, 0.5):
        oracle = [p for p, s in scores.items() if share[outcome_vector(s.evidence)] >= level]
        grouped = _groups(keys, oracle)
        precision, recall = _pairwise([grouped[k] for k in keys], truth_list)
        print(
            f"  in-sample ceiling: link every outcome vector whose true share >= {level}: "
            f"precision {precision:.4f}, recall {recall:.4f}"
        )
    precision, recall = _pairwise([person[k] for k in keys], truth_list)
    print(f"  the linker's automatic links: precision {precision:.4f}, recall {recall:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
