"""The cases' service layer and GraphQL shapes that need no database: the role table against
the API's, the typed case facts against the model, the outcome types against the table, and a
force's case list cut into pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from strawberry.types.base import get_object_definition

from api.access_rules import MUTATION_RULES, QUERY_RULES
from api.graphql.types.casework import CaseFactsInput, SuspectLocationInput
from graph.assessment.models import PerceivedBy, ThreatKind
from graph.assignment.models import SuspectWhere
from graph.cases.force_view import (
    ForceCaseLine,
    LinkReason,
    Visibility,
    first_own_cases,
    line_from_record,
)
from graph.cases.inputs import ANALYST_ONLY, ASSESSMENT_FIELDS
from graph.cases.models import CaseStatus, OutcomeType
from graph.law.offences import Strand
from graph.law.outcomes import outcome_tables
from services import cases, force_view
from services.use_case import use_cases

# use case -> the GraphQL root field it serves
SERVES = {
    "read_case": QUERY_RULES["case"],
    "cases_to_assess": QUERY_RULES["cases_to_assess"],
    "record_case_facts": MUTATION_RULES["record_case_facts"],
    "decide_assessment": MUTATION_RULES["decide_assessment"],
    "assign_case": MUTATION_RULES["assign_case"],
    "reassign_case": MUTATION_RULES["reassign_case"],
    "report_outcome": MUTATION_RULES["report_outcome"],
    "merge_cases": MUTATION_RULES["merge_cases"],
    "split_case": MUTATION_RULES["split_case"],
    "force_case": QUERY_RULES["force_case"],
    "force_cases": QUERY_RULES["force_cases"],
}


def test_each_use_case_needs_what_its_graphql_field_needs() -> None:
    found = {u.name.split(".")[1]: u.capability for m in (cases, force_view) for u in use_cases(m)}
    assert set(found) == set(cases.RULES) | set(force_view.RULES)
    assert {name: found[name] for name in SERVES} == SERVES
    # The nested fields' batches are the case's own root's rule.
    for nested in ("cases_by_ids", "assessed_cases", "case_histories", "suggested_joins"):
        assert found[nested] == QUERY_RULES["case"]


def test_the_facts_input_has_every_case_fact() -> None:
    names = {f.python_name for f in get_object_definition(CaseFactsInput, strict=True).fields}
    assert names == ASSESSMENT_FIELDS | ANALYST_ONLY


def test_only_the_facts_given_are_recorded_as_json_values() -> None:
    given = CaseFactsInput(
        threat_kind=ThreatKind.DEATH,
        perceived_by=[PerceivedBy.VICTIM],
        hostility_motivated=[Strand.RACE],
        sufficient_evidence_on=date(2026, 5, 1),
        crime_recording_decided_at=datetime(2026, 5, 1, 9, 30, tzinfo=UTC),
        intent_to_stir_up_hatred=None,
        suspects=[SuspectLocationInput(identified=True, where=SuspectWhere.UK_POSTCODE,
                                       postcode="LS1 4AP")],
    )  # fmt: skip
    assert given.to_facts() == {
        "threat_kind": "death",
        "perceived_by": ["victim"],
        "hostility_motivated": ["race"],
        "sufficient_evidence_on": "2026-05-01",
        "crime_recording_decided_at": "2026-05-01T09:30:00+00:00",
        "intent_to_stir_up_hatred": None,  # given as null: recorded as not assessed
        "suspects": [
            {"identified": True, "where": "uk_postcode", "postcode": "LS1 4AP", "label": None}
        ],
    }
    assert CaseFactsInput().to_facts() == {}


def test_the_outcome_types_are_the_tables_codes() -> None:
    codes = {c.code for table in outcome_tables().versions for c in table.codes}
    assert {o.value for o in OutcomeType} == codes


def _line(case_id: str, how: Visibility = Visibility.ASSIGNED, *to: str) -> ForceCaseLine:
    reasons = (LinkReason.SAME_ACCOUNT,) if to else ()
    return ForceCaseLine(case_id, CaseStatus.OPEN, how, "E23000005", to, reasons)


def test_a_page_of_force_cases_ends_with_a_whole_own_case() -> None:
    read = [
        _line("case:a"),
        _line("case:x", Visibility.LINKED, "case:a", "case:c"),
        _line("case:b"),
        _line("case:c"),
        _line("case:y", Visibility.LINKED, "case:c"),
    ]
    shown, more = first_own_cases(read, 2)
    assert more
    assert [(line.case_id, line.linked_to) for line in shown] == [
        ("case:a", ()), ("case:x", ("case:a",)), ("case:b", ()),
    ]  # fmt: skip
    assert first_own_cases(read, 3) == (read, False)
    assert first_own_cases([], 1) == ([], False)


def test_a_forces_own_case_is_assigned_or_notified_as_in_a_case_detail() -> None:
    record = {"id": "case:a", "status": "open", "how": "ASSIGNED_TO", "force_code": "E23000005",
              "linked_to": [], "reasons": []}  # fmt: skip
    assert line_from_record(record).how is Visibility.ASSIGNED
    assert line_from_record({**record, "how": "NOTIFIED"}).how is Visibility.NOTIFIED
    linked = line_from_record(
        {**record, "how": "LINKED", "linked_to": ["case:b"], "reasons": ["SAME_PERSON"]}
    )
    assert (linked.how, linked.own_case, linked.reasons) == (
        Visibility.LINKED, "case:b", (LinkReason.SAME_PERSON,),
    )  # fmt: skip
