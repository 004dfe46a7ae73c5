from __future__ import annotations

import pytest

from graph.values.text import normalise_display_name, normalise_free_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("John Smith", "john smith"),
        ("  JOHN   smith ", "john smith"),
        ("✨𝓙𝓸𝓱𝓷 𝓢𝓶𝓲𝓽𝓱✨", "john smith"),
        ("🇬🇧 John Smith 🇬🇧", "john smith"),
        ("John Smith 👍🏽", "john smith"),
        ("ᴊᴏʜɴ ꜱᴍɪᴛʜ", "john smith"),
        ("Ｊｏｈｎ Ｓｍｉｔｈ", "john smith"),
        ("J̶o̶h̶n̶ Smith", "john smith"),
        ("Ⓙⓞⓗⓝ", "john"),
        ("John | Proud Brit • Patriot ~", "john proud brit patriot"),
        ("★彡 John 彡★", "彡 john 彡"),
        ("José Ñúñez", "josé ñúñez"),
        ("O'Brien-Smith", "o'brien-smith"),
        ("J. Smith", "j smith"),
        ("محمد علي", "محمد علي"),
        ("Straße", "strasse"),
        ("John\u200bSmith", "johnsmith"),
        ("", ""),
        ("🔥🔥🔥", ""),
    ],
)
def test_display_names(raw: str, expected: str) -> None:
    assert normalise_display_name(raw) == expected


def test_display_name_of_none_is_empty() -> None:
    assert normalise_display_name(None) == ""


POST = "go home and never come back"


@pytest.mark.parametrize(
    "raw",
    [
        "Go home and never come back",
        "GO HOME AND NEVER COME BACK",
        '"Go home and never come back"',
        "“Go home and never come back”",
        'They wrote: "Go home and never come back"',
        "they wrote - Go home and never come back",
        "He said - go home and never come back",
        'She said "go home and never come back"',
        "The tweet said: Go home and never come back",
        "They posted this: go home and never come back",
        "Quote: go home and never come back",
        'They wrote: Quote: "go home and never come back"',
        "@jsmith88 wrote: go home and never come back",
        "Go home and never come back https://t.co/AbC123",
        "Go home and never   come\n back",
        "Ｇｏ ｈｏｍｅ and never come back",
    ],
)
def test_free_text_variants_of_one_post_meet(raw: str) -> None:
    assert normalise_free_text(raw) == POST


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('They wrote: "Go home and never…', "go home and never"),
        ("Go home and never come... See more", "go home and never come"),
        ("Go home and never come (more)", "go home and never come"),
        ("Go home and never come …more", "go home and never come"),
        ("Go home and never come [...]", "go home and never come"),
        ("Go home and never come ... Read more", "go home and never come"),
        ("Go home — now", "go home - now"),
        ("don’t come back", "don't come back"),
        ("look at www.example.com/page for more", "look at for more"),
    ],
)
def test_free_text_drops_truncation_marks_urls_and_fancy_punctuation(
    raw: str, expected: str
) -> None:
    assert normalise_free_text(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "They are all criminals",  # "they" without a quoting verb is the post itself
        "He said nothing wrong",
        "People read the news",
    ],
)
def test_free_text_keeps_posts_that_only_look_like_quoting(raw: str) -> None:
    assert normalise_free_text(raw) == raw.lower()


def test_free_text_of_none_is_empty() -> None:
    assert normalise_free_text(None) == ""
    assert normalise_free_text("   ") == ""
