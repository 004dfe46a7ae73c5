"""Stirring up hatred (POA 1986 Parts 3 and 3A): the defining element decides recordability.

Part 3 (racial hatred) is made out by an intent to stir up hatred *or* the likelihood, having
regard to all the circumstances, that hatred will be stirred up (a circumstance an analyst
records); Part 3A (religion, sexual orientation) only by intent. Recorded absent, the element
stops the offence being recordable; not yet assessed, it keeps the offence a candidate to
investigate. The Attorney General's consent and the ss29J/29JA savings are in the reasons.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.assessment.engine import assess, evaluate
from graph.assessment.models import Media, PointStatus
from graph.law.offences import Strand, offence_table
from tests.unit.assessment.builders import NOW, facts

PART_3 = ["poa1986_s18", "poa1986_s19", "poa1986_s20", "poa1986_s21", "poa1986_s22",
          "poa1986_s23"]  # fmt: skip
PART_3A = ["poa1986_s29b", "poa1986_s29c", "poa1986_s29d", "poa1986_s29e", "poa1986_s29f",
           "poa1986_s29g"]  # fmt: skip

PRESENT, ABSENT, UNKNOWN = True, False, None

# intent, likelihood -> status of the Part 3 element (intent OR likely)
PART_3_ELEMENT: list[tuple[bool | None, bool | None, PointStatus]] = [
    (PRESENT, UNKNOWN, PointStatus.EVIDENCED),
    (UNKNOWN, PRESENT, PointStatus.EVIDENCED),  # likelihood alone is enough for race
    (ABSENT, PRESENT, PointStatus.EVIDENCED),
    (ABSENT, ABSENT, PointStatus.ABSENT),
    (ABSENT, UNKNOWN, PointStatus.MISSING),  # the likelihood limb is still open
    (UNKNOWN, UNKNOWN, PointStatus.MISSING),
]

# intent, likelihood -> status of the Part 3A element (intent only)
PART_3A_ELEMENT: list[tuple[bool | None, bool | None, PointStatus]] = [
    (PRESENT, UNKNOWN, PointStatus.EVIDENCED),
    (UNKNOWN, PRESENT, PointStatus.MISSING),  # likelihood is not enough for Part 3A
    (ABSENT, PRESENT, PointStatus.ABSENT),
    (ABSENT, UNKNOWN, PointStatus.ABSENT),
    (UNKNOWN, UNKNOWN, PointStatus.MISSING),
]


def _element(offence_id: str, intent: bool | None, likely: bool | None) -> PointStatus:
    offence = offence_table().get(offence_id)
    case = facts(intent_to_stir_up_hatred=intent, likely_to_stir_up_hatred=likely)
    result = evaluate(offence, case)
    (element,) = [p for p, q in zip(result.points, offence.points, strict=True) if q.required]
    return element.status


@pytest.mark.parametrize("offence_id", PART_3)
@pytest.mark.parametrize(("intent", "likely", "status"), PART_3_ELEMENT)
def test_part_3_element_is_intent_or_likelihood(
    offence_id: str, intent: bool | None, likely: bool | None, status: PointStatus
) -> None:
    assert _element(offence_id, intent, likely) is status


@pytest.mark.parametrize("offence_id", PART_3A)
@pytest.mark.parametrize(("intent", "likely", "status"), PART_3A_ELEMENT)
def test_part_3a_element_is_intent_only(
    offence_id: str, intent: bool | None, likely: bool | None, status: PointStatus
) -> None:
    assert _element(offence_id, intent, likely) is status


def test_every_stirring_up_offence_has_one_defining_element() -> None:
    for offence_id in PART_3 + PART_3A:
        offence = offence_table().get(offence_id)
        assert [p.id for p in offence.points if p.required] or [
            p.id for p in offence.points if p.needed_to_record and p.or_by
        ], offence_id


WRITTEN: dict[str, Any] = {"published_to_public": True, "media": Media.WRITTEN}
VIDEO: dict[str, Any] = {"published_to_public": True, "media": Media.RECORDING}
RACE = frozenset({Strand.RACE})
RELIGION = frozenset({Strand.RELIGION})
SO = frozenset({Strand.SEXUAL_ORIENTATION})

# the offences proposed from online material: offence, the case, element -> recordable
RECORDABLE: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("poa1986_s19", {**WRITTEN, "abusive_or_insulting": True, "strands": RACE},
     {"intent_to_stir_up_hatred": True}, True),
    ("poa1986_s19", {**WRITTEN, "abusive_or_insulting": True, "strands": RACE},
     {"likely_to_stir_up_hatred": True}, True),
    ("poa1986_s19", {**WRITTEN, "abusive_or_insulting": True, "strands": RACE},
     {"intent_to_stir_up_hatred": False, "likely_to_stir_up_hatred": False}, False),
    ("poa1986_s19", {**WRITTEN, "abusive_or_insulting": True, "strands": RACE}, {}, False),
    ("poa1986_s21", {**VIDEO, "abusive_or_insulting": True, "strands": RACE},
     {"likely_to_stir_up_hatred": True}, True),
    ("poa1986_s21", {**VIDEO, "abusive_or_insulting": True, "strands": RACE},
     {"intent_to_stir_up_hatred": False, "likely_to_stir_up_hatred": False}, False),
    ("poa1986_s21", {**VIDEO, "abusive_or_insulting": True, "strands": RACE}, {}, False),
    ("poa1986_s29c", {**WRITTEN, "threatening": True, "strands": RELIGION},
     {"intent_to_stir_up_hatred": True}, True),
    ("poa1986_s29c", {**WRITTEN, "threatening": True, "strands": RELIGION},
     {"intent_to_stir_up_hatred": False}, False),
    ("poa1986_s29c", {**WRITTEN, "threatening": True, "strands": SO},
     {"likely_to_stir_up_hatred": True}, False),
    ("poa1986_s29c", {**WRITTEN, "threatening": True, "strands": SO}, {}, False),
    ("poa1986_s29e", {**VIDEO, "threatening": True, "strands": SO},
     {"intent_to_stir_up_hatred": True}, True),
    ("poa1986_s29e", {**VIDEO, "threatening": True, "strands": SO},
     {"intent_to_stir_up_hatred": False}, False),
    ("poa1986_s29e", {**VIDEO, "threatening": True, "strands": RELIGION}, {}, False),
]  # fmt: skip


@pytest.mark.parametrize(("offence_id", "case", "element", "recordable"), RECORDABLE)
def test_stirring_up_is_recordable_only_with_its_element(
    offence_id: str, case: dict[str, Any], element: dict[str, Any], recordable: bool
) -> None:
    result = assess(facts(**case, **element), NOW)
    candidate = next(c for c in result.candidates if c.offence_id == offence_id)
    assert candidate.recordable is recordable
    citation = candidate.citation
    consent = f"{citation}: a prosecution needs the Attorney General's consent"
    assert any(r.startswith(consent) for r in result.reasons), result.reasons
    if element and not any(element.values()):
        assert any(r.startswith(f"{citation}: not recordable, recorded as absent") for r in
                   result.reasons)  # fmt: skip


@pytest.mark.parametrize(
    ("offence_id", "provision", "savings"),
    [
        ("poa1986_s19", "POA 1986 s27(1)", None),
        ("poa1986_s21", "POA 1986 s27(1)", None),
        ("poa1986_s29c", "POA 1986 s29L", ("s29J", "s29JA")),
        ("poa1986_s29e", "POA 1986 s29L", ("s29J", "s29JA")),
    ],
)
def test_consent_and_savings_are_in_the_reasons(
    offence_id: str, provision: str, savings: tuple[str, ...] | None
) -> None:
    offence = offence_table().get(offence_id)
    strands = RACE if offence.strands == (Strand.RACE,) else RELIGION
    media = Media.RECORDING if offence_id in ("poa1986_s21", "poa1986_s29e") else Media.WRITTEN
    result = assess(
        facts(published_to_public=True, media=media, threatening=True, strands=strands), NOW
    )
    assert any(provision in r and "Attorney General" in r for r in result.reasons)
    saving_reasons = [r for r in result.reasons if "free-expression savings" in r]
    if savings is None:
        assert not saving_reasons
    else:
        assert all(any(s in r for r in saving_reasons) for s in savings)
