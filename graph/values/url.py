"""URLs as typed values: the canonical identity of a post, or of an account.

The same post reached through a mobile host, an alias domain (twitter.com / x.com), tracking
parameters, a trailing slash, ``http``, a share path or a photo suffix has one ``key``:
``x:post:1796512345678901234``. A profile URL is an account (``x:account:jsmith88``), not a
post. Short links (t.co, bit.ly, vm.tiktok.com) cannot be resolved offline: ``short_link``.
Post ids keep their case where the platform's ids are case-sensitive (Instagram shortcodes,
Facebook ``pfbid`` ids, YouTube video ids).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from graph.errors import InvalidValue
from graph.platforms import Platform, is_short_host, platform_for_host


class UrlKind(enum.StrEnum):
    POST = "post"
    ACCOUNT = "account"
    SHORT_LINK = "short_link"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ContentUrl:
    platform: str
    kind: UrlKind
    post_id: str | None
    handle: str | None
    canonical: str
    original: str
    account_id: str | None = None  # a numeric or opaque account id when no handle is shown

    @property
    def key(self) -> str | None:
        if self.kind is UrlKind.POST and self.post_id:
            return f"{self.platform}:post:{self.post_id}"
        if self.kind is UrlKind.ACCOUNT and self.handle:
            return f"{self.platform}:account:{self.handle}"
        if self.kind is UrlKind.ACCOUNT and self.account_id:
            return f"{self.platform}:account-id:{self.account_id}"
        return None

    @classmethod
    def clean(cls, raw: str, platform_hint: str | None = None) -> ContentUrl:
        """Parse what a person pasted; ``platform_hint`` (a registry id) only fills in where
        the host says nothing (an unknown host keeps platform ``other``)."""
        text = raw.strip()
        if not text:
            raise InvalidValue("url", "is empty")
        has_scheme = re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE)
        is_http = re.match(r"^https?://", text, re.IGNORECASE)
        host_and_port = re.match(r"^[\w.-]+\.[a-z]{2,}:\d+", text, re.IGNORECASE)
        if has_scheme and not is_http and not host_and_port:
            raise InvalidValue("url", "not an http(s) URL")
        if not re.match(r"^https?://", text, re.IGNORECASE):
            text = "https://" + text.lstrip("/")
        try:
            parts = urlsplit(text)
            host = (parts.hostname or "").lower().rstrip(".")
        except ValueError:
            raise InvalidValue("url", "not an http(s) URL") from None
        if not re.fullmatch(r"([a-z0-9-]+\.)+[a-z]{2,63}", host) or " " in text:
            raise InvalidValue("url", "not an http(s) URL")
        host = host.removeprefix("www.")
        segments = [unquote(s) for s in parts.path.split("/") if s]
        query = {k: v[0] for k, v in parse_qs(parts.query).items() if v}

        if is_short_host(host):
            found = platform_for_host(host)
            return cls(
                platform=found.id if found else (platform_hint or "other"),
                kind=UrlKind.SHORT_LINK,
                post_id=None,
                handle=None,
                canonical=f"https://{host}/{'/'.join(segments)}",
                original=raw,
            )
        found = platform_for_host(host)
        if found is None:
            path = "/".join(segments)
            return cls("other", UrlKind.OTHER, None, None, f"https://{host}/{path}", raw)
        parser = _PARSERS.get(found.id, _generic)
        parsed = parser(host, segments, query)
        return cls(
            platform=found.id,
            kind=parsed.kind,
            post_id=parsed.post_id,
            handle=parsed.handle.casefold() if parsed.handle else None,
            canonical=_canonical(found, parsed, segments),
            original=raw,
            account_id=parsed.account_id,
        )


@dataclass(frozen=True, slots=True)
class _Parsed:
    kind: UrlKind
    post_id: str | None = None
    handle: str | None = None
    account_id: str | None = None
    path: str | None = None  # canonical path when it differs from the cleaned input


_OTHER = _Parsed(UrlKind.OTHER)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


Parser = Callable[[str, list[str], dict[str, str]], _Parsed]


def _canonical(platform: Platform, parsed: _Parsed, segments: list[str]) -> str:
    host = platform.hosts[0]
    path = parsed.path if parsed.path is not None else "/".join(segments)
    return f"https://{host}/{path}".rstrip("/")


def _post(post_id: str, handle: str | None = None, path: str | None = None) -> _Parsed:
    return _Parsed(UrlKind.POST, post_id=post_id, handle=handle, path=path)


def _account(handle: str, path: str | None = None) -> _Parsed:
    return _Parsed(UrlKind.ACCOUNT, handle=handle, path=path)


# -- X / Twitter ------------------------------------------------------------------------------
_X_RESERVED = _words(
    "i home explore search settings hashtag intent share notifications messages compose "
    "login signup tos privacy about search"
)


def _x(_host: str, s: list[str], q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    for i, part in enumerate(lowered):
        if part in ("status", "statuses") and i + 1 < len(s) and s[i + 1].isdigit():
            user = s[i - 1] if i >= 1 and lowered[i - 1] not in _X_RESERVED | {"web"} else None
            post_id = s[i + 1]
            return _post(post_id, user, f"{(user or 'i').lower()}/status/{post_id}")
    if lowered[:2] == ["intent", "user"] and "screen_name" in q:
        return _account(q["screen_name"], q["screen_name"].lower())
    profile_tabs = ("with_replies", "media", "likes", "highlights")
    if (
        len(s) >= 1
        and lowered[0] not in _X_RESERVED
        and re.fullmatch(r"[A-Za-z0-9_]{1,15}", s[0])
        and (len(s) == 1 or lowered[1] in profile_tabs)
    ):
        return _account(s[0], s[0].lower())
    return _OTHER


# -- Instagram and Threads ---------------------------------------------------------------------
_IG_RESERVED = _words("explore accounts direct about legal developer p reel reels tv home search")


def _instagram(_host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    for i, part in enumerate(lowered):
        if part in ("p", "reel", "reels", "tv") and i + 1 < len(s):
            code = s[i + 1]
            user = s[i - 1] if i >= 1 else None
            return _post(code, user, f"p/{code}")
    if lowered[:1] == ["stories"] and len(s) >= 3 and s[2].isdigit():
        return _post(f"story-{s[2]}", s[1], f"stories/{s[1].lower()}/{s[2]}")
    if len(s) == 1 and lowered[0] not in _IG_RESERVED:
        return _account(s[0], s[0].lower())
    return _OTHER


def _threads(_host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    if s and s[0].startswith("@"):
        user = s[0][1:]
        if len(s) >= 3 and s[1].lower() == "post":
            return _post(s[2], user, f"@{user.lower()}/post/{s[2]}")
        if len(s) == 1:
            return _account(user, f"@{user.lower()}")
    return _OTHER


# -- TikTok ------------------------------------------------------------------------------------
def _tiktok(_host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    if s and s[0].startswith("@"):
        user = s[0][1:]
        if len(s) >= 3 and s[1].lower() in ("video", "photo") and s[2].isdigit():
            return _post(s[2], user, f"@{user.lower()}/video/{s[2]}")
        if len(s) == 1:
            return _account(user, f"@{user.lower()}")
    if len(s) >= 2 and s[0].lower() == "v":
        video = s[1].removesuffix(".html")
        if video.isdigit():
            return _post(video, None, f"video/{video}")
    if len(s) >= 2 and s[0].lower() == "t":
        return _Parsed(UrlKind.SHORT_LINK)
    return _OTHER


# -- YouTube -----------------------------------------------------------------------------------
_YT_ID = re.compile(r"[A-Za-z0-9_-]{11}")


def _youtube(host: str, s: list[str], q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    video = None
    if host == "youtu.be" and s:
        video = s[0]
    elif lowered[:1] == ["watch"] and "v" in q:
        video = q["v"]
    elif len(s) >= 2 and lowered[0] in ("shorts", "embed", "live", "v", "e"):
        video = s[1]
    if video and _YT_ID.fullmatch(video):
        return _post(video, None, f"watch?v={video}")
    if s and s[0].startswith("@"):
        return _account(s[0][1:], f"@{s[0][1:].lower()}")
    if len(s) >= 2 and lowered[0] in ("c", "user"):
        return _account(s[1], f"@{s[1].lower()}")
    if len(s) >= 2 and lowered[0] == "channel":
        return _Parsed(UrlKind.ACCOUNT, account_id=s[1], path=f"channel/{s[1]}")
    return _OTHER


# -- Facebook ----------------------------------------------------------------------------------
_FB_RESERVED = _words(
    "watch groups events marketplace share pages hashtag login story.php permalink.php "
    "photo.php photo profile.php reel gaming help policies home search explore "
    "notifications friends messages settings"
)


def _facebook(_host: str, s: list[str], q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    first = lowered[0] if lowered else ""
    if first in ("permalink.php", "story.php") and "story_fbid" in q:
        return _post(q["story_fbid"], None, f"permalink.php?story_fbid={q['story_fbid']}")
    if first in ("photo.php", "photo") and "fbid" in q:
        return _post(f"photo:{q['fbid']}", None, f"photo.php?fbid={q['fbid']}")
    if first == "watch" and "v" in q:
        return _post(f"video:{q['v']}", None, f"watch/?v={q['v']}")
    if first == "reel" and len(s) >= 2:
        return _post(f"reel:{s[1]}", None, f"reel/{s[1]}")
    if first == "share" and len(s) >= 2:
        return _Parsed(UrlKind.SHORT_LINK)
    if first == "groups" and len(s) >= 4 and lowered[2] in ("posts", "permalink"):
        return _post(s[3], None, f"groups/{s[1].lower()}/posts/{s[3]}")
    if first == "profile.php" and "id" in q:
        return _Parsed(UrlKind.ACCOUNT, account_id=q["id"], path=f"profile.php?id={q['id']}")
    if len(s) >= 3 and lowered[1] in ("posts", "videos", "photos"):
        kind = {"posts": "", "videos": "video:", "photos": "photo:"}[lowered[1]]
        post_id = s[-1] if lowered[1] == "photos" else s[2]
        return _post(f"{kind}{post_id}", s[0], f"{s[0].lower()}/{lowered[1]}/{post_id}")
    if len(s) == 1 and first not in _FB_RESERVED:
        return _account(s[0], s[0].lower())
    return _OTHER


# -- Reddit ------------------------------------------------------------------------------------
def _reddit(host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    if host == "redd.it" and s:
        return _post(lowered[0], None, f"comments/{lowered[0]}")
    if "comments" in lowered:
        i = lowered.index("comments")
        if i + 1 < len(s):
            post = lowered[i + 1]
            # .../comments/<post>/<slug>/<comment>: a comment is its own piece of content.
            comment = lowered[i + 3] if i + 3 < len(s) else None
            post_id = f"{post}/{comment}" if comment else post
            return _post(post_id, None, f"comments/{post_id}")
    if len(s) >= 3 and lowered[0] == "r" and lowered[2] == "s":
        return _Parsed(UrlKind.SHORT_LINK)
    if len(s) >= 2 and lowered[0] in ("u", "user"):
        return _account(s[1], f"user/{s[1].lower()}")
    return _OTHER


# -- Telegram, Bluesky, Twitch, Discord, Snapchat ----------------------------------------------
def _telegram(_host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    parts = s[1:] if s and s[0].lower() == "s" else s
    if len(parts) >= 3 and parts[0].lower() == "c" and parts[2].isdigit():
        return _post(f"c/{parts[1]}/{parts[2]}", None, f"c/{parts[1]}/{parts[2]}")
    if len(parts) >= 2 and parts[1].isdigit():
        channel = parts[0].lower()
        return _post(f"{channel}/{parts[1]}", parts[0], f"{channel}/{parts[1]}")
    if len(parts) == 1 and parts[0].lower() not in ("joinchat", "addstickers", "share"):
        return _account(parts[0], parts[0].lower())
    return _OTHER


def _bluesky(_host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    if len(s) >= 2 and lowered[0] == "profile":
        handle = lowered[1]
        if len(s) >= 4 and lowered[2] == "post":
            return _post(f"{handle}/{s[3]}", handle, f"profile/{handle}/post/{s[3]}")
        if len(s) == 2:
            return _account(handle, f"profile/{handle}")
    return _OTHER


def _twitch(host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    if host == "clips.twitch.tv" and s:
        return _post(f"clip:{s[0]}", None, f"clip/{s[0]}")
    if len(s) >= 2 and lowered[0] == "videos" and s[1].isdigit():
        return _post(f"video:{s[1]}", None, f"videos/{s[1]}")
    if len(s) >= 3 and lowered[1] == "clip":
        return _post(f"clip:{s[2]}", s[0], f"clip/{s[2]}")
    if len(s) == 1 and lowered[0] not in ("directory", "videos", "settings", "search"):
        return _account(s[0], lowered[0])
    return _OTHER


def _discord(_host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    if len(s) >= 4 and s[0].lower() == "channels" and all(p.isdigit() for p in s[1:4]):
        ident = "/".join(s[1:4])
        return _post(ident, None, f"channels/{ident}")
    return _OTHER


def _snapchat(_host: str, s: list[str], _q: dict[str, str]) -> _Parsed:
    lowered = [p.lower() for p in s]
    if len(s) >= 2 and lowered[0] == "add":
        return _account(s[1], f"add/{lowered[1]}")
    if len(s) >= 2 and lowered[0] == "spotlight":
        return _post(f"spotlight:{s[1]}", None, f"spotlight/{s[1]}")
    if s and s[0].startswith("@"):
        return _account(s[0][1:], f"add/{lowered[0][1:]}")
    return _OTHER


def _generic(_host: str, _s: list[str], _q: dict[str, str]) -> _Parsed:
    return _OTHER


_PARSERS: dict[str, Parser] = {
    "x": _x,
    "instagram": _instagram,
    "threads": _threads,
    "tiktok": _tiktok,
    "youtube": _youtube,
    "facebook": _facebook,
    "reddit": _reddit,
    "telegram": _telegram,
    "bluesky": _bluesky,
    "twitch": _twitch,
    "discord": _discord,
    "snapchat": _snapchat,
}
