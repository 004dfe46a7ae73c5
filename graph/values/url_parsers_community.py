"""URL readers for Reddit, Telegram, Bluesky, Twitch, Discord, Snapchat and WhatsApp.

Same contract as :mod:`graph.values.url_parsers` (which holds the larger platforms' readers and
the shared :class:`Parsed`).
"""

from __future__ import annotations

import re

from graph.values.url_parsers import (
    OTHER,
    SHORT,
    Parsed,
    Reader,
    is_profile,
    lowered,
    make_account,
    make_account_id,
    make_post,
    words,
)

# -- Reddit ------------------------------------------------------------------------------------
_RD_ID = re.compile(r"[a-z0-9]{1,13}")
_RD_USER = re.compile(r"[A-Za-z0-9_-]{1,30}")


def read_reddit(host: str, s: list[str], _q: dict[str, str]) -> Parsed:
    low = lowered(s)
    if host == "redd.it":
        if s and _RD_ID.fullmatch(low[0]):
            return make_post(low[0], None, f"comments/{low[0]}")
        return OTHER
    if host.endswith(".redd.it"):
        return OTHER  # i.redd.it / v.redd.it media: the post is not named
    if "comments" in low:
        i = low.index("comments")
        if i + 1 < len(s) and _RD_ID.fullmatch(low[i + 1]):
            post, rest = low[i + 1], low[i + 2 :]
            author = s[i - 1] if i >= 2 and low[i - 2] in ("u", "user") else None
            # .../comments/<post>/<slug>/<comment> or .../comments/<post>/comment/<comment>
            if len(rest) >= 2 and _RD_ID.fullmatch(rest[1]):
                path = f"comments/{post}/_/{rest[1]}"
                return make_post(f"{post}/{rest[1]}", author, path, parent=post)
            return make_post(post, author, f"comments/{post}")
    if low[:1] == ["gallery"] and len(s) >= 2 and _RD_ID.fullmatch(low[1]):
        return make_post(low[1], None, f"comments/{low[1]}")
    if len(s) >= 3 and low[0] in ("r", "u", "user") and low[2] == "s":
        return SHORT  # reddit.com/r/<sub>/s/<code>: a share link
    if len(s) >= 2 and low[0] in ("u", "user") and _RD_USER.fullmatch(s[1]):
        return make_account(s[1], f"user/{low[1]}")
    return OTHER


# -- Telegram ----------------------------------------------------------------------------------
_TG_RESERVED = words(
    "joinchat addstickers addemoji addtheme share proxy socks setlanguage login iv bg invoice "
    "boost contact confirmphone addlist k a z"
)
_TG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")


def read_telegram(host: str, s: list[str], q: dict[str, str]) -> Parsed:
    if host.endswith(".t.me"):  # <channel>.t.me/<n>
        s = [host.removesuffix(".t.me"), *s]
    parts = s[1:] if s and s[0].lower() == "s" else s
    low = lowered(parts)
    if len(parts) >= 3 and low[0] == "c" and parts[1].isdigit() and parts[-1].isdigit():
        return make_post(f"c/{parts[1]}/{parts[-1]}", None, f"c/{parts[1]}/{parts[-1]}")
    # <channel>/<message> or, in a forum group, <group>/<topic>/<message>
    numeric_tail = 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts[1:])
    if numeric_tail and _TG_NAME.fullmatch(parts[0]) and low[0] not in _TG_RESERVED:
        channel, message = low[0], parts[-1]
        comment = q.get("comment", "")
        if comment.isdigit():
            path = f"{channel}/{message}?comment={comment}"
            return make_post(
                f"{channel}/{message}/{comment}", channel, path, parent=f"{channel}/{message}"
            )
        return make_post(f"{channel}/{message}", channel, f"{channel}/{message}")
    if len(parts) == 1 and _TG_NAME.fullmatch(parts[0]) and low[0] not in _TG_RESERVED:
        return make_account(parts[0], low[0])
    return OTHER


# -- Bluesky, Twitch, Discord, Snapchat, WhatsApp ----------------------------------------------
def read_bluesky(_host: str, s: list[str], _q: dict[str, str]) -> Parsed:
    low = lowered(s)
    if len(s) >= 2 and low[0] == "profile":
        actor = low[1].lstrip("@")
        is_did = actor.startswith("did:")
        if len(s) >= 4 and low[2] == "post":
            path = f"profile/{actor}/post/{s[3]}"
            return make_post(f"{actor}/{s[3]}", None if is_did else actor, path)
        if len(s) == 2:
            return (
                make_account_id(actor, f"profile/{actor}")
                if is_did
                else make_account(actor, f"profile/{actor}")
            )
    return OTHER


_TWITCH_NAME = re.compile(r"[A-Za-z0-9_]{3,25}")
_TWITCH_TABS = words("videos about clips schedule")
_TWITCH_RESERVED = words(
    "directory videos settings search downloads p jobs subscriptions inventory drops wallet "
    "turbo friends messages login signup"
)


def read_twitch(host: str, s: list[str], q: dict[str, str]) -> Parsed:
    low = lowered(s)
    if host == "clips.twitch.tv":
        slug = q.get("clip") if low[:1] == ["embed"] else (s[0] if s else None)
        if slug:
            return make_post(f"clip:{slug}", None, url=f"https://clips.twitch.tv/{slug}")
        return OTHER
    if len(s) >= 2 and low[0] == "videos" and s[1].isdigit():
        return make_post(f"video:{s[1]}", None, f"videos/{s[1]}")
    if len(s) >= 3 and low[1] == "clip":
        return make_post(f"clip:{s[2]}", s[0], url=f"https://clips.twitch.tv/{s[2]}")
    if len(s) >= 3 and low[1] == "v" and s[2].isdigit():
        return make_post(f"video:{s[2]}", s[0], f"videos/{s[2]}")
    if is_profile(s, _TWITCH_RESERVED, _TWITCH_NAME, _TWITCH_TABS):
        return make_account(s[0], low[0])
    return OTHER


def read_discord(_host: str, s: list[str], _q: dict[str, str]) -> Parsed:
    low = lowered(s)
    is_message = len(s) >= 4 and low[0] == "channels" and s[2].isdigit() and s[3].isdigit()
    if is_message and (s[1].isdigit() or low[1] == "@me"):
        ident = f"{low[1]}/{s[2]}/{s[3]}"
        return make_post(ident, None, f"channels/{ident}")
    if len(s) >= 2 and low[0] == "users" and s[1].isdigit():
        return make_account_id(s[1], f"users/{s[1]}")
    return OTHER  # invites (discord.gg/<code>) name a server, not content


def read_snapchat(_host: str, s: list[str], _q: dict[str, str]) -> Parsed:
    low = lowered(s)
    if len(s) >= 2 and low[0] == "add":
        return make_account(s[1], f"add/{low[1]}")
    if s and s[0].startswith("@") and len(s[0]) > 1:
        return make_account(s[0][1:], f"add/{low[0][1:]}")
    if len(s) >= 2 and low[0] == "spotlight":
        return make_post(f"spotlight:{s[1]}", None, f"spotlight/{s[1]}")
    if low[:1] == ["t"] and len(s) >= 2:
        return SHORT
    return OTHER


def read_whatsapp(host: str, s: list[str], q: dict[str, str]) -> Parsed:
    low = lowered(s)
    number = ""
    if host == "wa.me" and s and re.fullmatch(r"\+?\d{6,15}", s[0]):
        number = s[0].lstrip("+")
    elif low[:1] == ["send"] or host == "api.whatsapp.com":
        number = re.sub(r"\D", "", q.get("phone", ""))
    if 6 <= len(number) <= 15:
        return make_account(f"+{number}", url=f"https://wa.me/{number}")
    if host == "wa.me" and low[:1] == ["message"]:
        return SHORT
    if low[:1] == ["channel"] and len(s) >= 2:
        return make_account_id(s[1], f"channel/{s[1]}")
    return OTHER  # chat.whatsapp.com/<code>: a group invite


READERS: dict[str, Reader] = {
    "reddit": read_reddit,
    "telegram": read_telegram,
    "bluesky": read_bluesky,
    "twitch": read_twitch,
    "discord": read_discord,
    "snapchat": read_snapchat,
    "whatsapp": read_whatsapp,
}
