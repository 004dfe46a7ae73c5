"""Account handles as typed values: canonical per platform, with a node key.

People type handles as ``@JSmith88``, ``jsmith88 ``, ``u/jsmith88`` or paste the profile URL.
All clean to ``jsmith88`` on the platform, key ``x|jsmith88``. Handles are case-insensitive on
every platform in the registry, so the canonical value is lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import InvalidValue
from graph.platforms import platform as registry_platform

# Allowed characters and lengths per platform (the platforms' published username rules).
RULES: dict[str, tuple[str, str]] = {
    "x": (r"[a-z0-9_]{1,15}", "1-15 letters, digits or _"),
    "instagram": (r"[a-z0-9._]{1,30}", "1-30 letters, digits, . or _"),
    "threads": (r"[a-z0-9._]{1,30}", "1-30 letters, digits, . or _"),
    "tiktok": (r"[a-z0-9._]{2,24}", "2-24 letters, digits, . or _"),
    "youtube": (r"[a-z0-9._-]{3,30}", "3-30 letters, digits, _, - or ."),
    "reddit": (r"[a-z0-9_-]{3,20}", "3-20 letters, digits, _ or -"),
    "twitch": (r"[a-z0-9_]{3,25}", "3-25 letters, digits or _"),
    "telegram": (r"[a-z0-9_]{4,32}", "4-32 letters, digits or _"),
    "snapchat": (r"[a-z0-9._-]{3,15}", "3-15 letters, digits, ., _ or -"),
    "discord": (r"[a-z0-9._]{2,32}", "2-32 letters, digits, . or _"),
    "facebook": (r"[a-z0-9.]{1,50}", "letters, digits or . (or a numeric profile id)"),
    "bluesky": (r"[a-z0-9-]+(\.[a-z0-9-]+)+", "a domain-style handle such as name.bsky.social"),
    "whatsapp": (r"\+?[0-9]{6,15}", "a phone number"),
    "other": (r"[^\s]{1,100}", "up to 100 characters without spaces"),
}

_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "i": "l", "3": "e", "5": "s", "4": "a"})


@dataclass(frozen=True, slots=True)
class Handle:
    platform: str
    value: str
    conforms: bool = True  # False: kept as typed although it breaks the platform's rules

    @classmethod
    def clean(cls, raw: str, platform: str, *, strict: bool = True) -> Handle:
        """``strict=False`` is for what reporters type about suspects: a handle that breaks
        the platform's rules is still evidence (a typo, an old account), so it is kept,
        lower-cased and marked ``conforms=False`` instead of rejecting the whole report."""
        registry_platform(platform)  # a known platform id, or InvalidValue
        text = raw.strip()
        if re.match(r"^(https?://|www\.|([a-z0-9-]+\.)+[a-z]{2,}/)", text, re.IGNORECASE):
            text = _from_url(text, platform)
        text = text.strip().lstrip("@").strip()
        if platform == "reddit":
            text = re.sub(r"^/?u(ser)?/", "", text, flags=re.IGNORECASE)
        value = text.casefold()
        if platform == "bluesky" and value and "." not in value:
            value += ".bsky.social"
        pattern, words = RULES[platform]
        if not value:
            raise InvalidValue("handle", "is empty")
        if re.fullmatch(pattern, value):
            return cls(platform, value)
        if not strict and re.fullmatch(RULES["other"][0], value):
            return cls(platform, value, conforms=False)
        raise InvalidValue("handle", f"{raw.strip()!r} is not a valid {platform} handle ({words})")

    @property
    def key(self) -> str:
        return f"{self.platform}|{self.value}"

    def __str__(self) -> str:
        return f"@{self.value}"


def _from_url(text: str, platform: str) -> str:
    from graph.values.url import ContentUrl, UrlKind

    url = ContentUrl.clean(text, platform_hint=platform)
    if url.kind is not UrlKind.ACCOUNT or url.handle is None:
        raise InvalidValue("handle", f"{text!r} is a link, but not to an account's profile")
    return url.handle


def skeleton(value: str) -> str:
    """A comparison key for fuzzy matching, not an identity: separators dropped, look-alike
    characters folded (``j.smith_88`` and ``jsmlth88`` share ``jsmlthbb``-style keys)."""
    return re.sub(r"[._\-]", "", value.casefold()).translate(_LOOKALIKES)
