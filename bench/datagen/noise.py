"""How reporters mangle what they copy: URL variants per platform, typed handles, captured text.

Every function takes the caller's ``random.Random`` so a seed fixes the output.
"""

from __future__ import annotations

import random
import string

_ALNUM = string.ascii_lowercase + string.digits
_SHORTCODE = string.ascii_letters + string.digits + "_-"


def post_id(rng: random.Random, platform: str) -> str:
    """A platform-shaped post identifier."""
    if platform == "instagram":
        return "".join(rng.choice(_SHORTCODE) for _ in range(11))
    if platform == "facebook":
        return str(rng.randrange(10**15, 10**17))
    return str(rng.randrange(10**18, 10**19))  # x (snowflake) and tiktok video ids


def post_url(rng: random.Random, platform: str, handle: str, pid: str) -> str:
    """One of the many ways a post URL reaches us (all with the same canonical post key)."""
    scheme = rng.choice(("https://", "https://", "https://", "http://"))
    tail = rng.choice(("", "", "", "/"))
    if platform == "x":
        host = rng.choice(
            ("x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com", "mobile.x.com")
        )
        who = rng.choice((handle, handle, handle.lower(), handle.upper()))
        path = f"/{who}/status/{pid}" if rng.random() < 0.95 else f"/i/web/status/{pid}"
        path += rng.choice(("", "", "", "/photo/1", "/photo/2", "/video/1"))
        query = rng.choice(("", "", "?s=20", f"?s=46&t={_token(rng, 22)}", "?ref_src=twsrc%5Etfw"))
    elif platform == "facebook":
        host = rng.choice(("www.facebook.com", "facebook.com", "m.facebook.com"))
        path = f"/{handle}/posts/{pid}"
        query = rng.choice(("", "", f"?__cft__[0]={_token(rng, 30)}", f"?fbclid={_token(rng, 24)}"))
    elif platform == "instagram":
        host = rng.choice(("www.instagram.com", "instagram.com"))
        path = f"/p/{pid}" + rng.choice(("/", "", "/?img_index=1"))
        tail = ""
        query = rng.choice(("", "", f"?igsh={_token(rng, 16)}", "?utm_source=ig_web_copy_link"))
    else:  # tiktok
        host = rng.choice(("www.tiktok.com", "tiktok.com", "m.tiktok.com"))
        path = f"/@{handle}/video/{pid}"
        query = rng.choice(("", "", "?is_from_webapp=1&sender_device=pc", "?lang=en"))
    if query.startswith("?") and "?" in path:
        query = "&" + query[1:]
    return f"{scheme}{host}{path}{tail if not query else ''}{query}"


def profile_url(rng: random.Random, platform: str, handle: str) -> str:
    host = {
        "x": rng.choice(("x.com", "twitter.com")),
        "facebook": "www.facebook.com",
        "instagram": "www.instagram.com",
        "tiktok": "www.tiktok.com",
    }[platform]
    who = f"@{handle}" if platform == "tiktok" else handle
    return f"https://{host}/{who}" + rng.choice(("", "/"))


def short_link(rng: random.Random, platform: str) -> str:
    host = {"x": "t.co", "facebook": "fb.me", "instagram": "bit.ly", "tiktok": "vm.tiktok.com"}
    return f"https://{host[platform]}/{_token(rng, 10)}"


def unusable_link(rng: random.Random, platform: str) -> str:
    return rng.choice(
        (
            f"{platform}.com",
            f"https://{platform}.com/search?q=abuse",
            f"https://{platform}.com/home",
            "https://x.com/i/web",
            f"https://www.{platform}.com/explore/",
        )
    )


def typed_handle(rng: random.Random, handle: str) -> str:
    """What a reporter types for the suspect's handle."""
    roll = rng.random()
    if roll < 0.5:
        return handle
    if roll < 0.75:
        return "@" + handle
    if roll < 0.85:
        return rng.choice(("", "@")) + typo(rng, handle, edits=1)
    if roll < 0.95:
        return handle.upper() if rng.random() < 0.5 else handle.lower()
    return f" @{handle} "


def typo(rng: random.Random, text: str, edits: int) -> str:
    """``edits`` random single-character edits (drop, double, swap, substitute)."""
    chars = list(text)
    for _ in range(edits):
        if len(chars) < 3:
            break
        i = rng.randrange(1, len(chars) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            del chars[i]
        elif kind == 1:
            chars.insert(i, chars[i])
        elif kind == 2:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = rng.choice(string.ascii_lowercase)
    return "".join(chars)


def captured_text(rng: random.Random, text: str) -> str:
    """The post's words as a reporter pastes or re-types them."""
    roll = rng.random()
    if roll < 0.40:
        return text
    if roll < 0.60:
        cut = max(20, int(len(text) * rng.uniform(0.5, 0.85)))
        return text[:cut].rstrip() + rng.choice(("...", "…", " [...]", ""))
    if roll < 0.80:
        return typo(rng, text, edits=max(1, len(text) // 40))
    if roll < 0.95:
        prefix = rng.choice(("They wrote: ", "He said: ", "they posted - ", "Quote: "))
        return prefix + rng.choice(('"{}"', "{}", "'{}'")).format(text)
    return text.upper()


def _token(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_ALNUM) for _ in range(n))
