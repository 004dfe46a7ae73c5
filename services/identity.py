"""Accounts and the persons behind them: an account with the evidence of each link, a person's
profile, the identity review queue, and an analyst's decision on a pair.

Evidence can carry disclosed subscriber data (emails, phones, IPs), so an account's links and
the review queue are for the roles cleared for disclosures. A person's profile is for hub
staff; its victims' names only for the roles cleared for disclosures, and a force would see
only the reports of its cases (the scope is applied inside the query).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from graph.access import Capability
from graph.cypher import load_query
from graph.db import Record, native
from graph.errors import InvalidValue, NotFound
from graph.identity import analyst
from graph.identity.judgements import Verdict
from graph.platforms import resolve_platform_name
from graph.values.handle import Handle
from services.paging import Page, PageRequest, keyed_page, ranked_page, time_and_id
from services.use_case import Caller, use_case

T = TypeVar("T")

RULES: Mapping[str, Capability] = {
    "account": Capability.IDENTITY_EVIDENCE,
    "person": Capability.HUB_CASEWORK,
    "person_reports": Capability.HUB_CASEWORK,
    "person_victims": Capability.HUB_CASEWORK,
    "identity_review_queue": Capability.IDENTITY_EVIDENCE,
    "judge_identity": Capability.IDENTITY_EVIDENCE,
    "judge_identity_group": Capability.IDENTITY_EVIDENCE,
}

SHOWN = 100  # reports and victims a person's profile reads with it (the totals are counted)


class PersonKind(enum.StrEnum):
    """Which kind of person a person id names."""

    OFFENDER = "OFFENDER"  # the person behind platform accounts (an account's person_id)
    NAMED = "NAMED"  # a person named in reports (victim, reporter or suspect)


class ReviewReason(enum.StrEnum):
    """Why an identity decision awaits an analyst."""

    UNSURE = "UNSURE"  # the evidence was not conclusive
    DISCLOSURE_WITHDRAWN = "DISCLOSURE_WITHDRAWN"  # an analyst's judgement used a withdrawn one


class RecordKind(enum.StrEnum):
    """What one side of an identity pair is."""

    ACCOUNT = "ACCOUNT"  # a platform account
    NAMED_PERSON = "NAMED_PERSON"  # a person as one report names them (a Person)


class NamedRole(enum.StrEnum):
    """How a report names a person: the relationship from the Person to the Report."""

    VICTIM_IN = "VICTIM_IN"
    SUSPECTED_IN = "SUSPECTED_IN"
    REPORTED = "REPORTED"


@dataclass(frozen=True, slots=True)
class IdentityLink:
    """A judgement that two accounts are (not) the same person; evidence as JSON text."""

    id: str
    other_account: str
    verdict: Verdict
    score: float
    actor: str
    evidence: str


@dataclass(frozen=True, slots=True)
class AccountIdentity:
    """An account, the person it belongs to, the person's other accounts, and why."""

    key: str
    platform: str
    handle: str
    person_id: str
    linked_accounts: tuple[str, ...]
    links: tuple[IdentityLink, ...]


@dataclass(frozen=True, slots=True)
class PersonAccount:
    key: str
    platform: str
    handle: str | None


@dataclass(frozen=True, slots=True)
class PersonReport:
    """A report against a person; ``force_code`` is the force its case is assigned to."""

    id: str
    reference: str | None
    received_at: datetime | None
    case_id: str | None
    force_code: str | None


@dataclass(frozen=True, slots=True)
class TargetedVictim:
    """A victim of reports against a person, by identity; the name only when not masked."""

    identity: str
    reports: int
    force_code: str | None
    masked: bool
    name: str | None


@dataclass(frozen=True, slots=True)
class InvolvedForce:
    """A force involved: cases of these reports assigned to it, victims living in its area."""

    code: str
    name: str | None
    cases: int
    victims: int


@dataclass(frozen=True, slots=True)
class PersonRoles:
    """How many reports name a person in each role."""

    victim_in: int
    suspect_in: int
    reporter_in: int


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """A person: accounts, the reports against them (newest first) and their victims (most
    reports first), each counted in full and read up to the profile's limit, forces, and for a
    named person their roles."""

    id: str
    kind: PersonKind
    accounts: tuple[PersonAccount, ...]
    report_count: int
    reports: tuple[PersonReport, ...]
    victim_count: int
    victims: tuple[TargetedVictim, ...]
    forces: tuple[InvolvedForce, ...]
    roles: PersonRoles | None


@dataclass(frozen=True, slots=True)
class IdentityParty:
    """One side of a pair: an account, or a person named in a report. ``key`` is the account
    key or the Person id, as ``judge_identity`` takes it."""

    kind: RecordKind
    key: str
    person_id: str
    platform: str | None
    handle: str | None
    name: str | None
    roles: tuple[NamedRole, ...]
    report_reference: str | None


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A pair awaiting an analyst's decision (``judge_identity`` decides it)."""

    judgement_id: str
    reason_for_review: ReviewReason
    verdict: Verdict
    score: float
    actor: str
    at: datetime
    reason: str
    evidence: str
    withdrawn_disclosures: tuple[str, ...]
    a: IdentityParty
    b: IdentityParty


@dataclass(frozen=True, slots=True)
class IdentityDecision:
    """The persons of the two records after an analyst's decision."""

    person_of_a: str
    person_of_b: str


@dataclass(frozen=True, slots=True)
class GroupDecision:
    """The person of each record of a group after an analyst decided it at once."""

    persons: tuple[tuple[str, str], ...]  # (record key, person id), in the order given


def _account(row: Record) -> AccountIdentity:
    return AccountIdentity(
        key=row["key"], platform=row["platform"], handle=row["handle"],
        person_id=row["person_id"], linked_accounts=tuple(sorted(row["linked"])),
        links=tuple(
            IdentityLink(
                id=j["id"], other_account=j["other"], verdict=Verdict(j["verdict"]),
                score=j["score"], actor=j["actor"], evidence=j["evidence"],
            )
            for j in row["judgements"] if j["id"] is not None
        ),
    )  # fmt: skip


@use_case
def account(caller: Caller, platform: str, handle: str) -> AccountIdentity:
    """An account by its platform (any name people use for it) and handle, with its person
    and the evidence of each link; NotFound if the hub has no such account."""
    clean = Handle.clean(handle, resolve_platform_name(platform).id, strict=False)
    rows = caller.graph.read(load_query("identity/account_with_links"), key=clean.key)
    if not rows:
        raise NotFound(f"handle: no account {clean.key!r}")
    return _account(rows[0])


def _profile(person_id: str, row: Record, reveal_names: bool) -> PersonProfile:
    roles = row["roles"]
    return PersonProfile(
        id=person_id,
        kind=PersonKind(row["kind"]),
        accounts=tuple(PersonAccount(a["key"], a["platform"], a["handle"])
                       for a in row["accounts"]),
        report_count=row["report_count"],
        reports=tuple(
            PersonReport(
                id=r["id"], reference=r["reference"], received_at=native(r["received_at"]),
                case_id=r["case_id"], force_code=r["force_code"],
            )
            for r in row["reports"]
        ),
        victim_count=row["victim_count"],
        victims=tuple(
            TargetedVictim(
                identity=v["identity"], reports=v["reports"], force_code=v["force_code"],
                masked=not reveal_names, name=v["name"],
            )
            for v in row["victims"]
        ),
        forces=tuple(InvolvedForce(f["code"], f["name"], f["cases"], f["victims"])
                     for f in row["forces"]),
        roles=PersonRoles(roles["victim"], roles["suspect"], roles["reporter"]) if roles else None,
    )  # fmt: skip


def _read_profile(caller: Caller, person_id: str, limit: int) -> PersonProfile:
    """The profile with up to ``limit`` of its reports and of its victims."""
    if not person_id.strip():
        raise InvalidValue("id", "is empty")
    viewer = caller.viewer
    reveal = viewer.may_read_disclosures
    rows = caller.graph.read(
        load_query("identity/person_profile"), person_id=person_id, limit=limit,
        reveal_names=reveal, **viewer.cypher_scope(),
    )  # fmt: skip
    if not rows:
        raise NotFound(f"id: no person {person_id!r}")
    return _profile(person_id, rows[0], reveal)


@use_case
def person(caller: Caller, person_id: str) -> PersonProfile:
    """A person (behind accounts, or named in reports) by id, with the first ``SHOWN`` of its
    reports and victims; NotFound if none, or if none of the reports that name them is the
    viewer's to see."""
    return _read_profile(caller, person_id, SHOWN)


def _profile_page(
    caller: Caller,
    profile: PersonProfile,
    request: PageRequest,
    part: Callable[[PersonProfile], tuple[Sequence[T], int]],
) -> Page[T]:
    """A page of one of a profile's lists (the items held, and their count): from the items
    the profile holds when they cover it, else from the profile read again as far as the page
    ends (the query counts every item anyway, so a later page costs what the first did)."""
    held, count = part(profile)
    end = request.offset + request.first
    if end >= len(held) and len(held) < count:
        held, count = part(_read_profile(caller, profile.id, end + 1))
    return ranked_page(held[request.offset : end + 1], request, total=count)


@use_case
def person_reports(
    caller: Caller, profile: PersonProfile, request: PageRequest
) -> Page[PersonReport]:
    """A page of the reports against a person, newest first."""
    return _profile_page(caller, profile, request, lambda p: (p.reports, p.report_count))


@use_case
def person_victims(
    caller: Caller, profile: PersonProfile, request: PageRequest
) -> Page[TargetedVictim]:
    """A page of the victims of reports against a person, most reports first."""
    return _profile_page(caller, profile, request, lambda p: (p.victims, p.victim_count))


def _party(side: Mapping[str, Any]) -> IdentityParty:
    return IdentityParty(
        kind=RecordKind(side["kind"]), key=side["key"], person_id=side["person_id"],
        platform=side["platform"], handle=side["handle"], name=side["name"],
        roles=tuple(NamedRole(r) for r in side["roles"]), report_reference=side["report"],
    )  # fmt: skip


def _review_item(r: Record) -> ReviewItem:
    withdrawn = r["needs_review"]
    return ReviewItem(
        judgement_id=r["id"],
        reason_for_review=ReviewReason.DISCLOSURE_WITHDRAWN if withdrawn else ReviewReason.UNSURE,
        verdict=Verdict(r["verdict"]), score=r["score"], actor=r["actor"],
        at=datetime.fromisoformat(r["at"]), reason=r["reason"], evidence=r["evidence"],
        withdrawn_disclosures=tuple(r["withdrawn_disclosures"]),
        a=_party(r["sides"][0]), b=_party(r["sides"][1]),
    )  # fmt: skip


@use_case
def identity_review_queue(caller: Caller, request: PageRequest) -> Page[ReviewItem]:
    """A page of the identity pairs awaiting an analyst, most valuable first (the stored
    priority), with how many await."""
    rows = caller.graph.read(
        load_query("identity/review_queue_page"), limit=request.first + 1,
        after_rank=request.after_time_and_id[0], after_id=request.after_time_and_id[1],
        **caller.viewer.cypher_scope(),
    )  # fmt: skip
    (counted,) = caller.graph.read(
        load_query("identity/review_queue_count"), **caller.viewer.cypher_scope()
    )
    page = keyed_page(
        rows, request, key=lambda r: time_and_id(r["rank"], r["id"]), total=int(counted["total"])
    )
    return page.map(_review_item)


@use_case
def judge_identity(
    caller: Caller, account_a: str, account_b: str, same: bool, reason: str
) -> IdentityDecision:
    """Link (``same``) or unlink two accounts, or two people named in reports (their Person
    ids), with a reason, as the viewer; it decides the pair's review queue item."""
    persons = analyst.judge_identity(
        caller.graph, account_a, account_b, same, caller.viewer.user_id, reason
    )
    return IdentityDecision(
        person_of_a=persons.person_of.get(account_a, f"person:{account_a}"),
        person_of_b=persons.person_of.get(account_b, f"person:{account_b}"),
    )


@use_case
def judge_identity_group(caller: Caller, keys: list[str], same: bool, reason: str) -> GroupDecision:
    """Decide a group at once (2 to 20 accounts, or people named in reports): one person
    (``same``), or every one a different person; each pair in it leaves the review queue."""
    persons = analyst.judge_identity_group(caller.graph, keys, same, caller.viewer.user_id, reason)
    return GroupDecision(
        tuple((k, persons.person_of.get(k, f"person:{k}")) for k in dict.fromkeys(keys))
    )
