"""A disclosure's id is the same whatever the spelling of its times or the order of its keys,
and different for a different disclosure: a platform sending one twice is recognised."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from ingest.disclosures import disclosure_row

SENT: dict[str, Any] = {
    "platform": "x",
    "handle": "jsmith88",
    "emails": ["j.smith@example.org"],
    "ip_addresses": [{"ip": "192.0.2.7", "seen_at": "2026-06-01T09:30:00Z"}, {"ip": "192.0.2.8"}],
    "received_at": "2026-06-03T10:00:00Z",
}


def _id(**changes: Any) -> str:
    return str(disclosure_row({**SENT, **changes})["id"])


def test_the_same_times_spelled_otherwise_give_the_same_id() -> None:
    first = _id()
    assert _id(received_at="2026-06-03T10:00:00+00:00") == first
    assert _id(received_at="2026-06-03T11:00:00+01:00") == first
    respelled = [{"ip": "192.0.2.7", "seen_at": "2026-06-01T10:30:00+01:00"}, {"ip": "192.0.2.8"}]
    assert _id(ip_addresses=respelled) == first
    assert _id(**dict(reversed(list(SENT.items())))) == first


def test_another_time_or_value_gives_another_id() -> None:
    first = _id()
    assert _id(received_at="2026-06-03T10:00:01Z") != first
    moved = [{"ip": "192.0.2.7", "seen_at": "2026-06-01T09:31:00Z"}, {"ip": "192.0.2.8"}]
    assert _id(ip_addresses=moved) != first
    assert _id(emails=["j.smith@example.net"]) != first


def test_an_id_written_before_stays_when_its_times_were_in_utc() -> None:
    # Before times were respelled, the id hashed the payload exactly as sent.
    as_sent = hashlib.sha256(orjson.dumps(SENT, option=orjson.OPT_SORT_KEYS)).hexdigest()
    assert _id() == "dsc-" + as_sent[:24]
