"""Letters of other scripts that look like Latin ones (Cyrillic ``і``, Greek ``ο``, fullwidth
``ｊ``), folded to the Latin letter a reader sees, so ``jsmіth`` with a Cyrillic ``і`` compares
as ``jsmith``.

The table is Unicode's confusables (UTS #39) as the maintained ``confusable-homoglyphs``
package ships them (its ``confusables.json``, built from Unicode's ``confusables.txt``): a
character is folded when one of its confusables is a single ASCII letter. UTS #39 lists some
lowercase letters only through their capitals (Cyrillic ``к``/``К``, ``т``/``Т``), so a lowercase
letter with no Latin confusable of its own takes its capital's, lowercased. ASCII itself is
never changed here (``0`` for ``o`` is leetspeak, a separate and lossier fold). Pure; the table
is built once per process.
"""

from __future__ import annotations

import json
import string
import unicodedata
from functools import cache, lru_cache
from importlib import resources

_ASCII_LETTERS = frozenset(string.ascii_letters)


def _latin_confusable(entries: list[dict[str, str]] | None) -> str | None:
    for entry in entries or ():
        glyph = entry.get("c", "")
        if len(glyph) == 1 and glyph in _ASCII_LETTERS:
            return glyph.lower()
    return None


@cache
def _table() -> dict[int, str]:
    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    table: dict[int, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii():
            continue
        latin = _latin_confusable(entries)
        if latin is None and char.upper() != char:
            latin = _latin_confusable(data.get(char.upper()))
        if latin is not None:
            table[ord(char)] = latin
    return table


@lru_cache(maxsize=1 << 16)
def fold_lookalikes(text: str) -> str:
    """``text`` lowercased, compatibility forms and accents removed, and every letter that looks
    like a Latin one replaced by it."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_table())
