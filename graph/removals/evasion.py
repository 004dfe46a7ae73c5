"""Text as an evader writes it, reduced to what a reader sees: the key re-uploads are matched on.

People re-post removed abuse with look-alike letters (Cyrillic ``о`` for ``o``), leetspeak
(``g0 b4ck``), spacing and punctuation between letters (``g.o b a c k``), stretched letters
(``baaack``), invisible characters, and emoji standing for letters (``🇬🇴``, ``🅾``). Look-alike
letters are Unicode's confusables (``graph/values/lookalikes.py``).
:func:`evasion_key` folds all of these the same way on both sides: one letter class for each
group of look-alikes, runs collapsed, everything else dropped. The key is lossy by design
(``kill`` and ``k1ll`` agree, and so do ``kil`` and ``kill``); it is compared only with the
keys of removed content, never used to decide a crime. Pure.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from graph.values.lookalikes import fold_lookalikes

# Leetspeak and symbols that stand for letters.
_LEET = {
    "0": "o", "1": "i", "!": "i", "|": "i", "3": "e", "€": "e", "4": "a", "@": "a", "5": "s",
    "$": "s", "7": "t", "+": "t", "8": "b", "9": "g", "6": "g",
}  # fmt: skip
# One class for letters a leet or look-alike swap makes indistinguishable.
_CLASS = str.maketrans({"l": "i", "j": "i", "y": "i", "z": "s", "q": "g"})
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\ufe0f\u20e3]")
_NOT_LETTER = re.compile(r"[^a-z]+")
_RUNS = re.compile(r"(.)\1+")
_REGIONAL_A, _SQUARED_A, _CIRCLED_A = 0x1F1E6, 0x1F170, 0x1F150


def _letter_of_emoji(char: str) -> str:
    point = ord(char)
    for base in (_REGIONAL_A, _SQUARED_A, _CIRCLED_A):
        if base <= point < base + 26:
            return chr(ord("a") + point - base)
    return char


@lru_cache(maxsize=65536)
def evasion_key(text: str) -> str:
    """Letters only, look-alikes folded to one class, runs collapsed."""
    text = _INVISIBLE.sub("", text)
    text = "".join(_letter_of_emoji(c) for c in text)
    text = fold_lookalikes(unicodedata.normalize("NFKC", text))
    text = "".join(_LEET.get(c, c) for c in text)
    text = _NOT_LETTER.sub("", text).translate(_CLASS)
    return _RUNS.sub(r"\1", text)


def same_text(a: str, b: str, threshold: float, min_letters: int) -> float | None:
    """The similarity (0-100) of two texts' keys when they match, else None. Short texts
    never match: a few letters are common words, not a re-upload."""
    ka, kb = evasion_key(a), evasion_key(b)
    if min(len(ka), len(kb)) < min_letters:
        return None
    score = float(fuzz.ratio(ka, kb))
    return score if score >= threshold else None
