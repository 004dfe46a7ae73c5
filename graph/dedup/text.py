"""Normalising captured text and handles for matching, and fingerprints for blocking.

Reporters copy abuse in many ways: ``They wrote: "..."``, cut off with ``...``, re-typed with
typos, in capitals. :func:`normalise_text` removes what is not the content itself;
:func:`text_similarity` then tolerates truncation (a captured prefix or excerpt scores high
against the whole). Fingerprints (MinHash bands over word tokens, and the first few words) are
stable across processes (CRC32, not Python's salted ``hash``) so a database can store them as
lookup keys.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

_QUOTE_PREFIX = re.compile(
    r"^\s*(?:(?:they|he|she|someone|the user|this user|this person|user|the account|it)\s+)?"
    r"(?:wrote|said|says|posted|tweeted|commented|replied|messaged|sent me|sent)\s*[:\-]\s*",
)
_QUOTE_WORD = re.compile(r"^\s*(?:quote|text|message|post|comment)\s*:\s*")
_TRUNCATION = re.compile(r"(?:\[\s*(?:\.\.\.|…|truncated|cut off|cont(?:inued)?)\s*\]|…|\.{3,})")
_URL = re.compile(r"https?://\S+|www\.\S+")
_NON_WORD = re.compile(r"[^\w@#]+")
_SPACE = re.compile(r"\s+")

# Look-alike characters reporters and abusers swap in handles (0 for o, 1 for l, ...).
_SKELETON = str.maketrans({"0": "o", "1": "l", "i": "l", "3": "e", "5": "s", "4": "a", "7": "t"})
_HANDLE_JUNK = re.compile(r"[^a-z0-9_.]")
_MIN_PREFIX_CHARS = 12  # below this a "prefix" is a few common words, not evidence


def normalise_text(raw: str | None) -> str:
    """Casefolded text with quoting prefixes, truncation marks, URLs and punctuation removed."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw).casefold().strip()
    for _ in range(2):  # "They wrote: Quote: ..." happens
        text = _QUOTE_PREFIX.sub("", text)
        text = _QUOTE_WORD.sub("", text)
    text = _TRUNCATION.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return _SPACE.sub(" ", text).strip()


def canonical_handle(raw: str | None) -> str:
    """``" @JSmith "`` -> ``"jsmith"``: lower case, no ``@``, no spaces or stray punctuation."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw).casefold().strip().lstrip("@")
    return _HANDLE_JUNK.sub("", text)


@lru_cache(maxsize=65536)
def handle_skeleton(handle: str) -> str:
    """The handle with look-alikes folded and separators dropped, for blocking only."""
    return canonical_handle(handle).translate(_SKELETON).replace("_", "").replace(".", "")


def handle_similarity(a: str, b: str) -> float:
    """0..1 similarity of two canonical handles, tolerant of one or two typos."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    sa, sb = handle_skeleton(a), handle_skeleton(b)
    if sa == sb:
        return 0.97
    return float(fuzz.ratio(sa, sb)) / 100.0


@lru_cache(maxsize=4096)
def text_similarity(a: str, b: str, min_chars_for_partial: int) -> float:
    """0..1 similarity of two *normalised* texts; a long enough prefix or excerpt scores high.

    Cached: reports of one viral post carry the same text and meet the same candidate texts
    (over generated intake, about a quarter of the comparisons repeat one already made); the
    excerpt score is most of a comparison's cost. The cache is small, as it holds the texts."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    whole = float(fuzz.ratio(a, b)) / 100.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    coverage = len(short) / len(long_)
    if len(short) >= _MIN_PREFIX_CHARS and len(short) < len(long_):
        # A truncated copy: the beginning of the post, perhaps with the last word cut.
        prefix = float(fuzz.ratio(short, long_[: len(short)], score_cutoff=90)) / 100.0
        if prefix >= 0.9:
            whole = max(whole, prefix * (0.9 + 0.1 * coverage))
    if len(short) >= min_chars_for_partial and len(short) < len(long_):
        # A prefix of at least half the text is as good as the whole; a small excerpt less so.
        weight = 0.9 + 0.1 * min(1.0, 2.0 * coverage)
        if whole >= weight:  # the excerpt's score (at most 1, weighted) cannot beat it
            return whole
        # Below the cut-off rapidfuzz stops early and answers 0: then ``whole`` stands, as it
        # would have anyway.
        partial = float(fuzz.partial_ratio(short, long_, score_cutoff=100.0 * whole / weight))
        return max(whole, partial / 100.0 * weight)
    return whole


_MENTION = re.compile(r"@\w+")


@lru_cache(maxsize=65536)
def mentions(normalised: str) -> tuple[str, ...]:
    """The ``@handles`` a text addresses (in a reply: whom the abuse is aimed at). Cached: a
    report's text is compared with every candidate's, and a content's with every report's."""
    return tuple(_MENTION.findall(normalised))


def mention_similarity(a: str, b: str) -> float | None:
    """Best similarity between the two texts' mentions; None when either mentions nobody."""
    ma, mb = mentions(a), mentions(b)
    if not ma or not mb:
        return None
    return max(handle_similarity(x[1:], y[1:]) for x in ma for y in mb)


def tokens(normalised: str) -> list[str]:
    return normalised.split()


_PRIME = (1 << 61) - 1
_MULTIPLIERS = tuple((0x9E3779B97F4A7C15 * (i + 1)) % _PRIME | 1 for i in range(64))
_OFFSETS = tuple((0xC2B2AE3D27D4EB4F * (i + 7)) % _PRIME for i in range(64))


def minhash(words: Sequence[str], permutations: int) -> tuple[int, ...]:
    """MinHash signature of the word set (stable across processes)."""
    if not words or permutations > len(_MULTIPLIERS):
        return ()
    hashes = {zlib.crc32(w.encode("utf-8")) for w in words}
    prime = _PRIME
    # A list, not a generator, for min: the same values, a sixth less time.
    return tuple(
        min([(m * h + o) % prime for h in hashes])
        for m, o in zip(_MULTIPLIERS[:permutations], _OFFSETS[:permutations], strict=True)
    )


@lru_cache(maxsize=8192)
def minhash_bands(normalised: str, bands: int, rows: int) -> tuple[str, ...]:
    """LSH band keys: two texts with Jaccard similarity J share a band with chance
    ``1 - (1 - J**rows) ** bands`` (0.90 at J=0.5 for 8 bands of 2 rows).

    Cached: one viral post's text arrives in many reports, and the signature is a tenth of a
    report's validation. The keys are stored in the graph, so they must never change: a
    test pins them."""
    words = tokens(normalised)
    if len(words) < 3:
        return ()
    signature = minhash(words, bands * rows)
    return tuple(
        f"{band}:{zlib.crc32(repr(signature[band * rows : (band + 1) * rows]).encode()):08x}"
        for band in range(bands)
    )


def prefix_key(normalised: str, prefix_tokens: int) -> str | None:
    """The first few words: a truncated copy keeps them even when MinHash bands miss."""
    words = tokens(normalised)
    if len(words) < prefix_tokens:
        return None
    return " ".join(words[:prefix_tokens])
