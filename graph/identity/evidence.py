"""The explanation unit (:class:`Evidence`) and the comparison-level normalisation shared by the
account and named-person features.

Normalisation here is only for *comparing* values (separators stripped, digits split off,
affixes like ``real``/``official`` removed); the canonical values themselves come from intake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.values.lookalikes import fold_lookalikes

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One feature's contribution to a pair's score: which values were compared, what level of
    agreement was found, and its weight in bits (log2 likelihood ratio)."""

    feature: str
    left: str
    right: str
    level: str
    weight: float
    note: str = ""
    band: str = ""  # how common the shared value is (frequency-aware features), see band()

    @property
    def key(self) -> str:
        """The comparison outcome weights are estimated for: level, and band when there is one."""
        return f"{self.level}@{self.band}" if self.band else self.level

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-able form, for storing on a judgement edge."""
        out: dict[str, object] = {
            "feature": self.feature,
            "left": self.left,
            "right": self.right,
            "level": self.level,
            "weight": round(self.weight, 3),
            "note": self.note,
        }
        if self.band:
            out["band"] = self.band
        return out


def fold(text: str) -> str:
    """Lowercase, accents removed, look-alike letters of other scripts read as the Latin ones
    (``graph/values/lookalikes.py``), whitespace collapsed."""
    return " ".join(fold_lookalikes(text).split())


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """A name for exact comparison: folded, punctuation dropped, tokens sorted (so "Smith,
    John" and "john smith" agree)."""
    tokens = [t for t in _NON_ALNUM.split(fold(name)) if t]
    return " ".join(sorted(tokens))


@dataclass(frozen=True, slots=True)
class HandleForm:
    """One comparison form of a handle: letters only (the skeleton) and its digits."""

    skeleton: str
    digits: str
    stripped: str = ""  # the affix removed to get here, if any


@lru_cache(maxsize=1 << 18)
def handle_forms(
    handle: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]
) -> tuple[HandleForm, ...]:
    """The handle as written, plus the forms with one known affix removed (``real_jsmith`` ->
    ``jsmith``). Affixes are only removed when at least 3 letters remain."""
    flat = _NON_ALNUM.sub("", fold(handle))
    digits = "".join(_DIGITS.findall(flat))
    skeleton = _DIGITS.sub("", flat)
    forms = [HandleForm(skeleton, digits)]
    for spelled in unleet(flat):
        forms.append(
            HandleForm(_DIGITS.sub("", spelled), "".join(_DIGITS.findall(spelled)), "leetspeak")
        )
    for p in prefixes:
        if skeleton.startswith(p) and len(skeleton) - len(p) >= 3:
            forms.append(HandleForm(skeleton[len(p) :], digits, f"prefix {p!r}"))
    for s in suffixes:
        if skeleton.endswith(s) and len(skeleton) - len(s) >= 3:
            forms.append(HandleForm(skeleton[: -len(s)], digits, f"suffix {s!r}"))
    return tuple(dict.fromkeys(forms))


# Digits written for letters inside a word (j5m1th); 1 reads as i or as l.
_LEET = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
_LEET_READINGS = (str.maketrans({**_LEET, "1": "i"}), str.maketrans({**_LEET, "1": "l"}))
# A run of one or two digits that all read as letters, between letters: "l33t" is a word, while
# "student0042zz" holds a number.
_INNER_DIGITS = re.compile(r"(?<=[a-z])[013457890]{1,2}(?=[a-z])")


def unleet(flat: str) -> tuple[str, ...]:
    """``flat`` (folded: letters and digits only) with the digits inside words read as letters,
    ``j5m1th`` -> ``jsmith`` and ``jsmlth``; a leading or trailing number stays a number, and so
    does a longer run or one with a digit no letter looks like. Empty when there is none."""
    if not _INNER_DIGITS.search(flat):
        return ()
    return tuple(dict.fromkeys(_read_inner_digits(flat, r) for r in _LEET_READINGS))


def _read_inner_digits(flat: str, reading: dict[int, str]) -> str:
    return _INNER_DIGITS.sub(lambda m: m.group().translate(reading), flat)


def abbreviates(short: str, long: str) -> bool:
    """``jsmith`` abbreviates ``johnsmith``: same first letter, and the short form's tail
    (at least 4 letters) ends the long form."""
    if len(short) > len(long):
        short, long = long, short
    tail = short[1:]
    return len(short) < len(long) and len(tail) >= 4 and short[0] == long[0] and long.endswith(tail)


def flat_handle(handle: str) -> str:
    """A handle folded to letters and digits only (``J_Smіth.88`` -> ``jsmith88``): how a
    mention of it in a post is matched."""
    return _NON_ALNUM.sub("", fold(handle))


def band(n: int, typical: float) -> str:
    """How common a shared value is, as an estimation band: ``rare`` (held by no more records
    than one person plausibly has), ``common`` (up to eight times that) or ``very_common``.
    Estimated weights (``graph/identity/weights.py``) are kept per band: the term-frequency
    adjustment, learnt from data."""
    if n <= typical:
        return "rare"
    return "common" if n <= 8 * typical else "very_common"
