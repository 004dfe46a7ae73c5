"""Named people: names alone never link; identifiers do; re-runs add nothing."""

from __future__ import annotations

from graph.identity.judgements import Verdict
from graph.identity.models import PersonRecord
from graph.identity.named_linking import cap_names_only, corroborated, link_named_people
from graph.identity.named_people import person_frequencies, score_people
from graph.identity.policy import default_policy
from graph.identity.scoring import Decision
from tests.unit.identity._factory import T0

VICTIM = PersonRecord(
    "r1:victim", "John", "Smith", postcode="M1 1AA", emails=("js.one@example.org",)
)
OTHER_VICTIM = PersonRecord(
    "r2:victim", "John", "Smith", postcode="LS1 4AP", emails=("js.two@example.org",)
)
SUSPECT = PersonRecord("r3:suspect:0", "John", "Smith", locality="Leeds")


def test_names_alone_are_capped_at_review_with_the_reason() -> None:
    a = PersonRecord("r1:suspect:0", "Oluwaseun", "Fairweather")
    b = PersonRecord("r2:suspect:0", "Oluwaseun", "Fairweather")
    raw = score_people(a, b, person_frequencies([a, b]), default_policy())
    assert raw.decision is Decision.LINK  # what the frequency-aware matcher says alone
    capped = cap_names_only(raw)
    assert capped.decision is Decision.REVIEW
    assert capped.probability == raw.probability
    assert capped.evidence[-1].level == "names_only"
    assert not corroborated(capped)


def test_two_john_smiths_with_nothing_else_in_common_stay_apart() -> None:
    run = link_named_people([VICTIM, OTHER_VICTIM, SUSPECT], at=T0)
    persons = run.persons.person_of
    assert len({persons[r.key] for r in (VICTIM, OTHER_VICTIM, SUSPECT)}) == 3
    assert all(j.verdict is Verdict.UNSURE for j in run.added)  # for an analyst, at most


def test_the_same_victim_with_the_same_email_is_one_person() -> None:
    again = PersonRecord("r9:reporter", "Jon", "Smith", emails=("js.one@example.org",))
    run = link_named_people([VICTIM, OTHER_VICTIM, again], at=T0)
    assert run.persons.person_of[VICTIM.key] == run.persons.person_of[again.key]
    assert run.persons.person_of[OTHER_VICTIM.key] != run.persons.person_of[VICTIM.key]


def test_a_rerun_with_the_log_adds_nothing() -> None:
    again = PersonRecord("r9:reporter", "John", "Smith", emails=("js.one@example.org",))
    records = [VICTIM, OTHER_VICTIM, SUSPECT, again]
    first = link_named_people(records, at=T0)
    assert first.added
    second = link_named_people(records, first.log, at=T0)
    assert second.added == ()
    assert second.persons.partition() == first.persons.partition()
