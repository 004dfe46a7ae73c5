"""Taking a referral in, the one step of every way in: what it gives each way, and the row.

The row's values for the graph and for Python are kept apart, so the row ``create_reports``
takes has exactly the keys the query reads: nothing Python-only is sent, nothing is missing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from graph.cypher import load_query
from graph.errors import InvalidInput
from ingest.access_codes import verify_code
from ingest.receipt import payload_hash
from ingest.take_in import Journalled, take_in
from tests.factories import referral

AT = datetime(2026, 6, 2, 9, 30, tzinfo=UTC)


def test_a_referral_taken_in_gets_a_receipt_with_an_access_code_shown_once() -> None:
    payload = referral()
    taken = take_in(payload, "raw text", AT)
    row, receipt = taken.row, taken.row.receipt
    assert taken.access_code is not None
    assert receipt.access_code_hash is not None
    assert verify_code(taken.access_code, receipt.access_code_hash)
    assert (receipt.received_at, receipt.raw_payload, receipt.reference) == (AT, "raw text", None)
    assert receipt.payload_hash == payload_hash(payload)
    assert (row.source, row.source_ref, row.intake_key) == (
        "true-vision",
        "TV-2026-0000123",
        "true-vision|TV-2026-0000123",
    )
    assert row.year == 2026
    assert row.block_keys[0] == f"post|{row.evidence.post_key}"  # matching's keys, made here


def test_a_bulk_line_without_codes_gets_none() -> None:
    taken = take_in(referral(), "{}", AT, issue_code=False)
    assert taken.access_code is None
    assert taken.row.receipt.access_code_hash is None


def test_a_journalled_referral_keeps_the_reference_and_code_it_was_given() -> None:
    journalled = Journalled(reference="OHCH-2026-J7K3M9P2", access_code_hash="sha256$00$11")
    taken = take_in(referral(), "{}", AT, journalled=journalled)
    assert taken.access_code is None  # it was shown when the journal accepted the referral
    assert taken.row.receipt.reference == "OHCH-2026-J7K3M9P2"
    assert taken.row.receipt.access_code_hash == "sha256$00$11"
    assert taken.row.params(taken.row.receipt.reference)["reference"] == "OHCH-2026-J7K3M9P2"


def test_a_referral_that_does_not_validate_is_given_nothing() -> None:
    payload = referral()
    payload["content"][0]["url"] = "not a link"
    del payload["submitted_at"]
    with pytest.raises(InvalidInput) as raised:
        take_in(payload, "{}", AT)
    assert {p.field for p in raised.value.problems} == {"submitted_at", "content[0].url"}


def test_unverified_details_travel_typed_and_are_written_as_two_lists() -> None:
    payload = referral()
    payload["reporter"]["email"] = "amara@"
    row = take_in(payload, "{}", AT).row
    assert [u.field for u in row.unverified] == ["reporter.email"]
    written = row.params("OHCH-2026-000001")
    assert written["unverified_fields"] == ["reporter.email"]
    assert written["unverified_reasons"] == [row.unverified[0].message]


def test_the_row_create_reports_takes_has_exactly_the_keys_the_query_reads() -> None:
    query = load_query("intake/create_reports").text
    read = set(re.findall(r"\brow\.(\w+)", query))
    sent = take_in(referral(), "{}", AT).row.params("OHCH-2026-000001")
    assert set(sent) == read
    assert {"evidence", "block_keys", "received_at_dt", "year"}.isdisjoint(sent)
