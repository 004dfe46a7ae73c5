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
from api.graphql.field_metrics import CountRootFields
from api.graphql.gate import gate_root_fields
from api.graphql.types import advice as advice_types
from api.graphql.types import analytics, casework, identity, intake, network, removals
from api.graphql.types import audit as audit_types
from api.graphql.types import case as case_types
from api.graphql.types import content as content_types
from api.graphql.types import data_requests as data_request_types
from api.graphql.types import force as force_types
from api.graphql.types import force_view as force_view_types
from api.graphql.types import statistics as statistics_types
from api.graphql.types import status as status_types
from api.graphql.types import updates as update_types
from api.graphql.types.case_groups import CaseGroupMutations
from api.graphql.types.duplicates import DuplicateMutations
from api.graphql.types.enums import Role
from api.graphql.types.intake_conflicts import IntakeConflictQueries
from api.graphql.types.intel import IntelMutations
from api.graphql.types.scalars import SCALARS
from graph.audit.records import Operation
from graph.errors import OhchError
from graph.settings import Settings


@strawberry.type
class Viewer:
    role: Role
    user_id: str
    force_code: str | None


@strawberry.type
class Query(
    force_types.ForceQueries,
    content_types.ContentQueries,
    case_types.CaseQueries,
    identity.IdentityQueries,
    network.NetworkQueries,
    casework.CaseworkQueries,
    analytics.AnalyticsQueries,
    statistics_types.StatisticsQueries,
    force_view_types.ForceViewQueries,
    removals.RemovalQueries,
    data_request_types.DataRequestQueries,
    update_types.UpdateQueries,
    audit_types.AuditQueries,
    advice_types.AdviceQueries,
    status_types.StatusQueries,
    IntakeConflictQueries,
):
    @strawberry.field(description="Who the API thinks is asking.")
    def viewer(self, info: strawberry.Info[Context, None]) -> Viewer:
        v = info.context.viewer
        return Viewer(role=v.role, user_id=v.user_id, force_code=v.force_code)


@strawberry.type
class Mutation(
    DuplicateMutations,
    CaseGroupMutations,
    casework.CaseworkMutations,
    IntelMutations,
    identity.IdentityMutations,
    removals.RemovalMutations,
    data_request_types.DataRequestMutations,
    intake.IntakeMutations,
    advice_types.AdviceMutations,
    update_types.UpdateMutations,
):
    pass


def _visible(error: GraphQLError) -> bool:
    """Only the hub's deliberate errors and GraphQL's own (a query or a variable that does not
    fit the schema) reach the client; anything else is masked."""
    original = error.original_error
    return original is None or isinstance(original, OhchError | GraphQLError)


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
        CountRootFields,
    ]
    if not settings.explorable:
        extensions.insert(0, DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(
            auto_camel_case=True,
            disable_field_suggestions=not settings.explorable,
            scalar_map=SCALARS,
        ),
        extensions=extensions,  # type: ignore[arg-type]
    )
