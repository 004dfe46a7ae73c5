"""Text and handle normalisation, similarity and fingerprints."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from graph.dedup.text import (
    canonical_handle,
    handle_similarity,
    mention_similarity,
    minhash_bands,
    normalise_text,
    prefix_key,
    text_similarity,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Go back where you came from", "go back where you came from"),
        ('They wrote: "Go back where you came from"', "go back where you came from"),
        ("he said - go BACK where you came from", "go back where you came from"),
        ("Quote: go back where you came from", "go back where you came from"),
        ("go back   where\nyou came from...", "go back where you came from"),
        ("go back where you came…", "go back where you came"),
        ("go back where you came [...]", "go back where you came"),
        ("@JSmith go back https://t.co/abc now", "@jsmith go back now"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_text(raw: str | None, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("@JSmith", "jsmith"), (" @jsmith ", "jsmith"), ("J Smith", "jsmith"), (None, "")],
)
def test_canonical_handle(raw: str | None, expected: str) -> None:
    assert canonical_handle(raw) == expected


@pytest.mark.parametrize(
    ("a", "b", "at_least", "below"),
    [
        ("angry_patriot1234", "angry_patriot1234", 1.0, 1.01),
        ("angry_patriot1234", "angrypatriot1234", 0.95, 1.0),  # dropped underscore
        ("angry_patriot1234", "angry_patriiot1234", 0.9, 1.0),  # doubled letter
        ("j0hnsmith", "johnsmith", 0.95, 1.0),  # look-alike digit
        ("angry_patriot1234", "quiet_lion77", 0.0, 0.5),
    ],
)
def test_handle_similarity(a: str, b: str, at_least: float, below: float) -> None:
    assert at_least <= handle_similarity(a, b) < below


LONG = normalise_text("people like you should never be allowed anywhere near decent folk again")


def test_truncated_and_retyped_copies_score_high_and_other_text_low() -> None:
    truncated = normalise_text("people like you should never be allowed anywhere...")
    retyped = normalise_text(
        "peple like you should nevr be allowed anywhere near decent folk again"
    )
    other = normalise_text("the bus was late again this morning and nobody said sorry at all")
    assert text_similarity(truncated, LONG, 24) >= 0.95
    assert text_similarity(retyped, LONG, 24) >= 0.9
    assert text_similarity(other, LONG, 24) < 0.5
    assert text_similarity("", LONG, 24) == 0.0


def test_mentions_tell_apart_the_same_abuse_sent_to_two_people() -> None:
    to_amina = normalise_text("@aminakhan12 " + LONG)
    to_ben = normalise_text("@bencohen99 " + LONG)
    assert mention_similarity(to_amina, to_ben) is not None
    assert mention_similarity(to_amina, to_ben) < 0.8  # type: ignore[operator]
    assert mention_similarity(to_amina, normalise_text("@AminaKhan12 x")) == 1.0
    assert mention_similarity(to_amina, LONG) is None


def test_fingerprints_never_change() -> None:
    """Block keys written into the graph must be found again by every later version."""
    assert minhash_bands(LONG, 8, 2) == (
        "0:1b432a30", "1:69c9f82a", "2:2819fa67", "3:ece876d6",
        "4:63ef5952", "5:9a11a932", "6:0c3b8834", "7:6f541278",
    )  # fmt: skip
    text = normalise_text("Go back where you came from, you are not welcome here")
    assert minhash_bands(text, 8, 2) == (
        "0:3872fe73", "1:1ba0d96b", "2:74238f20", "3:70db10ba",
        "4:1ce76af0", "5:7f541f26", "6:aa96bd5c", "7:1a8eaecc",
    )  # fmt: skip


def test_fingerprints_are_deterministic_and_shared_by_near_copies() -> None:
    bands = minhash_bands(LONG, 8, 2)
    assert bands == minhash_bands(LONG, 8, 2)
    assert len(bands) == 8
    truncated = normalise_text("people like you should never be allowed anywhere near decent")
    assert set(bands) & set(minhash_bands(truncated, 8, 2))
    assert minhash_bands("too short", 8, 2) == ()
    assert prefix_key(LONG, 4) == prefix_key(truncated, 4) == "people like you should"


_ABUSE = "you people should go back where came from never welcome here all of them"


def _similarity_without_cutoffs(a: str, b: str, min_chars: int) -> float:
    """``text_similarity`` as first written: every score computed in full."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    whole = float(fuzz.ratio(a, b)) / 100.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    coverage = len(short) / len(long_)
    if len(short) >= 12 and len(short) < len(long_):
        prefix = float(fuzz.ratio(short, long_[: len(short)])) / 100.0
        if prefix >= 0.9:
            whole = max(whole, prefix * (0.9 + 0.1 * coverage))
    if len(short) >= min_chars and len(short) < len(long_):
        partial = float(fuzz.partial_ratio(short, long_)) / 100.0
        return max(whole, partial * (0.9 + 0.1 * min(1.0, 2.0 * coverage)))
    return whole


def test_cut_offs_never_change_a_similarity() -> None:
    """The early exits (a score the excerpt cannot beat; rapidfuzz's score_cutoff) give the
    same value as computing every score, over copies, prefixes, excerpts, typos and strangers."""
    rng = random.Random(11)
    words = _ABUSE.split()
    for _ in range(3000):
        a = " ".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
        kind = rng.randrange(5)
        if kind == 0:
            b = a[: rng.randint(1, len(a))]
        elif kind == 1:
            start = rng.randint(0, len(a) - 1)
            b = a[start : start + rng.randint(1, len(a))]
        elif kind == 2:
            chars = list(a)
            for _ in range(rng.randint(1, 4)):
                chars[rng.randrange(len(chars))] = rng.choice("abcdefgh ")
            b = "".join(chars)
        else:
            b = " ".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
        for min_chars in (12, 30):
            expected = _similarity_without_cutoffs(a, b, min_chars)
            assert text_similarity(a, b, min_chars) == pytest.approx(expected, abs=1e-12), (a, b)
