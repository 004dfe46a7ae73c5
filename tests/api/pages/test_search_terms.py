"""What a typed search looks for (pure, no database): the rules read as a table."""

from __future__ import annotations

import pytest

from graph.errors import InvalidValue
from pages.staff.review import explanation_lines
from services.search import SearchKind, understand


@pytest.mark.parametrize(
    ("typed", "kind", "shown"),
    [
        ("OHCH-2026-000123", SearchKind.REFERENCE, "OHCH-2026-000123"),
        ("  ohch-2026-000123 ", SearchKind.REFERENCE, "OHCH-2026-000123"),
        ("@JSmith88", SearchKind.HANDLE, "@jsmith88"),
        ("x:JSmith88", SearchKind.HANDLE, "x|jsmith88"),
        ("Twitter:@jsmith88", SearchKind.HANDLE, "x|jsmith88"),
        ("https://mobile.twitter.com/jsmith88/status/1796512345678901234?s=20",
         SearchKind.ADDRESS, "https://x.com/i/web/status/1796512345678901234"),
        ("x.com/jsmith88/status/1796512345678901234",
         SearchKind.ADDRESS, "https://x.com/i/web/status/1796512345678901234"),
        ("Amára  OKAFOR", SearchKind.NAME, "amara okafor"),
        ("O'Brien", SearchKind.NAME, "o brien"),
    ],
)  # fmt: skip
def test_what_is_typed_decides_what_is_searched(typed: str, kind: SearchKind, shown: str) -> None:
    term = understand(typed)
    assert (term.kind, term.shown) == (kind, shown)


def test_a_post_address_searches_by_its_key_and_a_name_by_every_folded_word() -> None:
    assert understand("https://twitter.com/JSmith88/status/1796512345678901234").params == {
        "post_key": "x:post:1796512345678901234",
        "url": "https://x.com/i/web/status/1796512345678901234",
    }
    assert understand("Zoë  Smith-Jones").params == {"words": "+zoe +smith +jones"}
    assert "x|jsmith88" in understand("@jsmith88").params["keys"]


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "enter a reference, a handle, a link or a name"),
        ("   ", "enter a reference, a handle, a link or a name"),
        ("!!!", "enter a reference, a handle, a link or a name"),
        ("a" * 201, "200 characters or fewer"),
        ("myspace:someone", "not a known platform"),
    ],
)
def test_an_unusable_search_names_the_field(typed: str, problem: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        understand(typed)
    assert refused.value.field == "q"
    assert problem in refused.value.reason


def test_the_matchers_explanation_reads_as_lines() -> None:
    lines = explanation_lines(
        '{"rule": "ambiguous", "score": 0.61, "features": {"text": {"score": null}},'
        ' "ambiguous_with": {"rule": "weighted"}}'
    )
    assert lines == (
        ("rule", "ambiguous"),
        ("score", "0.61"),
        ("features.text.score", "—"),
        ("ambiguous_with.rule", "weighted"),
    )
    assert explanation_lines("not json") == (("explanation", "not json"),)
