"""The GraphQL side of the audit trail (DPA 2018 s62): what each root field revealed or
changed, logged before the response that carries it is sent.

Every root field that needs more than reference data has an :class:`AuditTap` (put there with
its role gate, ``api/graphql/gate.py``). When the field resolves to data (not a refusal or
another expected failure), the tap notes one event: who (user, role, force), the operation
(``api/access_rules.py``), which records (the field's id arguments and the ids of what it
returned) and which fields were asked for (``victims.email``, ...). :class:`AuditTrail`, a
schema extension, appends the request's events to the log, fsync'd, once execution ends and
before the response is built; if that fails, the request fails and reveals nothing.

Nested fields are reached only through a tapped root, so what they show is listed under the
root's requested fields. This lives in the API until the service layer (issue 19) gives every
interface one place to log from.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.graphql.types.common import ConflictError, ForbiddenError, InvalidInputError
from api.graphql.types.common import NotFoundError as NotFoundResult
from api.graphql.types.connection import Connection
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.errors import AuditUnavailable

FAILURES = (ForbiddenError, NotFoundResult, InvalidInputError, ConflictError)
ID_ATTRIBUTES = ("id", "case_id", "key", "account_key", "reference", "source_ref")
MAX_IDS = 500  # a page of results; more would make one record the size of a page of data
MAX_FIELDS = 200
# Free text (the record's business, not the log's) and paging cursors (not records).
NOT_IDS = frozenset({"reason", "justification", "note", "after"})


def field_paths(selections: Sequence[Selection], prefix: str = "") -> Iterator[str]:
    """Dotted paths of the leaf fields asked for (fragments flattened)."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            path = f"{prefix}{selection.name}"
            if selection.selections:
                yield from field_paths(selection.selections, f"{path}.")
            elif selection.name != "__typename":
                yield path
        elif isinstance(selection, InlineFragment | FragmentSpread):
            yield from field_paths(selection.selections, prefix)


def _id_of(item: object) -> str | None:
    for name in ID_ATTRIBUTES:
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return None


def _items(result: object) -> list[object]:
    """What a field returned, one item each: a list's items, a connection's nodes."""
    if isinstance(result, Connection):
        return [edge.node for edge in result.edges]
    return list(result) if isinstance(result, list) else [result]


def result_ids(result: object) -> list[str]:
    return [found for item in _items(result) if (found := _id_of(item)) is not None]


def argument_ids(arguments: dict[str, Any]) -> list[str]:
    """The string arguments that name records (ids, references, keys); free text such as a
    reason is the record's business, not the log's."""
    named = []
    for name, value in arguments.items():
        if name in NOT_IDS or not isinstance(value, str):
            continue
        named.append(value)
    return named


class AuditTap(FieldExtension):
    def __init__(self, operation: Operation) -> None:
        self.operation = operation

    def _note(self, info: strawberry.Info, arguments: dict[str, Any], result: object) -> None:
        items = [] if result is None or isinstance(result, FAILURES) else _items(result)
        if not items:
            return
        viewer = info.context.viewer
        ids = list(dict.fromkeys([*argument_ids(arguments), *result_ids(result)]))
        fields = list(dict.fromkeys(field_paths(info.selected_fields[0].selections)))
        kind = type(items[0]).__name__
        info.context.audit_events.append(
            AuditEvent(
                operation=self.operation,
                actor=viewer.user_id,
                role=viewer.role.value,
                force_code=viewer.force_code,
                endpoint=f"graphql:{info.field_name}",
                accessed=(
                    Accessed(
                        kind=kind, ids=tuple(ids[:MAX_IDS]), fields=tuple(fields[:MAX_FIELDS])
                    ),
                ),
                reason=arguments.get("reason")
                if isinstance(arguments.get("reason"), str)
                else None,
                details={"ids_total": len(ids)} if len(ids) > MAX_IDS else {},
            )
        )

    # Positional-only: a field's own arguments (``source`` is one) arrive as keywords.
    def resolve(  # type: ignore[override]
        self, next_: Callable[..., Any], source: Any, info: strawberry.Info, /, **kwargs: Any
    ) -> Any:
        result = next_(source, info, **kwargs)
        self._note(info, kwargs, result)
        return result

    async def resolve_async(  # type: ignore[override]
        self,
        next_: Callable[..., Awaitable[Any]],
        source: Any,
        info: strawberry.Info,
        /,
        **kwargs: Any,
    ) -> Any:
        result = next_(source, info, **kwargs)
        if isinstance(result, Awaitable):
            result = await result
        self._note(info, kwargs, result)
        return result


class AuditTrail(SchemaExtension):
    """Append the request's events to the audit log once execution has finished; if they
    cannot be logged, the result is replaced by the error and nothing is revealed."""

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        events: list[AuditEvent] = context.audit_events
        if not events:
            return
        try:
            await asyncio.to_thread(context.audit_log.append_many, events)
        except AuditUnavailable as error:
            result = self.execution_context.result
            if result is not None:  # withheld in place, as strawberry's MaskErrors does
                result.data = None
                result.errors = [GraphQLError(str(error), original_error=error)]
        events.clear()
