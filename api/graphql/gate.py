"""The gate on every root field: the field's rule from ``api/access_rules.py`` is applied before
its resolver runs.

A refused query field raises :class:`Forbidden` (a GraphQL error); a refused mutation whose
result union has a ``ForbiddenError`` member returns that member, as the mutations' own
guards do. A root field with no rule makes :func:`gate_root_fields` raise, so the schema
cannot be built with a way in that nobody decided on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.types.base import get_object_definition
from strawberry.types.field import StrawberryField
from strawberry.types.union import StrawberryUnion

from api.access_rules import UNAUDITED
from api.graphql.audit_tap import AuditTap
from api.graphql.types.common import ForbiddenError
from graph import access
from graph.access import Capability
from graph.audit.records import Operation
from graph.viewer import Viewer


class RoleGate(FieldExtension):
    def __init__(self, capability: Capability, as_result: bool) -> None:
        self.capability = capability
        self.as_result = as_result

    def _refused(self, viewer: Viewer) -> ForbiddenError | None:
        if access.may(viewer, self.capability):
            return None
        error = access.refusal(viewer, self.capability)
        if self.as_result:
            return ForbiddenError(message=str(error))
        raise error

    # Positional-only: a field's own arguments (``source`` is one) arrive as keywords.
    def resolve(  # type: ignore[override]
        self, next_: Callable[..., Any], source: Any, info: strawberry.Info, /, **kwargs: Any
    ) -> Any:
        refused = self._refused(info.context.viewer)
        return refused if refused is not None else next_(source, info, **kwargs)

    async def resolve_async(  # type: ignore[override]
        self,
        next_: Callable[..., Awaitable[Any]],
        source: Any,
        info: strawberry.Info,
        /,
        **kwargs: Any,
    ) -> Any:
        refused = self._refused(info.context.viewer)
        if refused is not None:
            return refused
        result = next_(source, info, **kwargs)
        return await result if isinstance(result, Awaitable) else result


def _returns_forbidden_error(field: StrawberryField) -> bool:
    kind = field.type
    members: tuple[object, ...] = kind.types if isinstance(kind, StrawberryUnion) else ()
    return ForbiddenError in members


def gate_root_fields(
    root: type,
    rules: Mapping[str, Capability],
    operations: Mapping[str, Operation] | Operation,
) -> None:
    """Put a :class:`RoleGate` on each of ``root``'s fields and, on those that reveal or
    change personal data, an :class:`AuditTap` logging them as ``operations`` says (one
    operation for all, or one a field). Once: safe to call again."""
    definition = get_object_definition(root, strict=True)
    missing = [f.python_name for f in definition.fields if f.python_name not in rules]
    if missing:
        raise RuntimeError(f"{definition.name} fields without a role rule: {', '.join(missing)}")
    for field in definition.fields:
        if any(isinstance(e, RoleGate) for e in field.extensions):
            continue
        capability = rules[field.python_name]
        if capability not in UNAUDITED:
            if isinstance(operations, Operation):
                operation = operations
            elif field.python_name in operations:
                operation = operations[field.python_name]
            else:
                raise RuntimeError(f"{definition.name}.{field.python_name}: no audit operation")
            field.extensions.append(AuditTap(operation))
        # The last extension is the outermost: the gate runs before anything else does.
        field.extensions.append(RoleGate(capability, as_result=_returns_forbidden_error(field)))
