"""The explanation unit (:class:`Evidence`) and the comparison-level normalisation shared by the
account and named-person features.

Normalisation here is only for *comparing* values (separators stripped, digits split off,
affixes like ``real``/``official`` removed); the canonical values themselves come from intake.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-able form, for storing on a judgement edge."""
        return {
            "feature": self.feature,
            "left": self.left,
            "right": self.right,
            "level": self.level,
            "weight": round(self.weight, 3),
            "note": self.note,
        }


def fold(text: str) -> str:
    """Lowercase, accents removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


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
    for p in prefixes:
        if skeleton.startswith(p) and len(skeleton) - len(p) >= 3:
            forms.append(HandleForm(skeleton[len(p) :], digits, f"prefix {p!r}"))
    for s in suffixes:
        if skeleton.endswith(s) and len(skeleton) - len(s) >= 3:
            forms.append(HandleForm(skeleton[: -len(s)], digits, f"suffix {s!r}"))
    return tuple(dict.fromkeys(forms))


def abbreviates(short: str, long: str) -> bool:
    """``jsmith`` abbreviates ``johnsmith``: same first letter, and the short form's tail
    (at least 4 letters) ends the long form."""
    if len(short) > len(long):
        short, long = long, short
    tail = short[1:]
    return len(short) < len(long) and len(tail) >= 4 and short[0] == long[0] and long.endswith(tail)
