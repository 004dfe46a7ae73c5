"""A case as a force sees it: how the viewer may see it, its linked cases, masked victims.

Pure: no I/O. Visibility and masking are decided inside Cypher (``queries/cases/case_detail``
and ``queries/cases/force_cases``, run by ``force_view_store.py``); this module names the
outcomes, holds the fan-out caps the queries take, checks the caller's limits, turns a record
into typed values and cuts a force's case list into pages of whole own cases.

The caps keep a case's detail to one bounded round trip however prolific an account is (one
may be named in 10,000 reports): links are drawn from the first ``reports`` reports of a case,
and each kind of link (content, accounts, persons) searches at most ``link_scan`` reports,
accounts with the fewest reports first so a prolific one cannot starve the others. Because the
search stops there, a case linked to the viewer's only through reports beyond it stays hidden
(never the other way round), and the linked-case list says ``capped``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from graph.cases.models import CaseStatus
from graph.errors import InvalidValue
from graph.viewer import Viewer


class Visibility(enum.StrEnum):
    """How the viewer sees a case (in ``forceCases``, how the listed force relates to it)."""

    ASSIGNED = "ASSIGNED"  # currently assigned to the viewer's force
    NOTIFIED = "NOTIFIED"  # the viewer's force was notified (victim care, linked)
    LINKED = "LINKED"  # linked to one of the viewer's force's cases
    HUB = "HUB"  # hub staff see every case


class LinkReason(enum.StrEnum):
    """Why two cases are linked."""

    SAME_CONTENT = "SAME_CONTENT"  # a Content node or a content cluster in common
    SAME_ACCOUNT = "SAME_ACCOUNT"  # a suspect account named in (or posting) both
    SAME_PERSON = "SAME_PERSON"  # accounts of the same person (Account.person_id)


@dataclass(frozen=True, slots=True)
class FanOutCaps:
    """The bounds every force-view query takes (see the module docstring)."""

    reports: int = 100
    linked: int = 50
    link_scan: int = 500
    person_accounts: int = 10


CAPS = FanOutCaps()
MAX_CASE_ID_LENGTH = 200
MAX_PAGE = 500
MAX_LINKED_PER_CASE = 20


def check_case_id(value: str, field: str = "id") -> str:
    text = value.strip()
    if not text:
        raise InvalidValue(field, "is required: a case id such as 'case:content:...'")
    if len(text) > MAX_CASE_ID_LENGTH:
        raise InvalidValue(field, f"is longer than {MAX_CASE_ID_LENGTH} characters")
    return text


def check_limit(value: int, field: str, most: int, least: int = 1) -> int:
    """A caller's limit, refused (not silently clamped) when out of range."""
    if not least <= value <= most:
        raise InvalidValue(field, f"must be between {least} and {most}, got {value}")
    return value


def detail_params(
    viewer: Viewer, case_id: str, linked_limit: int, caps: FanOutCaps = CAPS
) -> dict[str, Any]:
    """The parameters of ``cases/case_detail`` for this viewer."""
    return {
        "case_id": case_id,
        "linked_limit": linked_limit,
        "report_limit": caps.reports,
        "link_scan": caps.link_scan,
        "person_accounts": caps.person_accounts,
        **viewer.cypher_scope(),
    }


def list_params(
    viewer: Viewer,
    after: str | None,
    limit: int,
    linked_per_case: int,
    caps: FanOutCaps = CAPS,
    status: CaseStatus | None = None,
) -> dict[str, Any]:
    """The parameters of ``cases/force_cases`` for this viewer (``after`` '' = first page;
    ``status`` None = any)."""
    return {
        "after": after or "",
        "status": status.value if status else None,
        "limit": limit,
        "linked_per_case": linked_per_case,
        "report_limit": caps.reports,
        "link_scan": caps.link_scan,
        "person_accounts": caps.person_accounts,
        **viewer.cypher_scope(),
    }


@dataclass(frozen=True, slots=True)
class ForceRef:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class ReportLine:
    id: str
    reference: str
    received_at: datetime | None
    strands: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContentLine:
    id: str
    platform: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class SuspectAccount:
    key: str
    platform: str | None
    handle: str | None
    person_id: str | None


@dataclass(frozen=True, slots=True)
class VictimLine:
    """A victim; when ``masked`` the query returned no name, email, phone or postcode."""

    id: str
    force_code: str | None
    masked: bool
    name: str | None
    email: str | None
    phone: str | None
    postcode: str | None


@dataclass(frozen=True, slots=True)
class LinkedCase:
    id: str
    status: CaseStatus | None
    how: Visibility
    force: ForceRef | None
    reasons: tuple[LinkReason, ...]


@dataclass(frozen=True, slots=True)
class CaseDetail:
    id: str
    status: CaseStatus | None
    how: Visibility
    force: ForceRef | None
    reports: tuple[ReportLine, ...]
    reports_capped: bool
    contents: tuple[ContentLine, ...]
    accounts: tuple[SuspectAccount, ...]
    victims: tuple[VictimLine, ...]
    linked: tuple[LinkedCase, ...]
    linked_capped: bool


@dataclass(frozen=True, slots=True)
class ForceCaseLine:
    """One line of a force's case list: one of its own cases (for hub staff, a case and one
    force it is assigned or notified to), or a case linked to own cases listed before it."""

    case_id: str
    status: CaseStatus | None
    how: Visibility
    force_code: str | None  # the viewer's force; for a LINKED case the force it is assigned to
    linked_to: tuple[str, ...]  # for a LINKED case: the own cases on the page it links to
    reasons: tuple[LinkReason, ...]  # for a LINKED case: why

    @property
    def own_case(self) -> str:
        """The own case the line is listed under (the key the list pages by)."""
        return self.linked_to[0] if self.how is Visibility.LINKED else self.case_id


def first_own_cases(lines: Sequence[ForceCaseLine], first: int) -> tuple[list[ForceCaseLine], bool]:
    """The lines of the first ``first`` own cases, from lines read for ``first + 1`` of them,
    and whether more own cases follow. A linked case listed under a kept own case forgets the
    dropped one in ``linked_to`` (the next page lists that one's links); its ``reasons`` are
    those the query found for all its links, which it does not tell apart."""
    owns = list(dict.fromkeys(line.own_case for line in lines))
    if len(owns) <= first:
        return list(lines), False
    kept = set(owns[:first])
    shown = [
        replace(line, linked_to=tuple(c for c in line.linked_to if c in kept))
        for line in lines
        if line.own_case in kept
    ]
    return shown, True


def from_epoch_millis(value: int | None) -> datetime | None:
    """Queries return times as epoch milliseconds: the driver decodes a DATETIME value about
    15 times slower than an integer, which for a page of reports is most of the request."""
    return None if value is None else datetime.fromtimestamp(value / 1000, UTC)


def _force(value: dict[str, Any] | None) -> ForceRef | None:
    return ForceRef(code=value["code"], name=value["name"]) if value else None


def _status(value: str | None) -> CaseStatus | None:
    return None if value is None else CaseStatus(value)


# ``cases/force_cases`` names a force's own cases by their relationship to it.
_HOW = {"ASSIGNED_TO": Visibility.ASSIGNED, "NOTIFIED": Visibility.NOTIFIED}


def line_from_record(record: dict[str, Any]) -> ForceCaseLine:
    return ForceCaseLine(
        case_id=record["id"],
        status=_status(record["status"]),
        how=_HOW.get(record["how"]) or Visibility(record["how"]),
        force_code=record["force_code"],
        linked_to=tuple(record["linked_to"]),
        reasons=reasons_of(record["reasons"]),
    )


def reasons_of(values: list[str]) -> tuple[LinkReason, ...]:
    """The reasons in a fixed order (strongest first), whatever order the query found them."""
    found = {LinkReason(v) for v in values}
    return tuple(r for r in LinkReason if r in found)


def detail_from_record(record: dict[str, Any]) -> CaseDetail:
    return CaseDetail(
        id=record["id"],
        status=_status(record["status"]),
        how=Visibility(record["how"]),
        force=_force(record["force"]),
        reports=tuple(
            ReportLine(
                id=r["id"], reference=r["reference"],
                received_at=from_epoch_millis(r["received_at"]),
                strands=tuple(r["strands"] or ()),
            )
            for r in record["reports"]
        ),
        reports_capped=record["reports_capped"],
        contents=tuple(
            ContentLine(id=c["id"], platform=c["platform"], url=c["url"])
            for c in record["contents"]
        ),
        accounts=tuple(
            SuspectAccount(
                key=a["key"], platform=a["platform"], handle=a["handle"],
                person_id=a["person_id"],
            )
            for a in record["accounts"]
        ),
        victims=tuple(
            VictimLine(
                id=v["id"], force_code=v["force_code"], masked=v["masked"], name=v["name"],
                email=v["email"], phone=v["phone"], postcode=v["postcode"],
            )
            for v in record["victims"]
        ),
        linked=tuple(
            LinkedCase(
                id=k["id"], status=_status(k["status"]), how=Visibility(k["how"]),
                force=_force(k["force"]), reasons=reasons_of(k["reasons"]),
            )
            for k in record["linked"]
        ),
        linked_capped=record["linked_capped"],
    )  # fmt: skip
