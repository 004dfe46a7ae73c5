"""Guidance notes: read from Markdown with TOML front matter, checked, and matched to a case."""

from __future__ import annotations

from datetime import date

import pytest

from graph.advice.matching import CaseTopics, match_notes
from graph.advice.notes import parse_library, parse_note, shipped_library
from graph.errors import InvalidInput
from graph.law.offences import Strand

NOTE = """+++
id = "{id}"
title = "A note"
summary = "What the note says in one sentence."
offences = {offences}
strands = {strands}
platforms = {platforms}
owner = "Hub policy lead"
review_by = {review_by}
sources = ["https://example.org/source"]
+++
The guidance itself.
"""


def _note(
    id: str = "a-note",
    offences: str = "[]",
    strands: str = "[]",
    platforms: str = "[]",
    review_by: str = "2027-01-01",
) -> str:
    return NOTE.format(
        id=id, offences=offences, strands=strands, platforms=platforms, review_by=review_by
    )


def test_every_shipped_note_reads_and_has_sources_and_a_review_date() -> None:
    notes = shipped_library()
    assert len(notes) >= 6
    assert all(n.sources and n.review_by and n.body for n in notes)
    assert len({n.id for n in notes}) == len(notes)


def test_a_note_names_what_it_is_about() -> None:
    note = parse_note(_note(offences='["osa2023_s181"]', strands='["race"]'), "n.md")
    assert note.offences == {"osa2023_s181"}
    assert note.strands == {Strand.RACE}
    assert not note.general
    assert note.body == "The guidance itself."
    assert len(note.version) == 12


def test_a_typo_in_an_offence_strand_or_platform_is_refused_naming_file_and_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_library(
            [
                ("bad-offence.md", _note(id="bad-offence", offences='["osa2023_s999"]')),
                ("bad-strand.md", _note(id="bad-strand", strands='["racism"]')),
                ("bad-platform.md", _note(id="bad-platform", platforms='["myspace2"]')),
            ]
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "bad-offence.md.offences",
        "bad-strand.md.strands[0]",
        "bad-platform.md.platforms",
    }
    assert "osa2023_s999" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter at all", "must open with front matter"),
        ("+++\nid = \n+++\nbody", "not valid TOML"),
        (_note().split("+++\n")[0] + "+++\n" + _note().split("+++\n")[1] + "+++\n", "no guidance"),
    ],
)
def test_a_malformed_file_is_named(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        parse_note(text, "broken.md")
    assert caught.value.problems[0].field == "broken.md"


def test_two_notes_with_one_id_are_refused() -> None:
    with pytest.raises(InvalidInput, match="the id of two notes"):
        parse_library([("a.md", _note()), ("b.md", _note())])


def test_matching_puts_the_most_specific_first_and_says_why() -> None:
    notes = parse_library(
        [
            ("general.md", _note(id="general")),
            ("threat.md", _note(id="threat", offences='["osa2023_s181", "oapa1861_s16"]')),
            ("race.md", _note(id="race", strands='["race"]')),
            ("religion.md", _note(id="religion", strands='["religion"]')),
            ("x.md", _note(id="on-x", platforms='["x"]', review_by="2020-01-01")),
        ]
    )
    topics = CaseTopics(
        offences=frozenset({"osa2023_s181"}),
        strands=frozenset({Strand.RACE}),
        platforms=frozenset({"x"}),
    )
    matches = match_notes(notes, topics, today=date(2026, 12, 7))
    assert [m.note.id for m in matches] == ["threat", "race", "on-x", "general"]
    assert matches[0].reasons == ("offence osa2023_s181",)
    assert matches[1].reasons == ("strand race",)
    assert [m.review_overdue for m in matches] == [False, False, True, False]


def test_a_case_about_nothing_a_note_names_gets_only_general_guidance() -> None:
    notes = parse_library(
        [("general.md", _note(id="general")), ("race.md", _note(id="race", strands='["race"]'))]
    )
    topics = CaseTopics(frozenset(), frozenset({Strand.DISABILITY}), frozenset())
    matches = match_notes(notes, topics, today=date(2026, 12, 7))
    assert [m.note.id for m in matches] == ["general"]
