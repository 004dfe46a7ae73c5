"""Account handles as typed values: canonical per platform, with a node key.

People type handles as ``@JSmith88``, ``jsmith88 ``, ``＠ＪＳｍｉｔｈ８８``, ``u/jsmith88`` or
paste the profile URL. All clean to ``jsmith88`` on the platform, key ``x|jsmith88``. Handles
are case-insensitive on every platform in the registry, so the canonical value is lower case.
Each platform's allowed characters and lengths are data (``handle_pattern`` in
``graph/reference/data/platforms.toml``); WhatsApp accounts are phone numbers, cleaned to E.164.

X: the rule is the current one (1-15 of ``[a-z0-9_]``). Older or mistyped handles break it;
what reporters type about suspects is still evidence, so intake cleans with ``strict=False``:
the value is kept, lower-cased, and marked ``conforms=False``, and only a value with spaces
or over 100 characters is refused.

:func:`skeleton` is a comparison key for fuzzy matching (``j.smith_88`` ~ ``jsm1th88``), a
blocking key, never an identity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from graph.errors import InvalidValue
from graph.platforms import Platform
from graph.platforms import platform as registry_platform

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_LOOKS_LIKE_URL = re.compile(r"^(https?://|www\.|([a-z0-9-]+\.)+[a-z]{2,}/)", re.IGNORECASE)
_PREFIXES = {
    "reddit": re.compile(r"^/?u(ser)?/", re.IGNORECASE),
    "youtube": re.compile(r"^/?(c|user)/", re.IGNORECASE),
}
_LENIENT = re.compile(r"[^\s]{1,100}")


@dataclass(frozen=True, slots=True)
class Handle:
    platform: str
    value: str
    conforms: bool = True  # False: kept as typed although it breaks the platform's rules

    @classmethod
    def clean(cls, raw: str, platform: str, *, strict: bool = True) -> Handle:
        """Clean ``raw`` for ``platform`` (a registry id). ``strict=False`` is for what
        reporters type about suspects: a handle that breaks the platform's rules is kept,
        marked ``conforms=False``, instead of rejecting the whole report."""
        if not isinstance(raw, str):
            raise InvalidValue("handle", "must be a string")
        found = registry_platform(platform)  # a known platform id, or InvalidValue
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw)).strip()
        if _LOOKS_LIKE_URL.match(text):
            text = _from_url(text, found)
        text = text.strip().lstrip("@").strip()
        if platform in _PREFIXES:
            text = _PREFIXES[platform].sub("", text)
        value = text.casefold()
        if not value:
            raise InvalidValue("handle", "is empty")
        if platform == "whatsapp":
            return cls(platform, _phone(value, raw))
        if platform == "bluesky" and "." not in value:
            value += ".bsky.social"
        if re.fullmatch(found.handle_pattern, value):
            return cls(platform, value)
        if not strict and _LENIENT.fullmatch(value):
            return cls(platform, value, conforms=False)
        raise InvalidValue(
            "handle", f"{raw.strip()!r} is not a valid {found.name} handle: {found.handle_rule}"
        )

    @property
    def key(self) -> str:
        """Node key: ``platform|value``."""
        return f"{self.platform}|{self.value}"

    @property
    def skeleton(self) -> str:
        return skeleton(self.value)

    def __str__(self) -> str:
        return self.value if self.platform == "whatsapp" else f"@{self.value}"


def _from_url(text: str, platform: Platform) -> str:
    from graph.values.url import ContentUrl, UrlKind  # url imports the registry, not handles

    url = ContentUrl.clean(text, platform_hint=platform.id)
    if url.kind is not UrlKind.ACCOUNT or url.handle is None:
        raise InvalidValue("handle", f"{text!r} is a link, but not to an account's profile")
    if platform.id != "other" and url.platform not in (platform.id, "other"):
        raise InvalidValue(
            "handle", f"{text!r} is a {url.platform} profile, not a {platform.name} one"
        )
    return url.handle


def _phone(value: str, raw: str) -> str:
    from graph.values.phone import Phone

    digits = re.sub(r"[\s().-]", "", value)
    if re.fullmatch(r"\d{10,15}", digits) and not digits.startswith("0"):
        digits = "+" + digits  # wa.me style: international without the plus
    try:
        return Phone.clean(digits).e164
    except InvalidValue:
        raise InvalidValue(
            "handle", f"{raw.strip()!r} is not a valid WhatsApp handle: a phone number"
        ) from None


# Look-alikes folded by skeleton(): digits and symbols for letters, and Cyrillic/Greek letters
# that render like Latin ones. i and l both fold to l, so "jsm1th", "jsmith", "jsmlth" meet.
_LOOKALIKES = str.maketrans(
    {
        "0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "3": "e", "4": "a", "@": "a",
        "5": "s", "$": "s", "7": "t", "8": "b",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "l",
        "ј": "j", "ѕ": "s", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h",
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "l", "κ": "k", "τ": "t",
    }
)  # fmt: skip
_SEPARATORS = re.compile(r"[\s._\-]+")


def skeleton(value: str) -> str:
    """A comparison key for fuzzy matching, not an identity.

    NFKC and case folded, accents dropped, separators (``. _ -``, spaces) removed, look-alike
    characters folded (0/o, 1/i/l, 3/e, 4/a, 5/s, 7/t, Cyrillic а/е/о/р/с...). Two handles with
    one skeleton are worth comparing; they are not the same account.
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", value).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub("", text.lstrip("@")).translate(_LOOKALIKES)
