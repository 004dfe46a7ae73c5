"""Accounts and the persons behind them, with the evidence of each link; a person's profile
(``person``); the identity review queue and the analyst's decision on a pair
(``services/identity.py``).

Evidence can carry disclosed subscriber data (emails, phones, IPs), so only the roles allowed to
read disclosures see it, and the review queue. A person's profile is for hub staff; its
victims' names only for the roles cleared for disclosures.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import (
    EXPECTED,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from api.graphql.types.connection import Connection
from api.graphql.types.outcome import LookupFailure, looked_up, paged
from graph.identity.judgements import Verdict
from services import identity as service
from services.paging import DEFAULT_PAGE, PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(
    Verdict,
    name="IdentityVerdict",
    description="An identity judgement: SAME_PERSON, NOT_SAME_PERSON, or UNSURE (the system "
    "could not tell: the pair awaits an analyst).",
)
strawberry.enum(
    service.PersonKind,
    description="Which kind of person a person id names: OFFENDER, the person behind platform "
    "accounts (an account's personId); NAMED, a person named in reports (victim, reporter or "
    "suspect).",
)
strawberry.enum(
    service.ReviewReason,
    name="IdentityReviewReason",
    description="Why an identity decision awaits an analyst: UNSURE, the evidence was not "
    "conclusive; DISCLOSURE_WITHDRAWN, an analyst's judgement whose evidence used a withdrawn "
    "disclosure.",
)
strawberry.enum(
    service.RecordKind,
    name="IdentityRecordKind",
    description="What one side of an identity pair is: ACCOUNT, a platform account; "
    "NAMED_PERSON, a person as one report names them (a Person).",
)
strawberry.enum(
    service.NamedRole,
    name="NamedPersonRole",
    description="How a report names a person: VICTIM_IN, SUSPECTED_IN or REPORTED.",
)


@strawberry.type(description="A judgement that two accounts are (not) the same person.")
class IdentityLink:
    id: str
    other_account: str
    verdict: Verdict
    score: float
    actor: str
    evidence: str = strawberry.field(description="Features, values compared and weights (JSON)")

    @classmethod
    def of(cls, v: service.IdentityLink) -> IdentityLink:
        return cls(
            id=v.id, other_account=v.other_account, verdict=v.verdict, score=v.score,
            actor=v.actor, evidence=v.evidence,
        )  # fmt: skip


@strawberry.type(description="An account, the person it belongs to, and why.")
class AccountIdentity:
    key: str
    platform: str
    handle: str
    person_id: str
    linked_accounts: list[str]
    links: list[IdentityLink]

    @classmethod
    def of(cls, v: service.AccountIdentity) -> AccountIdentity:
        return cls(
            key=v.key, platform=v.platform, handle=v.handle, person_id=v.person_id,
            linked_accounts=list(v.linked_accounts), links=[IdentityLink.of(j) for j in v.links],
        )  # fmt: skip


@strawberry.type(description="An account of a person.")
class PersonAccount:
    key: str
    platform: str
    handle: str | None


@strawberry.type(description="A report against a person (naming its account or it as suspect).")
class PersonReport:
    id: str
    reference: str | None
    received_at: datetime | None
    case_id: str | None
    force_code: str | None = strawberry.field(description="The force the case is assigned to.")

    @classmethod
    def of(cls, r: service.PersonReport) -> PersonReport:
        return cls(
            id=r.id, reference=r.reference, received_at=r.received_at, case_id=r.case_id,
            force_code=r.force_code,
        )  # fmt: skip


@strawberry.type(description="A victim of reports against a person, by identity.")
class TargetedVictim:
    identity: str = strawberry.field(description="Identity key (person id, else Person id).")
    reports: int
    force_code: str | None
    masked: bool = strawberry.field(description="True when the viewer may not see the name.")
    name: str | None

    @classmethod
    def of(cls, v: service.TargetedVictim) -> TargetedVictim:
        return cls(
            identity=v.identity, reports=v.reports, force_code=v.force_code, masked=v.masked,
            name=v.name,
        )  # fmt: skip


@strawberry.type(description="A force involved: its cases, or its victims.")
class InvolvedForce:
    code: str
    name: str | None
    cases: int = strawberry.field(description="Cases of these reports assigned to it.")
    victims: int = strawberry.field(description="Victims living in its area.")


@strawberry.type(description="How many reports name a person in each role.")
class PersonRoles:
    victim_in: int
    suspect_in: int
    reporter_in: int


@strawberry.type(description="A person: accounts, reports against them, victims, forces.")
class PersonProfile:
    id: str
    kind: service.PersonKind
    accounts: list[PersonAccount]
    report_count: int
    victim_count: int
    forces: list[InvolvedForce]
    roles: PersonRoles | None = strawberry.field(
        description="For a person named in reports: the reports naming them in each role."
    )
    profile: strawberry.Private[service.PersonProfile]

    @classmethod
    def of(cls, v: service.PersonProfile) -> PersonProfile:
        roles = v.roles
        return cls(
            id=v.id, kind=v.kind,
            accounts=[PersonAccount(key=a.key, platform=a.platform, handle=a.handle)
                      for a in v.accounts],
            report_count=v.report_count, victim_count=v.victim_count,
            forces=[InvolvedForce(code=f.code, name=f.name, cases=f.cases, victims=f.victims)
                    for f in v.forces],
            roles=PersonRoles(
                victim_in=roles.victim_in, suspect_in=roles.suspect_in,
                reporter_in=roles.reporter_in,
            ) if roles else None,
            profile=v,
        )  # fmt: skip

    @strawberry.field(description="The reports against the person, newest first.")
    async def reports(
        self, info: Info, first: int = DEFAULT_PAGE, after: str | None = None
    ) -> Connection[PersonReport]:
        request = PageRequest(first, after)
        page = await info.context.run(service.person_reports, self.profile, request)
        return Connection.of(page, PersonReport.of)

    @strawberry.field(description="The victims of those reports, most reports first.")
    async def victims(
        self, info: Info, first: int = DEFAULT_PAGE, after: str | None = None
    ) -> Connection[TargetedVictim]:
        request = PageRequest(first, after)
        page = await info.context.run(service.person_victims, self.profile, request)
        return Connection.of(page, TargetedVictim.of)


@strawberry.type(description="One side of a pair: an account, or a person named in a report.")
class IdentityParty:
    kind: service.RecordKind
    key: str = strawberry.field(description="Account key, or Person id (for judgeIdentity).")
    person_id: str
    platform: str | None
    handle: str | None
    name: str | None
    roles: list[service.NamedRole] = strawberry.field(
        description="How the reports name a named person (none for an account)."
    )
    report_reference: str | None

    @classmethod
    def of(cls, v: service.IdentityParty) -> IdentityParty:
        return cls(
            kind=v.kind, key=v.key, person_id=v.person_id, platform=v.platform,
            handle=v.handle, name=v.name, roles=list(v.roles),
            report_reference=v.report_reference,
        )  # fmt: skip


@strawberry.type(description="A pair awaiting an analyst's decision (judgeIdentity decides it).")
class IdentityReviewItem:
    judgement_id: str
    reason_for_review: service.ReviewReason
    verdict: Verdict
    score: float
    actor: str
    at: datetime
    reason: str
    evidence: str = strawberry.field(description="Features, values compared and weights (JSON)")
    withdrawn_disclosures: list[str]
    a: IdentityParty
    b: IdentityParty

    @classmethod
    def of(cls, v: service.ReviewItem) -> IdentityReviewItem:
        return cls(
            judgement_id=v.judgement_id, reason_for_review=v.reason_for_review,
            verdict=v.verdict, score=v.score, actor=v.actor, at=v.at, reason=v.reason,
            evidence=v.evidence, withdrawn_disclosures=list(v.withdrawn_disclosures),
            a=IdentityParty.of(v.a), b=IdentityParty.of(v.b),
        )  # fmt: skip


@strawberry.type(description="The persons after an analyst's decision.")
class IdentityDecision:
    person_of_a: str
    person_of_b: str


@strawberry.type(description="One record of a group and its person after the decision.")
class GroupMember:
    key: str
    person_id: str


@strawberry.type(description="The person of each record of a group decided at once.")
class IdentityGroupDecision:
    members: list[GroupMember]


AccountResult = Annotated[
    AccountIdentity | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("AccountResult"),
]
PersonResult = Annotated[
    PersonProfile | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("PersonResult"),
]
IdentityReviewQueueResult = Annotated[
    Connection[IdentityReviewItem] | InvalidInputError | ForbiddenError,
    strawberry.union("IdentityReviewQueueResult"),
]
JudgeIdentityResult = Annotated[
    IdentityDecision | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("JudgeIdentityResult"),
]
JudgeIdentityGroupResult = Annotated[
    IdentityGroupDecision | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("JudgeIdentityGroupResult"),
]


async def account(info: Info, platform: str, handle: str) -> AccountResult:
    found = await looked_up(lambda: info.context.run(service.account, platform, handle))
    return found if isinstance(found, LookupFailure) else AccountIdentity.of(found)


async def person(
    info: Info,
    id: Annotated[
        str, strawberry.argument(description="A person id: an account's or a named person's.")
    ],
) -> PersonResult:
    found = await looked_up(lambda: info.context.run(service.person, id))
    return found if isinstance(found, LookupFailure) else PersonProfile.of(found)


async def identity_review_queue(
    info: Info, first: int = DEFAULT_PAGE, after: str | None = None
) -> IdentityReviewQueueResult:
    return await paged(
        lambda: info.context.run(service.identity_review_queue, PageRequest(first, after)),
        IdentityReviewItem.of,
    )


@strawberry.type
class IdentityQueries:
    account: AccountResult = strawberry.field(
        resolver=account,
        description="An account, its person and the evidence of each link.",
    )
    person: PersonResult = strawberry.field(
        resolver=person,
        description="A person (behind accounts, or named in reports): accounts, reports "
        "against them, victims, forces and roles. Hub staff only.",
    )
    identity_review_queue: IdentityReviewQueueResult = strawberry.field(
        resolver=identity_review_queue,
        description="Identity pairs awaiting an analyst, oldest first (judgeIdentity decides "
        "them).",
    )


@strawberry.type
class IdentityMutations:
    @strawberry.mutation(
        description="Link (same=true) or unlink two accounts, or two people named in reports "
        "(their Person ids), with a reason; decides an identityReviewQueue item."
    )
    async def judge_identity(
        self, info: Info, account_a: str, account_b: str, same: bool, reason: str
    ) -> JudgeIdentityResult:
        try:
            decided = await info.context.run(
                service.judge_identity, account_a, account_b, same, reason
            )
        except EXPECTED as error:
            return failure(error)
        return IdentityDecision(person_of_a=decided.person_of_a, person_of_b=decided.person_of_b)

    @strawberry.mutation(
        description="Decide a group at once (2 to 20 accounts, or people named in reports, by "
        "their keys): one person (same=true), or each a different person from every other; "
        "every pair in the group leaves identityReviewQueue. An analyst's rejection of any "
        "pair still wins over the system's links."
    )
    async def judge_identity_group(
        self, info: Info, keys: list[str], same: bool, reason: str
    ) -> JudgeIdentityGroupResult:
        try:
            decided = await info.context.run(service.judge_identity_group, keys, same, reason)
        except EXPECTED as error:
            return failure(error)
        return IdentityGroupDecision(
            members=[GroupMember(key=k, person_id=p) for k, p in decided.persons]
        )
