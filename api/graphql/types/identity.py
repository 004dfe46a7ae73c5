"""Accounts and the persons behind them, with the evidence of each link; a person's profile
(``person``); the identity review queue and the analyst's decision on a pair.

Evidence can carry disclosed subscriber data (emails, phones, IPs), so only the roles allowed to
read disclosures (``graph/viewer.py``) see it, and the review queue. A person's profile is for
hub staff; its victims' names only for the roles cleared for disclosures.
"""

from __future__ import annotations

import asyncio
import enum
from datetime import datetime
from typing import Annotated, Any

import strawberry

from api.graphql.context import Context, read
from api.graphql.types.common import ForbiddenError, InvalidInputError, NotFoundError
from graph.db import native
from graph.errors import Forbidden, InvalidInput, InvalidValue, NotFound
from graph.identity.analyst import judge_identity
from graph.intel.bounds import within
from graph.platforms import resolve_platform_name
from graph.values.handle import Handle

Info = strawberry.Info[Context, None]
SHOWN = 100  # reports and victims listed on a person's profile (the totals are counted)
MAX_QUEUE = 200


def _require_reader(info: Info) -> None:
    if not info.context.viewer.may_read_disclosures:
        raise Forbidden("only roles cleared for disclosures see identity evidence")


@strawberry.type(description="A judgement that two accounts are (not) the same person.")
class IdentityLink:
    id: str
    other_account: str
    verdict: str
    score: float
    actor: str
    evidence: str = strawberry.field(description="Features, values compared and weights (JSON)")


@strawberry.type(description="An account, the person it belongs to, and why.")
class AccountIdentity:
    key: str
    platform: str
    handle: str
    person_id: str
    linked_accounts: list[str]
    links: list[IdentityLink]


async def account(info: Info, platform: str, handle: str) -> AccountIdentity | None:
    _require_reader(info)
    try:
        clean = Handle.clean(handle, resolve_platform_name(platform).id, strict=False)
    except InvalidValue:
        return None
    rows = await read(info.context.graph, "identity/account_with_links", key=clean.key)
    if not rows:
        return None
    row = rows[0]
    return AccountIdentity(
        key=row["key"], platform=row["platform"], handle=row["handle"],
        person_id=row["person_id"], linked_accounts=sorted(row["linked"]),
        links=[
            IdentityLink(
                id=j["id"], other_account=j["other"], verdict=j["verdict"],
                score=j["score"], actor=j["actor"], evidence=j["evidence"],
            )
            for j in row["judgements"] if j["id"] is not None
        ],
    )  # fmt: skip


@strawberry.type(description="The persons after an analyst's decision.")
class IdentityDecision:
    person_of_a: str
    person_of_b: str


IdentityResult = Annotated[
    IdentityDecision | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("IdentityDecisionResult"),
]


@strawberry.type
class IdentityMutations:
    @strawberry.mutation(
        description="Link (same=true) or unlink two accounts, or two people named in reports "
        "(their Person ids), with a reason; decides an identityReviewQueue item."
    )
    async def judge_identity(
        self, info: Info, account_a: str, account_b: str, same: bool, reason: str
    ) -> IdentityResult:
        viewer = info.context.viewer
        try:
            _require_reader(info)
            persons = await asyncio.to_thread(
                judge_identity, info.context.graph, account_a, account_b, same,
                viewer.user_id, reason,
            )  # fmt: skip
        except InvalidInput as error:
            return InvalidInputError.of(error)
        except NotFound as error:
            return NotFoundError.of(error)
        except Forbidden as error:
            return ForbiddenError(message=str(error))
        return IdentityDecision(
            person_of_a=persons.person_of.get(account_a, f"person:{account_a}"),
            person_of_b=persons.person_of.get(account_b, f"person:{account_b}"),
        )


@strawberry.enum(description="Which kind of person a person id names.")
class PersonKind(enum.Enum):
    OFFENDER = strawberry.enum_value(
        "OFFENDER", description="The person behind platform accounts (an account's personId)."
    )
    NAMED = strawberry.enum_value(
        "NAMED", description="A person named in reports (victim, reporter or suspect)."
    )


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


@strawberry.type(description="A victim of reports against a person, by identity.")
class TargetedVictim:
    identity: str = strawberry.field(description="Identity key (person id, else Person id).")
    reports: int
    force_code: str | None
    masked: bool = strawberry.field(description="True when the viewer may not see the name.")
    name: str | None


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
    kind: PersonKind
    accounts: list[PersonAccount]
    report_count: int
    reports: list[PersonReport] = strawberry.field(
        description=f"The newest {SHOWN} reports against the person."
    )
    victim_count: int
    victims: list[TargetedVictim] = strawberry.field(
        description=f"Up to {SHOWN} victims, most reports first."
    )
    forces: list[InvolvedForce]
    roles: PersonRoles | None = strawberry.field(
        description="For a person named in reports: the reports naming them in each role."
    )

    @classmethod
    def of(cls, person_id: str, row: dict[str, Any], reveal_names: bool) -> PersonProfile:
        roles = row["roles"]
        return cls(
            id=person_id,
            kind=PersonKind(row["kind"]),
            accounts=[PersonAccount(**a) for a in row["accounts"]],
            report_count=row["report_count"],
            reports=[
                PersonReport(
                    id=r["id"], reference=r["reference"], received_at=native(r["received_at"]),
                    case_id=r["case_id"], force_code=r["force_code"],
                )
                for r in row["reports"]
            ],
            victim_count=row["victim_count"],
            victims=[
                TargetedVictim(
                    identity=v["identity"], reports=v["reports"], force_code=v["force_code"],
                    masked=not reveal_names, name=v["name"],
                )
                for v in row["victims"]
            ],
            forces=[InvolvedForce(**f) for f in row["forces"]],
            roles=PersonRoles(
                victim_in=roles["victim"], suspect_in=roles["suspect"],
                reporter_in=roles["reporter"],
            ) if roles else None,
        )  # fmt: skip


PersonResult = Annotated[
    PersonProfile | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("PersonResult"),
]


async def person(
    info: Info,
    id: Annotated[
        str, strawberry.argument(description="A person id: an account's or a named person's.")
    ],
) -> PersonResult:
    viewer = info.context.viewer
    if not viewer.is_hub_staff:
        return ForbiddenError(message="only hub staff may see a person's profile")
    if not id.strip():
        return InvalidInputError.of(InvalidValue("id", "is empty"))
    reveal = viewer.may_read_disclosures
    rows = await read(
        info.context.graph, "identity/person_profile", person_id=id, limit=SHOWN,
        reveal_names=reveal, **viewer.cypher_scope(),
    )  # fmt: skip
    if not rows:
        return NotFoundError(message=f"id: no person {id!r}")
    return PersonProfile.of(id, rows[0], reveal)


@strawberry.enum(description="Why an identity decision awaits an analyst.")
class IdentityReviewReason(enum.Enum):
    UNSURE = strawberry.enum_value("UNSURE", description="The evidence was not conclusive.")
    DISCLOSURE_WITHDRAWN = strawberry.enum_value(
        "DISCLOSURE_WITHDRAWN",
        description="An analyst's judgement whose evidence used a withdrawn disclosure.",
    )


@strawberry.enum(description="What one side of an identity pair is.")
class IdentityRecordKind(enum.Enum):
    ACCOUNT = strawberry.enum_value("ACCOUNT", description="A platform account.")
    NAMED_PERSON = strawberry.enum_value(
        "NAMED_PERSON", description="A person as one report names them (a Person)."
    )


@strawberry.type(description="One side of a pair: an account, or a person named in a report.")
class IdentityParty:
    kind: IdentityRecordKind
    key: str = strawberry.field(description="Account key, or Person id (for judgeIdentity).")
    person_id: str
    platform: str | None
    handle: str | None
    name: str | None
    roles: list[str] = strawberry.field(description="VICTIM_IN, SUSPECTED_IN, REPORTED.")
    report_reference: str | None


@strawberry.type(description="A pair awaiting an analyst's decision (judgeIdentity decides it).")
class IdentityReviewItem:
    judgement_id: str
    reason_for_review: IdentityReviewReason
    verdict: str
    score: float
    actor: str
    at: datetime
    reason: str
    evidence: str = strawberry.field(description="Features, values compared and weights (JSON)")
    withdrawn_disclosures: list[str]
    a: IdentityParty
    b: IdentityParty


def _party(side: dict[str, Any]) -> IdentityParty:
    return IdentityParty(
        kind=IdentityRecordKind(side["kind"]),
        key=side["key"], person_id=side["person_id"], platform=side["platform"],
        handle=side["handle"], name=side["name"], roles=list(side["roles"]),
        report_reference=side["report"],
    )  # fmt: skip


async def identity_review_queue(
    info: Info,
    limit: Annotated[int, strawberry.argument(description=f"1 to {MAX_QUEUE}")] = 50,
) -> list[IdentityReviewItem]:
    _require_reader(info)
    within("limit", limit, 1, MAX_QUEUE)
    rows = await read(
        info.context.graph, "identity/review_queue", limit=limit,
        **info.context.viewer.cypher_scope(),
    )  # fmt: skip
    return [
        IdentityReviewItem(
            judgement_id=r["id"],
            reason_for_review=IdentityReviewReason.DISCLOSURE_WITHDRAWN
            if r["needs_review"] else IdentityReviewReason.UNSURE,
            verdict=r["verdict"], score=r["score"], actor=r["actor"],
            at=datetime.fromisoformat(r["at"]), reason=r["reason"], evidence=r["evidence"],
            withdrawn_disclosures=list(r["withdrawn_disclosures"]),
            a=_party(r["sides"][0]), b=_party(r["sides"][1]),
        )
        for r in rows
    ]  # fmt: skip


@strawberry.type
class IdentityQueries:
    account: AccountIdentity | None = strawberry.field(
        resolver=account,
        description="An account, its person and the evidence of each link.",
    )
    person: PersonResult = strawberry.field(
        resolver=person,
        description="A person (behind accounts, or named in reports): accounts, reports "
        "against them, victims, forces and roles. Hub staff only.",
    )
    identity_review_queue: list[IdentityReviewItem] = strawberry.field(
        resolver=identity_review_queue,
        description="Identity pairs awaiting an analyst (judgeIdentity decides them).",
    )
