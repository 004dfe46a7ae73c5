"""What the assessment reads about a case from the graph: the first report's times, compared as
instants across time zones (the query aggregates them; it no longer returns every report's), and
its lists in the order the reports were received."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from graph.cases.store import load_evidence
from graph.db import Graph
from ingest.load import write_reports
from tests.factories import referral
from tests.integration.intake.helpers import query, row

POST = "https://x.com/jsmith88/status/1796512345678900101"
PLUS_FIVE = timezone(timedelta(hours=5))


def _payload(ref: str, occurred: str | None) -> dict[str, Any]:
    payload = referral(source_ref=ref)
    payload["submitted_at"] = "2026-03-05T09:00:00Z"
    payload["incident"]["occurred_at"] = occurred
    payload["content"][0].update({"url": POST, "text": "go back where you came from"})
    return payload


def _write(graph: Graph, *reports: tuple[dict[str, Any], datetime]) -> None:
    write_reports(graph, [row(payload, received) for payload, received in reports])


def _case(graph: Graph) -> str:
    (found,) = query(graph, "MATCH (k:Case)-[:CONCERNS]->(:ContentCluster) RETURN k.id AS id")
    return str(found["id"])


def test_the_first_report_is_the_earliest_instant_not_the_earliest_clock_time(
    reference_graph: Graph,
) -> None:
    g = reference_graph
    _write(
        g,
        # 04:00 on 2 March at +05:00 is 23:00 on 1 March in the UK: the earliest occurrence,
        # though its clock time is later than the next report's.
        (_payload("TV-A", "2026-03-02T04:00:00+05:00"), datetime(2026, 3, 5, 12, 0, tzinfo=UTC)),
        (_payload("TV-B", "2026-03-02T00:30:00Z"), datetime(2026, 3, 5, 15, 30, tzinfo=PLUS_FIVE)),
        (_payload("TV-C", None), datetime(2026, 3, 5, 11, 0, tzinfo=UTC)),
    )
    evidence = load_evidence(g, _case(g))
    assert evidence.received_at == datetime(2026, 3, 5, 10, 30, tzinfo=UTC)  # TV-B's
    assert evidence.occurred_on == date(2026, 3, 1)  # TV-A's, as a UK date


def test_without_an_occurrence_time_the_case_dates_from_its_first_report(
    reference_graph: Graph,
) -> None:
    g = reference_graph
    _write(
        g,
        (_payload("TV-A", None), datetime(2026, 3, 5, 0, 30, tzinfo=UTC)),
        (_payload("TV-B", None), datetime(2026, 3, 4, 23, 30, tzinfo=PLUS_FIVE)),
    )
    evidence = load_evidence(g, _case(g))
    assert evidence.received_at == datetime(2026, 3, 4, 18, 30, tzinfo=UTC)
    assert evidence.occurred_on == date(2026, 3, 4)


def _chose(ref: str, force_code: str, postcode: str) -> dict[str, Any]:
    payload = _payload(ref, None)
    payload["incident"].update({"location_type": "specific_location", "force_code": force_code})
    payload["reporter"]["postcode"] = postcode
    return payload


def test_the_first_choice_of_force_is_the_first_received_reports_not_the_first_stored(
    reference_graph: Graph,
) -> None:
    """Rule a takes the first report's chosen force, rule d its reporter's postcode: the report
    received first, whatever order the reports were stored in."""
    g = reference_graph
    _write(g, (_chose("TV-LATE", "E23000010", "LS1 4AP"), datetime(2026, 3, 5, 12, 0, tzinfo=UTC)))
    _write(g, (_chose("TV-EARLY", "E23000005", "M1 1AE"), datetime(2026, 3, 5, 9, 0, tzinfo=UTC)))
    evidence = load_evidence(g, _case(g))
    assert evidence.chosen_forces == ("E23000005", "E23000010")
    assert evidence.reporter_postcodes == ("M1 1AE", "LS1 4AP")
    assert evidence.victim_postcodes == ("M1 1AE", "LS1 4AP")


def _with(ref: str, strands: list[str], location_type: str) -> dict[str, Any]:
    payload = _payload(ref, "2026-03-01T10:00:00Z")
    payload["incident"].update({"strands": strands, "location_type": location_type})
    return payload


def test_strands_are_every_reports_in_first_received_order_and_any_online_report_counts(
    reference_graph: Graph,
) -> None:
    g = reference_graph
    at = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    _write(
        g,
        (_with("TV-B", ["race", "religion"], "specific_location"), at + timedelta(hours=1)),
        (_with("TV-C", ["race", "disability"], "specific_location"), at + timedelta(hours=2)),
        (_with("TV-A", ["religion"], "specific_location"), at),
    )
    evidence = load_evidence(g, _case(g))
    assert evidence.strands == ("religion", "race", "disability")
    # Issue 25, defect 1: "specific_location" routes a report to a force; a post on X is still
    # online (this asserted False, the defect).
    assert evidence.online is True

    _write(g, (_with("TV-D", ["race"], "online"), at + timedelta(hours=3)))
    assert load_evidence(g, _case(g)).online is True
