from __future__ import annotations

import pytest

from graph.errors import InvalidValue
from graph.values.handle import Handle, skeleton


@pytest.mark.parametrize(
    ("raw", "platform", "value"),
    [
        ("@JSmith88", "x", "jsmith88"),
        (" jsmith88 ", "x", "jsmith88"),
        ("@@jsmith88", "x", "jsmith88"),
        ("＠ＪＳｍｉｔｈ８８", "x", "jsmith88"),
        ("jsmith88\u200b", "x", "jsmith88"),
        ("https://twitter.com/JSmith88", "x", "jsmith88"),
        ("x.com/JSmith88/", "x", "jsmith88"),
        ("j.smith.88", "instagram", "j.smith.88"),
        ("@J.Smith.88", "instagram", "j.smith.88"),
        ("https://www.instagram.com/j.smith.88/?igsh=x", "instagram", "j.smith.88"),
        ("u/Troll_99", "reddit", "troll_99"),
        ("/user/Troll_99", "reddit", "troll_99"),
        ("https://www.reddit.com/user/Troll_99/", "reddit", "troll_99"),
        ("jsmith", "bluesky", "jsmith.bsky.social"),
        ("@JSmith.bsky.social", "bluesky", "jsmith.bsky.social"),
        ("john-smith.co.uk", "bluesky", "john-smith.co.uk"),
        ("@johnsmith88", "tiktok", "johnsmith88"),
        ("@john.smith_88", "tiktok", "john.smith_88"),
        ("@HateChannel", "youtube", "hatechannel"),
        ("hate-channel.uk", "youtube", "hate-channel.uk"),
        ("HateChannel", "telegram", "hatechannel"),
        ("john.smith.9", "facebook", "john.smith.9"),
        ("100012345678", "facebook", "100012345678"),
        ("jsmith_2024", "twitch", "jsmith_2024"),
        ("jsmith", "snapchat", "jsmith"),
        ("jsmith.", "discord", "jsmith."),
        ("OldName#1234", "discord", "oldname#1234"),
        ("@jsmith", "threads", "jsmith"),
        ("07911 123456", "whatsapp", "+447911123456"),
        ("+44 7911 123456", "whatsapp", "+447911123456"),
        ("https://wa.me/447911123456", "whatsapp", "+447911123456"),
        ("anything-goes!", "other", "anything-goes!"),
    ],
)
def test_handles_clean_per_platform(raw: str, platform: str, value: str) -> None:
    handle = Handle.clean(raw, platform)
    assert (handle.value, handle.conforms) == (value, True)
    assert handle.key == f"{platform}|{value}"


@pytest.mark.parametrize(
    ("raw", "platform", "message"),
    [
        ("this_handle_is_far_too_long_for_x", "x", "not a valid X handle: 1-15 letters"),
        ("j.smith", "x", "not a valid X handle"),
        ("has space", "instagram", "not a valid Instagram handle: 1-30"),
        ("j..smith", "instagram", "not a valid Instagram handle"),
        ("jsmith.", "instagram", "not a valid Instagram handle"),
        ("a" * 31, "instagram", "not a valid Instagram handle"),
        ("jsmith.", "tiktok", "not a valid TikTok handle"),
        ("a" * 25, "tiktok", "not a valid TikTok handle"),
        ("ab", "reddit", "not a valid Reddit handle: 3-20"),
        ("ab", "youtube", "not a valid YouTube handle: 3-30"),
        ("1channel", "telegram", "not a valid Telegram handle"),
        ("jsm", "facebook", "not a valid Facebook handle"),
        ("not a number", "whatsapp", "not a valid WhatsApp handle: a phone number"),
        ("@", "x", "is empty"),
        ("   ", "instagram", "is empty"),
        ("https://x.com/jsmith88/status/1796512345678901234", "x", "not to an account's profile"),
        ("https://www.instagram.com/jsmith/", "x", "is a instagram profile, not a X one"),
    ],
)
def test_bad_handles_name_the_platform_rule(raw: str, platform: str, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Handle.clean(raw, platform)
    assert caught.value.field == "handle"
    assert message in caught.value.reason


def test_unknown_platform_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        Handle.clean("jsmith", "myspace")
    assert caught.value.field == "platform"


def test_a_suspect_handle_breaking_platform_rules_is_kept_as_evidence_when_lenient() -> None:
    handle = Handle.clean("@RealLion565042574", "x", strict=False)
    assert (handle.value, handle.conforms, handle.key) == (
        "reallion565042574",
        False,
        "x|reallion565042574",
    )
    with pytest.raises(InvalidValue):
        Handle.clean("@RealLion565042574", "x")
    with pytest.raises(InvalidValue):
        Handle.clean("has a space", "x", strict=False)


def test_the_url_handle_and_the_typed_handle_meet() -> None:
    from graph.values.url import ContentUrl

    url = ContentUrl.clean("https://www.tiktok.com/@John.Smith_88/video/7368512345678901234")
    assert url.account_key == Handle.clean("@John.Smith_88", "tiktok").key


def test_str_shows_the_handle() -> None:
    assert str(Handle.clean("JSmith", "x")) == "@jsmith"
    assert str(Handle.clean("07911 123456", "whatsapp")) == "+447911123456"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("j.smith_88", "jsmith88"),
        ("jsm1th88", "jsmith88"),
        ("JSMITH88", "jsmith88"),
        ("j-smith-88", "jsmith88"),
        ("j0hn_smith", "john.smith"),
        ("b3n", "ben"),
        ("5am", "sam"),
        ("jоhn", "john"),  # Cyrillic о
        ("josé", "jose"),
        ("@jsmith", "jsmith"),
    ],
)
def test_skeleton_folds_separators_and_lookalikes(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("jsmith88", "jsmith89"), ("john", "joan"), ("sam", "pam")])
def test_skeleton_keeps_real_differences(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_handle_exposes_its_skeleton() -> None:
    assert Handle.clean("J.Sm1th_88", "instagram").skeleton == skeleton("jsmith88")
