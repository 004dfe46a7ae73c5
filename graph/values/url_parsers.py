"""Per-platform readers of URL paths: which post, comment or account a path names (X,
Instagram, Threads, TikTok, YouTube, Facebook here; the rest in ``url_parsers_community``).

Each reader takes the host (``www.`` removed), the path segments (percent-decoded, case kept)
and the query (first value per name) and returns a :class:`Parsed`: the kind, the
platform-native id, the author or account named, and the canonical path to rebuild the URL
from identity alone, so every variant of one post gets one canonical URL where the platform
allows it. Post ids keep their case where the platform's ids are case-sensitive (Instagram and
Threads shortcodes, YouTube ids, Facebook ``pfbid`` ids, Twitch clip slugs).

A comment is its own piece of content (people report the comment, not the thread): its
``post_id`` is ``<post>/<comment>`` and ``parent_id`` the post's id.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit


class UrlKind(enum.StrEnum):
    """What a URL points at (re-exported by :mod:`graph.values.url`)."""

    POST = "post"  # a post, video, comment or message: content
    ACCOUNT = "account"  # a profile
    SHORT_LINK = "short_link"  # a shortener or share link: the target is unknown offline
    OTHER = "other"  # anything else (a search page, a group, an unknown site)


@dataclass(frozen=True, slots=True)
class Parsed:
    kind: UrlKind
    post_id: str | None = None
    handle: str | None = None
    account_id: str | None = None
    parent_id: str | None = None
    path: str | None = None  # canonical path (with any identity query) on the canonical host
    url: str | None = None  # a whole canonical URL, when it is not on the canonical host


OTHER = Parsed(UrlKind.OTHER)
SHORT = Parsed(UrlKind.SHORT_LINK)
Reader = Callable[[str, list[str], dict[str, str]], Parsed]


def make_post(
    post_id: str,
    handle: str | None = None,
    path: str | None = None,
    *,
    parent: str | None = None,
    url: str | None = None,
) -> Parsed:
    return Parsed(UrlKind.POST, post_id, handle, None, parent, path, url)


def make_account(handle: str, path: str | None = None, url: str | None = None) -> Parsed:
    return Parsed(UrlKind.ACCOUNT, handle=handle, path=path, url=url)


def make_account_id(account_id: str, path: str) -> Parsed:
    return Parsed(UrlKind.ACCOUNT, account_id=account_id, path=path)


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def lowered(segments: list[str]) -> list[str]:
    return [s.lower() for s in segments]


def is_profile(
    s: list[str], reserved: frozenset[str], name: re.Pattern[str], tabs: frozenset[str]
) -> bool:
    """``/<name>`` or ``/<name>/<tab>``: a profile page, unless the name is a site path."""
    if not s or s[0].lower() in reserved or name.fullmatch(s[0]) is None:
        return False
    return len(s) == 1 or s[1].lower() in tabs


DIGITS = re.compile(r"\d{1,25}")


# -- X / Twitter ------------------------------------------------------------------------------
_X_RESERVED = words(
    "i home explore search settings hashtag intent share notifications messages compose login "
    "logout signup tos privacy about jobs download account lists communities premium web "
    "search-advanced verified-choose"
)
_X_TABS = words(
    "with_replies media likes highlights articles followers following verified_followers "
    "photo header_photo lists superfollows affiliates"
)
# Lenient on length: a profile URL of a legacy or typo'd handle is still that account's URL.
_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,50}")


def read_x(_host: str, s: list[str], q: dict[str, str]) -> Parsed:
    low = lowered(s)
    for i, part in enumerate(low):
        if part in ("status", "statuses") and i + 1 < len(s) and DIGITS.fullmatch(s[i + 1]):
            before = s[i - 1] if i >= 1 else ""
            user = (
                before
                if _X_HANDLE.fullmatch(before) and before.lower() not in _X_RESERVED
                else None
            )
            return make_post(s[i + 1], user, f"i/web/status/{s[i + 1]}")
    if len(s) >= 3 and low[0] == "i" and low[1] in ("spaces", "broadcasts"):
        return make_post(f"{low[1][:-1]}:{s[2]}", None, f"i/{low[1]}/{s[2]}")
    if len(s) >= 3 and low[:2] == ["i", "user"] and s[2].isdigit():
        return make_account_id(s[2], f"i/user/{s[2]}")
    if low[:1] == ["intent"] and len(s) >= 2 and low[1] in ("user", "follow"):
        if _X_HANDLE.fullmatch(q.get("screen_name", "")):
            return make_account(q["screen_name"], q["screen_name"].lower())
        if q.get("user_id", "").isdigit():
            return make_account_id(q["user_id"], f"i/user/{q['user_id']}")
    if is_profile(s, _X_RESERVED, _X_HANDLE, _X_TABS):
        return make_account(s[0], low[0])
    return OTHER


# -- Instagram and Threads ---------------------------------------------------------------------
_IG_RESERVED = words(
    "explore accounts direct about legal developer p reel reels tv stories home search web "
    "emails challenge privacy session oauth graphql api static create ar share _u"
)
_IG_TABS = words("tagged reels saved feed guides followers following channel")
_IG_HANDLE = re.compile(r"[A-Za-z0-9._]{1,30}")
_IG_CODE = re.compile(r"[A-Za-z0-9_-]{5,64}")


def read_instagram(_host: str, s: list[str], _q: dict[str, str]) -> Parsed:
    low = lowered(s)
    if low[:1] == ["share"] and len(s) >= 2:
        return SHORT  # instagram.com/share/... redirects to a post it does not name
    for i in (0, 1):
        if (
            len(s) > i + 1
            and low[i] in ("p", "reel", "reels", "tv")
            and _IG_CODE.fullmatch(s[i + 1])
        ):
            if i == 1 and (low[0] in _IG_RESERVED or not _IG_HANDLE.fullmatch(s[0])):
                break
            code, user, rest = s[i + 1], (s[0] if i == 1 else None), s[i + 2 :]
            comment = _ig_comment(rest)
            if comment:
                return make_post(f"{code}/{comment}", user, f"p/{code}/c/{comment}", parent=code)
            return make_post(code, user, f"p/{code}")
    if low[:1] == ["stories"] and len(s) >= 2 and low[1] != "highlights":
        if len(s) >= 3 and s[2].isdigit():
            return make_post(f"story:{s[2]}", s[1], f"stories/{low[1]}/{s[2]}")
        return make_account(s[1], low[1])
    if low[:1] == ["_u"] and len(s) >= 2 and _IG_HANDLE.fullmatch(s[1]):
        return make_account(s[1], low[1])
    if is_profile(s, _IG_RESERVED, _IG_HANDLE, _IG_TABS):
        return make_account(s[0], low[0])
    return OTHER


def _ig_comment(rest: list[str]) -> str | None:
    """``c/<comment>`` or ``c/<comment>/r/<reply>`` after a post code: the (reply) comment id."""
    if len(rest) >= 2 and rest[0].lower() == "c" and rest[1].isdigit():
        if len(rest) >= 4 and rest[2].lower() == "r" and rest[3].isdigit():
            return rest[3]
        return rest[1]
    return None


def read_threads(_host: str, s: list[str], _q: dict[str, str]) -> Parsed:
    low = lowered(s)
    if s and s[0].startswith("@") and _IG_HANDLE.fullmatch(s[0][1:]):
        user = s[0][1:]
        if len(s) >= 3 and low[1] == "post" and _IG_CODE.fullmatch(s[2]):
            return make_post(s[2], user, f"@{user.lower()}/post/{s[2]}")
        if len(s) == 1 or low[1] in ("replies", "reposts", "media"):
            return make_account(user, f"@{user.lower()}")
    if low[:1] == ["t"] and len(s) >= 2 and _IG_CODE.fullmatch(s[1]):
        return make_post(s[1], None, f"t/{s[1]}")
    return OTHER


# -- TikTok ------------------------------------------------------------------------------------
_TT_ID = re.compile(r"\d{8,25}")
_TT_HANDLE = re.compile(r"[A-Za-z0-9._]{1,30}")


def read_tiktok(_host: str, s: list[str], _q: dict[str, str]) -> Parsed:
    low = lowered(s)
    if s and s[0].startswith("@"):
        user = s[0][1:]
        if len(s) >= 3 and low[1] in ("video", "photo") and _TT_ID.fullmatch(s[2]):
            if _TT_HANDLE.fullmatch(user):
                return make_post(s[2], user, f"@{user.lower()}/{low[1]}/{s[2]}")
            return _tiktok_post(s[2])
        if _TT_HANDLE.fullmatch(user) and (len(s) == 1 or low[1] == "live"):
            return make_account(user, f"@{user.lower()}")
    video = None
    if len(s) >= 2 and low[0] in ("v", "video"):
        video = s[1].removesuffix(".html")
    elif len(s) >= 2 and low[0] == "embed":
        video = s[2] if low[1] == "v2" and len(s) >= 3 else s[1]
    elif len(s) >= 3 and low[:2] == ["share", "video"]:
        video = s[2]
    if video and _TT_ID.fullmatch(video):
        return _tiktok_post(video)
    if low[:1] == ["t"] and len(s) >= 2:
        return SHORT
    return OTHER


def _tiktok_post(video: str) -> Parsed:
    # No author in the link: TikTok's legacy author-less form still opens the video.
    return make_post(video, None, url=f"https://m.tiktok.com/v/{video}.html")


# -- YouTube -----------------------------------------------------------------------------------
_YT_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YT_COMMENT = re.compile(r"[A-Za-z0-9_.-]{10,100}")


def read_youtube(host: str, s: list[str], q: dict[str, str]) -> Parsed:
    low = lowered(s)
    video = None
    if host == "youtu.be":
        video = s[0] if s else None
    elif low[:1] == ["watch"]:
        video = q.get("v") or (s[1] if len(s) >= 2 else None)
    elif len(s) >= 2 and low[0] in ("shorts", "embed", "live", "v", "e"):
        video = s[1]
    elif low[:1] == ["attribution_link"] and "u" in q:
        inner = urlsplit(q["u"])
        return read_youtube(
            "youtube.com", [p for p in inner.path.split("/") if p], first_values(inner.query)
        )
    if video and _YT_ID.fullmatch(video):
        comment = q.get("lc", "")
        if _YT_COMMENT.fullmatch(comment):
            path = f"watch?v={video}&lc={comment}"
            return make_post(f"{video}/{comment}", None, path, parent=video)
        return make_post(video, None, f"watch?v={video}")
    if len(s) >= 2 and low[0] == "clip":
        return make_post(f"clip:{s[1]}", None, f"clip/{s[1]}")
    if len(s) >= 2 and low[0] == "post":
        return make_post(f"community:{s[1]}", None, f"post/{s[1]}")
    if "community" in low and q.get("lb"):
        return make_post(f"community:{q['lb']}", None, f"post/{q['lb']}")
    if s and s[0].startswith("@") and len(s[0]) > 1:
        return make_account(s[0][1:], f"@{low[0][1:]}")
    # Legacy custom URLs and usernames became @handles when YouTube introduced handles; a guess
    # that holds for most channels (documented in the module docstring of url.py).
    if len(s) >= 2 and low[0] in ("c", "user"):
        return make_account(s[1], f"@{low[1]}")
    if len(s) >= 2 and low[0] == "channel":
        return make_account_id(s[1], f"channel/{s[1]}")
    return OTHER


def first_values(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in parse_qsl(text, keep_blank_values=True):
        found.setdefault(name, value)
    return found


# -- Facebook ----------------------------------------------------------------------------------
_FB_RESERVED = words(
    "watch groups events marketplace share pages hashtag login story.php permalink.php "
    "photo.php photo profile.php reel reels gaming help policies home search explore "
    "notifications friends messages settings video.php people l.php sharer sharer.php dialog "
    "plugins privacy legal business ads bookmarks saved fundraisers stories live media "
    "home.php index.php recover checkpoint"
)
_FB_TABS = words("about photos videos friends posts reels followers following mentions")
_FB_ID = re.compile(r"pfbid0[A-Za-z0-9]{5,100}|\d{5,25}")
_FB_NAME = re.compile(r"[A-Za-z0-9.\-]{5,50}")


def read_facebook(_host: str, s: list[str], q: dict[str, str]) -> Parsed:
    post = _facebook_post(s, q)
    if post is None:
        return _facebook_other(s, q)
    comment = q.get("reply_comment_id") or q.get("comment_id") or ""
    if post.kind is UrlKind.POST and post.post_id and comment.isdigit():
        path = post.path or ""
        joined = f"{path}{'&' if '?' in path else '?'}comment_id={comment}"
        return make_post(f"{post.post_id}/{comment}", post.handle, joined, parent=post.post_id)
    return post


def _facebook_post(s: list[str], q: dict[str, str]) -> Parsed | None:
    low = lowered(s)
    first = low[0] if low else ""
    if first in ("permalink.php", "story.php") and _FB_ID.fullmatch(q.get("story_fbid", "")):
        story, owner = q["story_fbid"], q.get("id", "")
        owner_part = f"&id={owner}" if owner.isdigit() else ""
        return make_post(story, None, f"permalink.php?story_fbid={story}{owner_part}")
    if first in ("photo.php", "photo") and q.get("fbid", "").isdigit():
        return make_post(f"photo:{q['fbid']}", None, f"photo.php?fbid={q['fbid']}")
    if first in ("watch", "video.php") and q.get("v", "").isdigit():
        return make_post(f"video:{q['v']}", None, f"watch/?v={q['v']}")
    # A reel is a video: facebook.com/reel/ID and /watch/?v=ID open the same object.
    if first in ("reel", "reels") and len(s) >= 2 and s[1].isdigit():
        return make_post(f"video:{s[1]}", None, f"watch/?v={s[1]}")
    if first == "share" and len(s) >= 2:
        return SHORT
    group_post = len(s) >= 4 and low[2] in ("posts", "permalink") and _FB_ID.fullmatch(s[3])
    if first == "groups" and group_post:
        return make_post(s[3], None, f"groups/{low[1]}/posts/{s[3]}")
    shared = q.get("multi_permalinks", "")  # a group post opened from the group's feed
    if first == "groups" and _FB_ID.fullmatch(shared) and len(s) >= 2:
        return make_post(shared, None, f"groups/{low[1]}/posts/{shared}")
    if len(s) >= 3 and first not in _FB_RESERVED and low[1] in ("posts", "videos", "photos"):
        ids = [p for p in s[2:] if _FB_ID.fullmatch(p)]
        if ids:
            ident, user = ids[-1], s[0]
            if low[1] == "posts":
                return make_post(ident, user, f"{user.lower()}/posts/{ident}")
            if low[1] == "videos":
                return make_post(f"video:{ident}", user, f"watch/?v={ident}")
            return make_post(f"photo:{ident}", user, f"photo.php?fbid={ident}")
    return None


def _facebook_other(s: list[str], q: dict[str, str]) -> Parsed:
    low = lowered(s)
    first = low[0] if low else ""
    if first == "profile.php" and q.get("id", "").isdigit():
        return make_account_id(q["id"], f"profile.php?id={q['id']}")
    if first in ("people", "pages") and len(s) >= 3 and s[-1].isdigit():
        return make_account_id(s[-1], f"profile.php?id={s[-1]}")
    if is_profile(s, _FB_RESERVED, _FB_NAME, _FB_TABS):
        return make_account(s[0], first)
    return OTHER


READERS: dict[str, Reader] = {
    "x": read_x,
    "instagram": read_instagram,
    "threads": read_threads,
    "tiktok": read_tiktok,
    "youtube": read_youtube,
    "facebook": read_facebook,
}
