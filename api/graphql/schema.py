"""The GraphQL schema: root types assembled from one module per type."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig

from api.access_rules import MUTATION_OPERATIONS, MUTATION_RULES, QUERY_RULES
from api.graphql.audit_tap import AuditTrail
from api.graphql.context import Context
from api.graphql.gate import gate_root_fields
from api.graphql.types import analytics, casework, identity, intake, network, removals
from api.graphql.types import audit as audit_types
from api.graphql.types import content as content_types
from api.graphql.types import data_requests as data_request_types
from api.graphql.types import force as force_types
from api.graphql.types import force_view as force_view_types
from api.graphql.types import updates as update_types
from api.graphql.types.case_groups import CaseGroupMutations
from api.graphql.types.duplicates import DuplicateMutations
from api.graphql.types.force import Force, PostcodeForceResult
from api.graphql.types.intel import IntelMutations
from graph.audit.records import Operation
from graph.errors import OhchError
from graph.settings import Settings


@strawberry.type
class Viewer:
    role: str
    user_id: str
    force_code: str | None


@strawberry.type
class Query:
    forces: list[Force] = strawberry.field(
        resolver=force_types.forces, description="All police forces the hub deals with."
    )
    force: Force | None = strawberry.field(
        resolver=force_types.force, description="One force by its code."
    )

    content: content_types.Content | None = strawberry.field(
        resolver=content_types.content, description="One content item (duplicate cluster)."
    )
    report: content_types.Report | None = strawberry.field(
        resolver=content_types.report, description="A report by its sender's reference."
    )
    case: content_types.Case | None = strawberry.field(
        resolver=content_types.case, description="One case."
    )
    account: identity.AccountIdentity | None = strawberry.field(
        resolver=identity.account,
        description="An account, its person and the evidence of each link.",
    )
    campaigns: list[network.Campaign] = strawberry.field(
        resolver=network.campaigns,
        description="Groups of accounts targeting the same victims within a window.",
    )
    neighbourhood: list[network.Neighbour] = strawberry.field(
        resolver=network.neighbourhood,
        description="Nodes around an account, person, report or content (depth 1-3).",
    )
    force_cases: list[casework.ForceCase] = strawberry.field(
        resolver=casework.force_cases,
        description="Cases assigned or notified to the viewer's force, each with the cases "
        "linked to it (same suspect, same content); all forces for hub staff.",
    )
    cases_to_assess: list[casework.CaseToAssess] = strawberry.field(
        resolver=casework.cases_to_assess,
        description="Cases awaiting a recording decision, with the 24-hour deadline's status.",
    )
    review_queue: list[content_types.ReviewItem] = strawberry.field(
        resolver=content_types.review_queue, description="Possible duplicates awaiting a decision."
    )

    shortest_paths: list[network.NetworkPath] = strawberry.field(
        resolver=network.shortest_paths,
        description="Shortest paths (at most 6 steps) between two entities.",
    )
    prolific_accounts: list[analytics.ProlificAccount] = strawberry.field(
        resolver=analytics.prolific_accounts,
        description="Accounts named as the suspect in the most reports of a window.",
    )
    prolific_persons: list[analytics.ProlificPerson] = strawberry.field(
        resolver=analytics.prolific_persons,
        description="Persons behind accounts named in the most reports of a window.",
    )
    repeat_victims: list[analytics.RepeatVictim] = strawberry.field(
        resolver=analytics.repeat_victims,
        description="Victim identities in several reports of a window (keys and counts only).",
    )
    most_reported_content: list[analytics.ReportedContent] = strawberry.field(
        resolver=analytics.most_reported_content,
        description="Content with the most reports received in a window.",
    )
    trends: list[analytics.TrendRow] = strawberry.field(
        resolver=analytics.trends,
        description="Reports per ISO week (Monday, UTC) by strand, platform or force.",
    )

    force_case: force_view_types.ForceCaseDetail | None = strawberry.field(
        resolver=force_view_types.force_case,
        description="One case as the viewer may see it, with linked cases and other forces' "
        "victims masked; null when it does not exist or the viewer may not see it.",
    )

    person: identity.PersonResult = strawberry.field(
        resolver=identity.person,
        description="A person (behind accounts, or named in reports): accounts, reports "
        "against them, victims, forces and roles. Hub staff only.",
    )
    identity_review_queue: list[identity.IdentityReviewItem] = strawberry.field(
        resolver=identity.identity_review_queue,
        description="Identity pairs awaiting an analyst (judgeIdentity decides them).",
    )

    removal_referrals: removals.RemovalReferralPage = strawberry.field(
        resolver=removals.removal_referrals,
        description="Removal referrals to platforms: to approve, awaiting an answer, overdue.",
    )
    removal_stats: list[removals.RemovalStatsRow] = strawberry.field(
        resolver=removals.removal_stats,
        description="How platforms answer removal referrals, by platform or by offence.",
    )
    reupload_alerts: removals.ReuploadAlertPage = strawberry.field(
        resolver=removals.reupload_alerts,
        description="Removed content that came back (ohch link reuploads raises them).",
    )
    repeat_reuploaders: list[removals.RepeatReuploader] = strawberry.field(
        resolver=removals.repeat_reuploaders,
        description="Accounts whose removed content keeps coming back.",
    )
    data_requests: data_request_types.DataRequestPage = strawberry.field(
        resolver=data_request_types.data_requests,
        description="Data requests to platforms: to authorise, awaiting an answer, expiring.",
    )
    update_outbox: update_types.UpdateMessagePage = strawberry.field(
        resolver=update_types.update_outbox,
        description="Messages to complainants: due, overdue, failed, sent, cancelled.",
    )
    audit_trail: list[audit_types.AuditEntry] = strawberry.field(
        resolver=audit_types.audit_trail,
        description="The audit trail (DPA 2018 s62): who consulted, changed or disclosed a "
        "record (entityId), or what one user did (actor). Supervisors and administrators.",
    )

    @strawberry.field(description="The force a UK postcode (or postcode district) falls in.")
    def force_for_postcode(self, postcode: str) -> PostcodeForceResult:
        return force_types.force_for_postcode(postcode)

    @strawberry.field(description="Who the API thinks is asking.")
    def viewer(self, info: strawberry.Info[Context, None]) -> Viewer:
        v = info.context.viewer
        return Viewer(role=v.role.value, user_id=v.user_id, force_code=v.force_code)


@strawberry.type
class Mutation(
    DuplicateMutations,
    CaseGroupMutations,
    casework.CaseworkMutations,
    IntelMutations,
    identity.IdentityMutations,
    removals.RemovalMutations,
    data_request_types.DataRequestMutations,
):
    submit_referral: intake.SubmitReferralResult = strawberry.field(
        resolver=intake.submit_referral,
        description="Submit one referral from the public reporting site.",
    )
    submit_disclosure: intake.SubmitDisclosureResult = strawberry.field(
        resolver=intake.submit_disclosure,
        description="Record a platform's disclosure about one account (hub analysts only).",
    )


def _visible(error: GraphQLError) -> bool:
    """Only the hub's deliberate errors reach the client; anything else is masked."""
    return isinstance(error.original_error, OhchError) or error.original_error is None


gate_root_fields(Query, QUERY_RULES, Operation.CONSULTATION)
gate_root_fields(Mutation, MUTATION_RULES, MUTATION_OPERATIONS)


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with its limits. Introspection and field suggestions follow
    ``graphql_explore`` (off in production unless set): a production schema tells a stranger
    nothing of its shape."""
    extensions: list[type[SchemaExtension] | SchemaExtension | object] = [
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        lambda: MaskErrors(should_mask_error=lambda e: not _visible(e)),
        AuditTrail,
    ]
    if not settings.explorable:
        extensions.insert(0, DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(
            auto_camel_case=True, disable_field_suggestions=not settings.explorable
        ),
        extensions=extensions,  # type: ignore[arg-type]
    )
