"""Normalising display names and captured post text for comparison.

Both functions give comparison forms, never what is stored or shown: the original text stays
on the record.

* :func:`normalise_display_name`: ``"✨𝓙𝓸𝓱𝓷 𝓢𝓶𝓲𝓽𝓱✨ 🇬🇧"`` and ``"john  SMITH"`` both give
  ``"john smith"``: NFKC (which also folds the "fancy" mathematical letters abusers use), case
  folded, emoji, symbols, flags and decorative combining marks (strike-through, zalgo)
  removed, separators such as ``|``, ``•`` and ``~`` dropped, spaces collapsed. Letters of
  every script are kept, accents included (``josé`` stays ``josé``).
* :func:`normalise_free_text`: what a reporter copied of a post (``They wrote: "Go home..."``
  against ``Go home and never come back``): NFKC, case folded, quoting prefixes ("they wrote:",
  "he said -", "quote:"), surrounding quotes, truncation marks (``…``, ``...``, ``(more)``,
  ``See more``, ``[...]``) and URLs removed, typographic quotes and dashes made plain,
  whitespace collapsed. Punctuation inside the text is kept: it can carry meaning.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\u180e]")
# Combining marks used as decoration rather than spelling (strike-through, underline, zalgo),
# left over after NFKC has composed the real accents: Latin combining diacritics block,
# extended blocks, and marks for symbols (enclosing circles, keycaps).
_DECORATIVE_MARKS = re.compile(
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_DROP_CATEGORIES = frozenset({"So", "Sk", "Cf", "Co", "Cn", "Cs", "Me"})
_VARIATION = re.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef\U000e0000-\U000e007f]")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def _nfkc(raw: str) -> str:
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw))


def _compose_then_strip_decoration(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _DECORATIVE_MARKS.sub("", text)


# Small capitals (ᴊᴏʜɴ) are letters NFKC leaves alone; fold them like the fancy alphabets.
_SMALL_CAPS = str.maketrans("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnopqrstuvwyz")


def normalise_display_name(raw: str | None) -> str:
    """A display name for comparison: ``"✨ J☆hn • SMITH 🇬🇧"`` -> ``"john smith"``."""
    if not raw:
        return ""
    text = _compose_then_strip_decoration(_nfkc(raw).casefold().translate(_SMALL_CAPS))
    text = _VARIATION.sub("", text)
    kept = "".join(" " if unicodedata.category(ch) in _DROP_CATEGORIES else ch for ch in text)
    # Tokens made only of punctuation ("|", "•", "~", "-") are separators, not name.
    tokens = [_EDGE_PUNCT.sub("", token) for token in _SPACE.split(kept)]
    return " ".join(token for token in tokens if token)


_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
     "‹": "'", "›": "'", "`": "'", "–": "-", "—": "-", "―": "-", "‐": "-", "−": "-"}
)  # fmt: skip
_SPEAKER = (
    r"(?:they|he|she|someone|somebody|the user|this user|this person|user|the account|"
    r"the tweet|the post|the comment|the message|it|the suspect|the offender|@[\w.]+)"
)
_VERB = (
    r"(?:wrote|writes|said|says|posted|posts|tweeted|commented|replied|messaged|"
    r"sent(?: me)?|put|stated|called me|read|reads)"
)
_QUOTE_PREFIX = re.compile(
    rf"^\s*(?:{_SPEAKER}\s+)?{_VERB}(?:\s+(?:this|the following|that))?\s*(?:[:\-]|(?=[\"']))\s*"
)
_LABEL_PREFIX = re.compile(r"^\s*(?:quote|text|message|post|comment|tweet|caption)\s*[:\-]\s*")
_TRUNCATION = re.compile(
    r"\[\s*(?:\.\.\.|…|truncated|cut off|cont(?:inued)?|more)\s*\]"
    r"|\((?:\s*more\s*|\s*\.\.\.\s*)\)"
    r"|(?:\.\.\.|…)?\s*\b(?:see|show|read)\s+(?:more|less|translation)\b\s*$"
    r"|\.\.\.\s*more\s*$"
    r"|…|\.{3,}"
)
_URL = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.uk|uk|net|org|me|be|ly|app|tv|gg)/\S*"
)
_PAIRS = (('"', '"'), ("'", "'"))


def normalise_free_text(raw: str | None) -> str:
    """Captured post text for comparison: the words of the post, as the post had them."""
    if not raw:
        return ""
    text = _nfkc(raw).casefold().translate(_QUOTES)
    text = _SPACE.sub(" ", text).strip()
    for _ in range(3):  # 'He said: Quote: "..."' happens
        before = text
        text = _LABEL_PREFIX.sub("", _QUOTE_PREFIX.sub("", text)).strip()
        text = _strip_pair(text)
        if text == before:
            break
    text = _URL.sub(" ", text)
    text = _TRUNCATION.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return _strip_pair(text)


def _strip_pair(text: str) -> str:
    """Surrounding quotes, even when the closing one was lost to truncation."""
    for opening, closing in _PAIRS:
        if text.startswith(opening) and (text.endswith(closing) or text.count(opening) == 1):
            text = text[1:]
            text = text[:-1] if text.endswith(closing) else text
            return text.strip()
    return text
