"""URLs as typed values: the canonical identity of a post, or of an account.

The same post reached through a mobile host, an alias domain (twitter.com / x.com), tracking
parameters, a trailing slash, ``http``, a share path, a photo suffix, a Facebook or Google
redirect wrapper, or a defanged copy (``hxxps://x[.]com/...``) has one ``key``:
``x:post:1796512345678901234``. A profile URL is an account (``x:account:jsmith88``, or
``facebook:account-id:100012345`` when only a numeric id is shown), not a post. Short links
(t.co, bit.ly, vm.tiktok.com, facebook.com/share/...) cannot be resolved offline:
``short_link``, no key.

Decisions (each platform's reader is in :mod:`graph.values.url_parsers`):

* A comment is its own content: ``reddit:post:abc123/def456`` (comment ``def456`` under post
  ``abc123``) is not ``reddit:post:abc123``; ``parent_key`` links it to its post. The same
  holds for YouTube ``&lc=`` comments, Facebook ``comment_id``, Instagram ``/c/<id>`` and
  Telegram ``?comment=``.
* Facebook: ``/watch/?v=ID``, ``/reel/ID`` and ``/<user>/videos/ID`` are one video
  (``facebook:post:video:ID``); a post's key is its ``story_fbid`` (``/<user>/posts/ID`` and
  ``permalink.php?story_fbid=ID&id=OWNER`` agree); ``&id=`` is kept in the canonical URL.
* YouTube ``/c/<name>`` and ``/user/<name>`` are read as the ``@<name>`` handle (YouTube
  seeded handles from them; a guess for the few channels where they differ).
* Bluesky posts are keyed by the handle (or DID) in the link: the same post reached through the
  DID and through the handle gets two keys; no offline fix.
* ``canonical`` is rebuilt from identity, so variants of one post share it (X uses
  ``/i/web/status/ID``); TikTok, Threads and Facebook keep the author in the path, lower-cased.
* A ``platform_hint`` that disagrees with the host loses to the host; ``notes`` says so.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, quote, unquote, urlencode, urlsplit

from graph.errors import InvalidValue
from graph.platforms import (
    Platform,
    is_mirror_host,
    is_short_host,
    is_tracking_param,
    link_wrappers,
    platform_for_host,
    resolve_platform_name,
)
from graph.values import url_parsers, url_parsers_community
from graph.values.url_parsers import Parsed, UrlKind

__all__ = ["ContentUrl", "UrlKind"]

READERS = {**url_parsers.READERS, **url_parsers_community.READERS}

_NOT_HTTP = "not an http(s) URL"
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_DEFANGS = (
    (re.compile(r"^hxxp", re.IGNORECASE), "http"),
    (re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)", re.IGNORECASE), "."),
    (re.compile(r"\[:\]"), ":"),
    (re.compile(r"\[://\]"), "://"),
)
_WRAPPERS = frozenset({("<", ">"), ('"', '"'), ("'", "'"), ("“", "”"), ("(", ")"), ("[", "]")})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(//)?", re.IGNORECASE)
_HOST_PORT = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}:\d+(/|$)", re.IGNORECASE)
_DOMAIN = re.compile(r"([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})")


@dataclass(frozen=True, slots=True)
class ContentUrl:
    platform: str  # registry id; "other" for sites outside the registry
    kind: UrlKind
    post_id: str | None  # platform-native id of the post/video/comment/message
    handle: str | None  # canonical handle of the account the URL names (author or profile)
    canonical: str
    original: str
    account_id: str | None = None  # a numeric or opaque account id when no handle is shown
    parent_id: str | None = None  # a comment's post
    notes: tuple[str, ...] = ()  # what cleaning noticed (mirror host, hint overruled, ...)

    @property
    def key(self) -> str | None:
        """Node key: ``x:post:<id>``, ``x:account:<handle>``, ``x:account-id:<id>``, or None."""
        if self.kind is UrlKind.POST and self.post_id:
            return f"{self.platform}:post:{self.post_id}"
        if self.kind is UrlKind.ACCOUNT and self.handle:
            return f"{self.platform}:account:{self.handle}"
        if self.kind is UrlKind.ACCOUNT and self.account_id:
            return f"{self.platform}:account-id:{self.account_id}"
        return None

    @property
    def parent_key(self) -> str | None:
        """For a comment, the key of the post it was made on."""
        return f"{self.platform}:post:{self.parent_id}" if self.parent_id else None

    @property
    def account_key(self) -> str | None:
        """``platform|handle`` (the :class:`~graph.values.handle.Handle` key) when named."""
        return f"{self.platform}|{self.handle}" if self.handle else None

    @classmethod
    def clean(cls, raw: str, platform_hint: str | None = None) -> ContentUrl:
        """Parse what a person pasted. ``platform_hint`` (an id or a typed name) is only
        compared with the host: the host wins, and a disagreement is noted.

        Cached by what was pasted: many reports of one viral post paste the same link, and
        reading a link is a third of validating a referral (a link that fails is read again)."""
        if not isinstance(raw, str):
            raise InvalidValue("url", "must be a string")
        return _clean(raw, platform_hint)


@lru_cache(maxsize=4096)
def _clean(raw: str, platform_hint: str | None) -> ContentUrl:
    """:meth:`ContentUrl.clean`, uncached."""
    notes: list[str] = []
    parts = _split(_prepare(raw, notes))
    parts = _unwrap(parts, notes)
    host = _bare_host(parts)
    if is_short_host(host):
        return _short(host, parts, raw, platform_for_host(host), platform_hint, notes)
    found = platform_for_host(host)
    if found is None:
        return ContentUrl("other", UrlKind.OTHER, None, None, _other_url(parts), raw, notes=())
    if is_mirror_host(host):
        notes.append(f"{host} is a third-party mirror of {found.name}")
    _compare_hint(found, platform_hint, notes)
    path, fragment = parts.path, parts.fragment
    if fragment.startswith("!/"):  # old "#!/user/status/1" links
        path = fragment[1:]
    segments = [unquote(s) for s in path.split("/") if s]
    reader = READERS.get(found.id)
    parsed = reader(host, segments, _first_values(parts.query)) if reader else Parsed(UrlKind.OTHER)
    if parsed.kind is UrlKind.SHORT_LINK:
        return _short(host, parts, raw, found, None, notes)
    return ContentUrl(
        platform=found.id,
        kind=parsed.kind,
        post_id=parsed.post_id,
        handle=parsed.handle.casefold() if parsed.handle else None,
        canonical=_canonical(found, parsed, host, parts),
        original=raw,
        account_id=parsed.account_id,
        parent_id=parsed.parent_id,
        notes=tuple(notes),
    )


def _prepare(raw: str, notes: list[str]) -> str:
    """What was pasted, trimmed of wrapping, re-fanged, with a scheme."""
    text = _INVISIBLE.sub("", raw).strip()
    while len(text) >= 2 and (text[0], text[-1]) in _WRAPPERS:
        text = text[1:-1].strip()
    text = text.rstrip(".,;:!?'\"”’")
    if text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1]
    refanged = text
    for pattern, replacement in _DEFANGS:
        refanged = pattern.sub(replacement, refanged)
    if refanged != text:
        notes.append("a defanged link was re-fanged")
        text = refanged
    if not text:
        raise InvalidValue("url", "is empty")
    if re.search(r"\s", text):
        raise InvalidValue("url", _NOT_HTTP)
    scheme = _SCHEME.match(text)
    if scheme and not _HOST_PORT.match(text):
        if scheme.group(1).lower() not in ("http", "https") or not scheme.group(2):
            raise InvalidValue("url", _NOT_HTTP)
        return text
    return "https://" + text.lstrip("/")


def _split(text: str) -> SplitResult:
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
        _ = parts.port  # raises ValueError for a port that is not a number
        if not host.isascii():
            host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise InvalidValue("url", _NOT_HTTP) from None
    if not _valid_host(host.lower()):
        raise InvalidValue("url", _NOT_HTTP)
    netloc = host.lower() + (f":{parts.port}" if parts.port not in (None, 80, 443) else "")
    return parts._replace(scheme="https", netloc=netloc)


def _valid_host(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return _DOMAIN.fullmatch(host) is not None
    return address.is_global


def _bare_host(parts: SplitResult) -> str:
    return re.sub(r"^www\d*\.", "", (parts.hostname or "").lower())


def _first_values(query: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        found.setdefault(name, value)
    return found


def _unwrap(parts: SplitResult, notes: list[str]) -> SplitResult:
    """Read the real URL out of redirect wrappers (l.facebook.com/l.php?u=..., google.com/url)."""
    for _ in range(3):
        host = _bare_host(parts)
        wrapper = next(
            (
                w
                for w in link_wrappers()
                if (host == w.host or host.endswith("." + w.host))
                and (not w.path or parts.path.rstrip("/") == w.path.rstrip("/"))
            ),
            None,
        )
        if wrapper is None:
            return parts
        query = _first_values(parts.query)
        inner = next((query[p] for p in wrapper.params if query.get(p)), None)
        if not wrapper.params:
            inner = unquote(parts.query)
        if not inner:
            return parts
        notes.append(f"the link was read out of a {host} redirect")
        parts = _split(_prepare(inner, notes))
    return parts


def _compare_hint(found: Platform, hint: str | None, notes: list[str]) -> None:
    if not hint:
        return
    try:
        hinted = resolve_platform_name(hint)
    except InvalidValue:
        notes.append(f"platform given as {hint!r} is not known; the link says {found.id}")
        return
    if hinted.id not in (found.id, "other"):
        notes.append(f"platform given as {hinted.id} but the link is {found.id}: the link wins")


def _short(
    host: str,
    parts: SplitResult,
    raw: str,
    found: Platform | None,
    hint: str | None,
    notes: list[str],
) -> ContentUrl:
    platform_id = found.id if found else "other"
    if found is None and hint:
        # A generic shortener: the platform the reporter named is the best guess we have.
        with contextlib.suppress(InvalidValue):
            platform_id = resolve_platform_name(hint).id
    path = _clean_path(parts.path)
    notes.append("a short link: the target is unknown until it is resolved")
    return ContentUrl(
        platform_id,
        UrlKind.SHORT_LINK,
        None,
        None,
        f"https://{host}/{path}",
        raw,
        notes=tuple(notes),
    )


_SAFE = "!$&'()*+,;=:@~-._"


def _clean_path(path: str) -> str:
    return "/".join(quote(unquote(s), safe=_SAFE) for s in path.split("/") if s)


def _clean_query(query: str, platform_id: str | None) -> str:
    kept = sorted(
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if not is_tracking_param(name, platform_id)
    )
    return urlencode(kept)


def _canonical(platform: Platform, parsed: Parsed, host: str, parts: SplitResult) -> str:
    if parsed.url:
        return parsed.url
    if parsed.path is not None:
        return f"https://{platform.canonical_host}/{parsed.path}".rstrip("/")
    # Not content the registry knows: keep the page, on the canonical host when this host is
    # just an alias of it (mobile.twitter.com), on its own host otherwise (i.redd.it).
    shown = platform.canonical_host if host in platform.hosts else host
    query = _clean_query(parts.query, platform.id)
    return f"https://{shown}/{_clean_path(parts.path)}".rstrip("/") + (f"?{query}" if query else "")


def _other_url(parts: SplitResult) -> str:
    """An unknown site: lower-case host without www./m./mobile., no tracking, no fragment."""
    host = parts.netloc
    bare = re.sub(r"^(www\d*|m|mobile)\.", "", host)
    if bare.count(".") >= 1:
        host = bare
    query = _clean_query(parts.query, None)
    return f"https://{host}/{_clean_path(parts.path)}".rstrip("/") + (f"?{query}" if query else "")
