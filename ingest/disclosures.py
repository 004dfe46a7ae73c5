"""Platform disclosures: subscriber data a platform returns about one account.

One JSON record per account::

    {"platform": "x", "handle": "jsmith88", "platform_user_id": "1234"?,
     "emails": [..]?, "phones": [..]?, "ip_addresses": [{"ip": "...", "seen_at": "..."}]?,
     "registered_name": "..."?, "received_at": "2026-06-03T10:00:00Z", "legal_basis": "..."?}

Stored as a ``Disclosure`` node (the provenance: when, under which legal basis) and value nodes
(``Email``, ``Phone``, ``IpAddress``) linked to the account, so two accounts disclosed with the
same email meet at one node. Only roles allowed to read disclosures see them (graph/viewer.py).
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import orjson
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from graph.cypher import load_query
from graph.db import Graph
from graph.errors import InvalidInput, InvalidValue, Problem
from graph.identity.store import relink_accounts
from graph.platforms import resolve_platform_name
from graph.times import utc_iso
from graph.validation import PlainWords, problems_of
from graph.values.email import Email
from graph.values.handle import Handle
from graph.values.phone import Phone
from ingest.bulk_read import read_lines
from ingest.contract import not_future
from ingest.receipt import canonical_json

Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class IpSighting(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    ip: Short
    seen_at: AwareDatetime | None = None


class DisclosureRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    platform: Short
    handle: Short
    platform_user_id: Short | None = None
    emails: Annotated[list[Short], Field(max_length=50)] = []
    phones: Annotated[list[Short], Field(max_length=50)] = []
    ip_addresses: Annotated[list[IpSighting], Field(max_length=1000)] = []
    registered_name: Short | None = None
    received_at: AwareDatetime
    legal_basis: Short | None = None


_WORDS = PlainWords("a platform disclosure")


def _ip(raw: str) -> str:
    try:
        return ipaddress.ip_address(raw.strip()).compressed
    except ValueError:
        raise InvalidValue("ip", f"{raw!r} is not an IPv4 or IPv6 address") from None


def disclosure_id(payload: dict[str, Any], record: DisclosureRecord) -> str:
    """The id of a disclosure: its payload as sent, hashed, with its times in one spelling (UTC,
    ending in ``Z``: :func:`graph.times.utc_iso`), so the same disclosure sent again with
    ``+00:00``, another offset or its keys in another order is recognised, not kept twice. A
    payload whose times were already written so (as pydantic writes them) keeps its old id."""
    same = dict(payload)
    same["received_at"] = utc_iso(record.received_at)
    if record.ip_addresses:
        same["ip_addresses"] = [
            {**sent, "seen_at": utc_iso(seen.seen_at)} if seen.seen_at else sent
            for sent, seen in zip(payload["ip_addresses"], record.ip_addresses, strict=True)
        ]
    return "dsc-" + hashlib.sha256(canonical_json(same)).hexdigest()[:24]


def disclosure_row(payload: object) -> dict[str, Any]:
    """Validate and clean one record into the row ``queries/intake/merge_disclosures`` writes."""
    if not isinstance(payload, dict):
        raise InvalidInput([Problem("disclosure", "must be a JSON object")])
    try:
        record = DisclosureRecord.model_validate(payload)
    except ValidationError as error:
        raise InvalidInput(problems_of(error, words=_WORDS, root="disclosure")) from None
    problems: list[Problem] = []

    def clean(path: str, make: Any, raw: str) -> Any:
        try:
            return make(raw)
        except InvalidValue as error:
            problems.append(Problem(path, error.reason))
            return None

    platform = clean("platform", resolve_platform_name, record.platform)
    handle = (
        clean("handle", lambda h: Handle.clean(h, platform.id), record.handle) if platform else None
    )
    emails = [clean(f"emails[{i}]", Email.clean, e) for i, e in enumerate(record.emails)]
    phones = [clean(f"phones[{i}]", Phone.clean, p) for i, p in enumerate(record.phones)]
    ips = []
    for i, sighting in enumerate(record.ip_addresses):
        ip = clean(f"ip_addresses[{i}].ip", _ip, sighting.ip)
        try:
            seen = not_future(sighting.seen_at)
        except ValueError:
            problems.append(Problem(f"ip_addresses[{i}].seen_at", "lies in the future"))
            seen = None
        if ip:
            ips.append({"ip": ip, "seen_at": seen.isoformat() if seen else None})
    try:
        received = not_future(record.received_at)
    except ValueError:
        problems.append(Problem("received_at", "lies in the future"))
        received = None
    if problems:
        raise InvalidInput(problems)
    assert handle is not None
    assert isinstance(received, datetime)
    return {
        "id": disclosure_id(payload, record),
        "account_key": handle.key,
        "platform": handle.platform,
        "handle": handle.value,
        "platform_user_id": record.platform_user_id,
        "registered_name": record.registered_name,
        "received_at": received.isoformat(),
        "legal_basis": record.legal_basis,
        "emails": sorted({e.key for e in emails if e}),
        "phones": sorted({p.key for p in phones if p}),
        "ips": ips,
    }


def write_disclosures(graph: Graph, rows: list[dict[str, Any]]) -> int:
    """Write a batch; returns how many were new (a re-sent disclosure is recognised)."""
    if not rows:
        return 0
    records = graph.write(load_query("intake/merge_disclosures"), rows=rows)
    return int(records[0]["created"]) if records else 0


def ingest_disclosure_file(
    graph: Graph,
    path: Path,
    rejects_path: Path,
    batch_size: int = 500,
    on_progress: Callable[[int], object] | None = None,
) -> DisclosureSummary:
    """``on_progress`` is told of the lines read, as each batch is written. The accounts the
    file told the hub something new about are re-linked at the end (``relink_accounts``), so
    the persons reflect the new evidence without the batch job."""
    summary = DisclosureSummary()
    touched: set[str] = set()
    batch: list[dict[str, Any]] = []
    read_to = shown = 0
    with rejects_path.open("w", encoding="utf-8") as rejects:
        for line in read_lines(path):
            summary.lines += 1
            read_to = line.number
            try:
                if line.payload is None:
                    raise InvalidInput([Problem("line", line.problem or "unreadable")])
                batch.append(disclosure_row(line.payload))
            except InvalidInput as error:
                summary.rejected += 1
                problems = [{"field": p.field, "message": p.message} for p in error.problems]
                rejects.write(orjson.dumps({"line": line.number, "problems": problems}).decode())
                rejects.write("\n")
            if len(batch) >= batch_size:
                summary.record(len(batch), write_disclosures(graph, batch))
                touched.update(row["account_key"] for row in batch)
                batch = []
                if on_progress is not None:
                    on_progress(read_to - shown)
                    shown = read_to
        summary.record(len(batch), write_disclosures(graph, batch))
        touched.update(row["account_key"] for row in batch)
    if on_progress is not None and read_to > shown:
        on_progress(read_to - shown)
    if summary.accepted:
        summary.relinked = len(relink_accounts(graph, touched).added)
    return summary


@dataclass
class DisclosureSummary:
    lines: int = 0
    accepted: int = 0
    already_present: int = 0
    rejected: int = 0
    relinked: int = 0  # new system judgements from re-linking the accounts touched

    def record(self, written: int, created: int) -> None:
        self.accepted += created
        self.already_present += written - created

    def line(self) -> str:
        return (
            f"{self.lines:,} disclosures: {self.accepted:,} accepted, "
            f"{self.already_present:,} already present, {self.rejected:,} rejected; "
            f"{self.relinked:,} new judgements on re-linking their accounts"
        )
