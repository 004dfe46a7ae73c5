"""Behavioural evidence for a pair of accounts, from the posts reports show them making.

Behaviour is evidence, never proof: pile-ons put many strangers on one victim on one day, and
slogans are posted by thousands. So every behaviour feature is frequency-aware (a victim many
accounts target, a phrase many accounts post, weighs little) and most are capped.

- ``victims_in_days``: both accounts targeted one victim within ``window_days`` of each other;
- ``same_text``: the same or nearly the same text posted from both (word 3-gram shingles);
- ``mentions``: one account's posts mention the other (``@handle`` or a profile address);
- ``posting_hours``: how much the two accounts' hours of the day overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache

from graph.identity.evidence import Evidence, band, flat_handle, fold
from graph.identity.frequency import Frequencies, frequency_weight
from graph.identity.models import AccountRecord
from graph.identity.policy import LinkagePolicy

_URL = re.compile(r"https?://\S+|www\.\S+")
_PROFILE = re.compile(
    r"(?:x|twitter|instagram|tiktok|facebook|youtube|reddit)\.com/(?:@|u/|user/)?([\w.-]+)"
)
_MENTION = re.compile(r"(?<![\w.])@([\w.]{3,})")
_WORD = re.compile(r"[0-9a-z]+")
_MIN_POSTS_FOR_HOURS = 3
_HOUR_BINS = 6  # four-hour slots of the day


@lru_cache(maxsize=1 << 18)
@lru_cache(maxsize=1 << 18)
def shingles(text: str) -> frozenset[str]:
    """The text's word 3-grams, folded (look-alike letters, case), addresses and mentions
    removed; a text of fewer than three words is one shingle. Cached, as ``mentioned``: each
    pair compares every post of one account with every post of the other, and an account
    meets many pairs and the frequency tables."""
    words = _WORD.findall(fold(_MENTION.sub(" ", _URL.sub(" ", text))))
    if len(words) < 3:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


@lru_cache(maxsize=1 << 18)
def mentioned(text: str) -> frozenset[str]:
    """Handles a text mentions or links to, folded (``flat_handle``)."""
    found = _MENTION.findall(text) + _PROFILE.findall(text)
    return frozenset(f for f in (flat_handle(h) for h in found) if f)


def account_shingles(record: AccountRecord) -> frozenset[str]:
    return frozenset(s for p in record.posts for s in shingles(p.text))


def account_mentions(record: AccountRecord) -> frozenset[str]:
    return frozenset(m for p in record.posts for m in mentioned(p.text))


def _victim_times(record: AccountRecord) -> dict[str, list[datetime]]:
    out: dict[str, list[datetime]] = {v: [] for v in record.victims}
    for p in record.posts:
        if p.victim:
            out.setdefault(p.victim, [])
            if p.at:
                out[p.victim].append(p.at)
    return out


def _days_apart(left: list[datetime], right: list[datetime]) -> float | None:
    gaps = [abs((x - y).total_seconds()) / 86_400 for x in left for y in right]
    return min(gaps) if gaps else None


def victims_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    """Victims both accounts targeted: per victim frequency-aware, full weight when targeted
    within ``window_days`` of each other, ``apart_factor`` of it otherwise; total capped."""
    p = policy.feature("accounts.victims")
    left, right = _victim_times(a), _victim_times(b)
    shared = sorted(set(left) & set(right))
    if not shared:
        return []
    total, notes, within, rarest = 0.0, [], 0, min(freq.count("victim", v) for v in shared)
    for number, v in enumerate(shared, 1):
        n = freq.count("victim", v)
        gap = _days_apart(left[v], right[v])
        weight = frequency_weight(p, n)
        if gap is not None and gap <= p["window_days"]:
            within += 1
            notes.append(f"victim {number}: {gap:.1f} days apart, {n} accounts")
        else:
            weight *= p["apart_factor"]
            apart = "time unknown" if gap is None else f"{gap:.0f} days apart"
            notes.append(f"victim {number}: {apart}, {n} accounts")
        total += weight
    level = "within_days" if within else "apart"
    # Victims are never named in link evidence: it is shown to analysts and goes into evidence
    # packages for forces, which must not learn of another force's victim (graph/evidence/).
    shown = f"{len(shared)} victim{'s' if len(shared) != 1 else ''} in common"
    return [
        Evidence(
            "victims_in_days",
            shown,
            shown,
            level,
            min(p["max_total"], total),
            "; ".join(notes[:5]),
            band(rarest, p["typical"]),
        )
    ]


def text_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    """The closest pair of texts, one from each account, by shingle overlap (Jaccard). How
    common the text is: the rarest shingle the two share (a slogan's shingles are common)."""
    p = policy.feature("accounts.text")
    best: tuple[float, str, str, frozenset[str]] | None = None
    for x in a.posts:
        sx = shingles(x.text)
        if not sx:
            continue
        for y in b.posts:
            sy = shingles(y.text)
            common = sx & sy
            if not common:
                continue
            sim = len(common) / len(sx | sy)
            if best is None or sim > best[0]:
                best = (sim, x.text, y.text, common)
    if best is None:
        return []
    sim, tx, ty, common = best
    n = min(freq.count("shingle", s) for s in common)
    if sim >= p["same"]:
        level, full = "same", p["same_weight"]
    elif sim >= p["near"]:
        level, full = "near_same", p["near_weight"]
    else:
        level, full = "overlap", p["overlap_weight"]
    weight = frequency_weight(p, n, full=full)
    note = f"word overlap {sim:.2f}; rarest shared phrase posted by {n} accounts"
    return [Evidence("same_text", tx[:80], ty[:80], level, weight, note, band(n, p["typical"]))]


def mention_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    """One account's posts mention or link to the other (``@jsmith``, ``tiktok.com/@jsmith``):
    sockpuppets boost each other, but so do friends in a pile-on, so it is not decisive."""
    p = policy.feature("accounts.mentions")
    ab = flat_handle(b.handle) in account_mentions(a)
    ba = flat_handle(a.handle) in account_mentions(b)
    if not (ab or ba):
        return []
    if ab and ba:
        return [
            Evidence(
                "mentions", a.key, b.key, "both_ways", p["both_ways"], "each mentions the other"
            )
        ]
    src, dst = (a, b) if ab else (b, a)
    note = f"posts of {src.key} mention @{dst.handle}"
    return [Evidence("mentions", src.key, dst.key, "one_way", p["one_way"], note)]


def hour_profile(times: Iterable[datetime | None]) -> tuple[float, ...] | None:
    """Share of posts in each four-hour slot of the day (UTC); None with too few posts."""
    hours = [t.hour for t in times if t]
    if len(hours) < _MIN_POSTS_FOR_HOURS:
        return None
    slots = [0] * _HOUR_BINS
    for h in hours:
        slots[h * _HOUR_BINS // 24] += 1
    return tuple(s / len(hours) for s in slots)


def hours_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    """Posting-time overlap: the shared share of the two hour profiles (1 = same hours)."""
    p = policy.feature("accounts.posting_hours")
    pa, pb = hour_profile(x.at for x in a.posts), hour_profile(x.at for x in b.posts)
    if pa is None or pb is None:
        return []
    overlap = sum(min(x, y) for x, y in zip(pa, pb, strict=True))
    if overlap >= p["high"]:
        level, weight = "high", p["high_weight"]
    elif overlap < p["low"]:
        level, weight = "low", p["low_weight"]
    else:
        level, weight = "some", 0.0
    note = f"hours of day overlap {overlap:.2f}"
    return [Evidence("posting_hours", "", "", level, weight, note)]


def behaviour_tables(records: Iterable[AccountRecord]) -> Mapping[str, list[list[str]]]:
    """Values per record for the behaviour frequency tables (victims, shingles)."""
    victims: list[list[str]] = []
    texts: list[list[str]] = []
    for r in records:
        victims.append(sorted(_victim_times(r)))
        texts.append(sorted(account_shingles(r)))
    return {"victim": victims, "shingle": texts}
