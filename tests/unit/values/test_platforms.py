from __future__ import annotations

import re

import pytest

from graph.errors import InvalidValue
from graph.platforms import (
    all_platforms,
    is_short_host,
    is_tracking_param,
    platform,
    platform_for_host,
    resolve_platform_name,
)

IDS = [
    "x", "facebook", "instagram", "tiktok", "youtube", "reddit", "telegram", "snapchat",
    "whatsapp", "discord", "twitch", "threads", "bluesky", "other",
]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "platform_id"),
    [
        ("X", "x"),
        ("twitter", "x"),
        ("Twitter/X", "x"),
        ("TWITTER (X)", "x"),
        ("X (formerly Twitter)", "x"),
        ("x.com", "x"),
        ("Insta", "instagram"),
        ("IG", "instagram"),
        ("instagram", "instagram"),
        ("Insta-gram", "instagram"),
        ("FACEBOOK", "facebook"),
        ("fb", "facebook"),
        ("F.B.", "facebook"),
        ("Messenger", "facebook"),
        ("Tik Tok", "tiktok"),
        ("tik-tok", "tiktok"),
        ("TikTok", "tiktok"),
        ("YT", "youtube"),
        ("You Tube", "youtube"),
        ("reddit", "reddit"),
        ("Telegram", "telegram"),
        ("snap", "snapchat"),
        ("Snap Chat", "snapchat"),
        ("WhatsApp", "whatsapp"),
        ("What's App", "whatsapp"),
        ("discord", "discord"),
        ("twitch", "twitch"),
        ("threads", "threads"),
        ("bsky", "bluesky"),
        ("Blue Sky", "bluesky"),
        ("other", "other"),
        ("  insta  ", "instagram"),
        ("ＩＮＳＴＡ", "instagram"),
        ("www.tiktok.com", "tiktok"),
        ("https://www.instagram.com/someone", "instagram"),
    ],
)
def test_platform_names_as_typed(typed: str, platform_id: str) -> None:
    assert resolve_platform_name(typed).id == platform_id


@pytest.mark.parametrize("typed", ["MySpace", "Bebo", "xx", "the internet"])
def test_unknown_platform_lists_the_known_ones(typed: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        resolve_platform_name(typed)
    assert caught.value.field == "platform"
    assert caught.value.reason == (f"{typed!r} is not a known platform; known: {', '.join(IDS)}")


def test_an_empty_platform_name_is_refused() -> None:
    with pytest.raises(InvalidValue, match="platform: is empty"):
        resolve_platform_name(" - ")


def test_registry_has_the_fourteen_platforms_in_order() -> None:
    assert [p.id for p in all_platforms()] == IDS


@pytest.mark.parametrize("p", all_platforms(), ids=lambda p: p.id)
def test_every_platform_is_complete(p: object) -> None:
    from graph.platforms import Platform

    assert isinstance(p, Platform)
    assert p.id == p.id.lower()
    assert p.name
    assert p.company
    assert p.contact_checked
    assert p.handle_rule
    re.compile(p.handle_pattern)
    if p.id != "other":
        assert p.hosts
        assert p.removal_contact
    if p.contact_verified:  # verified means read on the company's own page, so it is cited
        assert p.contact_source.startswith("https://")


def test_platform_by_id() -> None:
    assert platform("youtube").company == "Google LLC"
    with pytest.raises(InvalidValue, match="'Twitter' is not a platform id"):
        platform("Twitter")


@pytest.mark.parametrize(
    ("host", "platform_id"),
    [
        ("www.twitter.com", "x"),
        ("mobile.twitter.com", "x"),
        ("X.COM", "x"),
        ("fxtwitter.com", "x"),
        ("fb.com", "facebook"),
        ("en-gb.facebook.com", "facebook"),
        ("web.facebook.com", "facebook"),
        ("instagr.am", "instagram"),
        ("youtu.be", "youtube"),
        ("m.youtube.com", "youtube"),
        ("old.reddit.com", "reddit"),
        ("redd.it", "reddit"),
        ("t.me", "telegram"),
        ("telegram.me", "telegram"),
        ("vm.tiktok.com", "tiktok"),
        ("bsky.app", "bluesky"),
        ("threads.net", "threads"),
        ("threads.com", "threads"),
        ("clips.twitch.tv", "twitch"),
        ("discordapp.com", "discord"),
        ("wa.me", "whatsapp"),
    ],
)
def test_hosts_belong_to_their_platform(host: str, platform_id: str) -> None:
    found = platform_for_host(host)
    assert found is not None
    assert found.id == platform_id


@pytest.mark.parametrize(
    "host", ["music.youtube.com", "help.x.com", "example.org", "notx.com", "twitter.com.evil.org"]
)
def test_other_hosts_belong_to_no_platform(host: str) -> None:
    assert platform_for_host(host) is None


def test_short_hosts() -> None:
    assert is_short_host("t.co")
    assert is_short_host("bit.ly")
    assert is_short_host("vm.tiktok.com")
    assert not is_short_host("youtu.be")
    assert not is_short_host("redd.it")


def test_tracking_parameters() -> None:
    assert is_tracking_param("utm_source")
    assert is_tracking_param("FBCLID")
    assert is_tracking_param("s", "x")
    assert not is_tracking_param("s")
    assert not is_tracking_param("v", "youtube")
    assert not is_tracking_param("story_fbid")
