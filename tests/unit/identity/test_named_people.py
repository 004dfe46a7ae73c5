"""Named-person linkage: repeat victims and offenders across reports."""

from __future__ import annotations

import pytest

from graph.identity.models import PersonRecord
from graph.identity.named_people import link_people, near_code, person_frequencies, score_people
from graph.identity.policy import default_policy
from graph.identity.scoring import Decision
from tests.unit.identity._factory import T0

POLICY = default_policy()
AMINA = PersonRecord(
    "r1:victim", "Amina", "Okafor", "1990-04-12", "LS6 2AB", "14 Cardigan Road", "Leeds"
)


def _others(n: int) -> list[PersonRecord]:
    return [
        PersonRecord(f"o{i}", f"Given{i}", f"Family{i}", f"1970-01-{1 + i % 28:02d}")
        for i in range(n)
    ]


def _score(a: PersonRecord, b: PersonRecord, population: list[PersonRecord]) -> Decision:
    freq = person_frequencies([a, b, *population])
    return score_people(a, b, freq, POLICY).decision


@pytest.mark.parametrize(
    ("other", "decision"),
    [
        (PersonRecord("r2:victim", "Amina", "Okafor", "1990-04-12", "LS6 2AB"), Decision.LINK),
        (
            PersonRecord("r2:victim", "Amnia", "Okafor", "1990-12-04", "LS6 2AB", "14 Cardigan Rd"),
            Decision.LINK,
        ),
        # a rare surname and a compatible initial: worth an analyst's look, not a link
        (PersonRecord("r2:victim", "A", "Okafor", emails=("amina@example.org",)), Decision.REVIEW),
        (PersonRecord("r2:victim", "Amina", "Okafor", "1972-09-30", "M1 1AA"), Decision.NONE),
    ],
)
def test_named_person_decisions(other: PersonRecord, decision: Decision) -> None:
    assert _score(AMINA, other, _others(40)) is decision


def test_shared_email_links_named_people() -> None:
    a = PersonRecord("r1:suspect", "Dan", "Reid", emails=("dr@example.org",))
    b = PersonRecord("r9:suspect", "Daniel", "Reid", emails=("dr@example.org",))
    run = link_people([a, b, *_others(20)], at=T0)
    assert run.persons.person_of[a.key] == run.persons.person_of[b.key]


def test_linkage_mode_compares_only_across_sources() -> None:
    a = PersonRecord("A:1", "Amina", "Okafor", "1990-04-12", "LS6 2AB")
    b = PersonRecord("A:2", "Amina", "Okafor", "1990-04-12", "LS6 2AB")
    run = link_people([a, b], at=T0, source_of=lambda k: k.split(":")[0])
    assert run.scores == ()


@pytest.mark.parametrize(
    ("x", "y", "near"),
    [
        ("19900412", "19900413", True),
        ("19900412", "19904012", True),
        ("1234", "1243", True),
        ("1234", "2143", False),
        ("1234", "12345", False),
        ("1234", "1234", False),
    ],
)
def test_near_code(x: str, y: str, near: bool) -> None:
    assert near_code(x, y) is near
