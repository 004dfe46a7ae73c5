"""Accounts and the persons behind them, with the evidence of each link.

Evidence can carry disclosed subscriber data (emails, phones, IPs), so only the roles allowed to
read disclosures (``graph/viewer.py``) see it.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from api.graphql.context import Context, read
from api.graphql.types.common import InvalidInputError, NotFoundError
from api.graphql.types.intake import ForbiddenError
from graph.errors import Forbidden, InvalidInput, InvalidValue, NotFound
from graph.identity.store import judge_accounts
from graph.platforms import resolve_platform_name
from graph.values.handle import Handle

Info = strawberry.Info[Context, None]


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
    @strawberry.mutation(description="Link (same=true) or unlink two accounts, with a reason.")
    async def judge_identity(
        self, info: Info, account_a: str, account_b: str, same: bool, reason: str
    ) -> IdentityResult:
        viewer = info.context.viewer
        try:
            _require_reader(info)
            if not reason.strip():
                raise InvalidValue("reason", "is required: say why, for the record")
            persons = await asyncio.to_thread(
                judge_accounts, info.context.graph, account_a, account_b, same,
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
