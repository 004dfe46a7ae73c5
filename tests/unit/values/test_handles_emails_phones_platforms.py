from __future__ import annotations

import pytest

from graph.errors import InvalidValue
from graph.platforms import all_platforms, platform_for_host, resolve_platform_name
from graph.values.email import Email
from graph.values.handle import Handle, skeleton
from graph.values.phone import Phone


@pytest.mark.parametrize(
    ("typed", "platform"),
    [
        ("X", "x"),
        ("twitter", "x"),
        ("Twitter/X", "x"),
        ("TWITTER (X)", "x"),
        ("Insta", "instagram"),
        ("IG", "instagram"),
        ("instagram", "instagram"),
        ("FACEBOOK", "facebook"),
        ("fb", "facebook"),
        ("Tik Tok", "tiktok"),
        ("tiktok", "tiktok"),
        ("YT", "youtube"),
        ("You Tube", "youtube"),
        ("reddit", "reddit"),
        ("Telegram", "telegram"),
        ("snap", "snapchat"),
        ("WhatsApp", "whatsapp"),
        ("discord", "discord"),
        ("twitch", "twitch"),
        ("threads", "threads"),
        ("bsky", "bluesky"),
        ("Blue Sky", "bluesky"),
        ("other", "other"),
    ],
)
def test_platform_names_as_typed(typed: str, platform: str) -> None:
    assert resolve_platform_name(typed).id == platform


def test_unknown_platform_lists_the_known_ones() -> None:
    with pytest.raises(InvalidValue, match="'MySpace' is not a known platform; known: x, "):
        resolve_platform_name("MySpace")


def test_registry_has_fourteen_platforms_each_with_a_company() -> None:
    platforms = all_platforms()
    assert [p.id for p in platforms] == [
        "x",
        "facebook",
        "instagram",
        "tiktok",
        "youtube",
        "reddit",
        "telegram",
        "snapchat",
        "whatsapp",
        "discord",
        "twitch",
        "threads",
        "bluesky",
        "other",
    ]
    assert all(p.company for p in platforms)
    assert platform_for_host("www.twitter.com").id == "x"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("raw", "platform", "value"),
    [
        ("@JSmith88", "x", "jsmith88"),
        (" jsmith88 ", "x", "jsmith88"),
        ("@@jsmith88", "x", "jsmith88"),
        ("https://twitter.com/JSmith88", "x", "jsmith88"),
        ("j.smith.88", "instagram", "j.smith.88"),
        ("@J.Smith.88", "instagram", "j.smith.88"),
        ("u/Troll_99", "reddit", "troll_99"),
        ("/user/Troll_99", "reddit", "troll_99"),
        ("jsmith", "bluesky", "jsmith.bsky.social"),
        ("@johnsmith88", "tiktok", "johnsmith88"),
        ("anything-goes!", "other", "anything-goes!"),
    ],
)
def test_handles_clean_per_platform(raw: str, platform: str, value: str) -> None:
    handle = Handle.clean(raw, platform)
    assert handle.value == value
    assert handle.key == f"{platform}|{value}"


@pytest.mark.parametrize(
    ("raw", "platform"),
    [
        ("this_handle_is_far_too_long_for_x", "x"),
        ("j.smith", "x"),
        ("has space", "instagram"),
        ("ab", "reddit"),
        ("@", "x"),
        ("https://x.com/jsmith88/status/1796512345678901234", "x"),
    ],
)
def test_bad_handles_name_the_platform_rule(raw: str, platform: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Handle.clean(raw, platform)
    assert caught.value.field == "handle"


def test_skeleton_folds_separators_and_lookalikes() -> None:
    assert skeleton("j.smith_88") == skeleton("jsmith88")
    assert skeleton("jsm1th88") == skeleton("jsmith88")
    assert skeleton("jsmith88") != skeleton("jsmith89")


@pytest.mark.parametrize(
    ("raw", "address"),
    [
        ("Amara.Okafor@Example.org", "amara.okafor@example.org"),
        (" mailto:a.b+tag@mail.co.uk ", "a.b+tag@mail.co.uk"),
        ("<someone@example.com>", "someone@example.com"),
    ],
)
def test_emails_clean(raw: str, address: str) -> None:
    assert Email.clean(raw).key == address


@pytest.mark.parametrize(
    "bad", ["amara@", "@example.org", "a b@example.org", "a@b", "a@@b.com", ""]
)
def test_bad_emails(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Email.clean(bad)
    assert caught.value.field == "email"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("07911 123456", "+447911123456"),
        ("+44 7911 123456", "+447911123456"),
        ("0044 7911 123456", "+447911123456"),
        ("(0161) 496 0000", "+441614960000"),
        ("+1 202 555 0143", "+12025550143"),
    ],
)
def test_phones_become_e164(raw: str, e164: str) -> None:
    assert Phone.clean(raw).key == e164


@pytest.mark.parametrize("bad", ["12", "not a phone", "07911 1234564567", ""])
def test_bad_phones(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Phone.clean(bad)
    assert caught.value.field == "phone"


def test_a_suspect_handle_breaking_platform_rules_is_kept_as_evidence_when_lenient() -> None:
    handle = Handle.clean("@RealLion565042574", "x", strict=False)
    assert (handle.value, handle.conforms) == ("reallion565042574", False)
    with pytest.raises(InvalidValue):
        Handle.clean("@RealLion565042574", "x")
    with pytest.raises(InvalidValue):
        Handle.clean("has a space", "x", strict=False)
