"""Count the GraphQL root fields each executed operation asks for (``api/metrics.py``).

Labelled by the schema's own field names, which are few and fixed; an operation's client-chosen
name is not a label (it would let any client add series without bound).
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FieldNode, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from api.metrics import GRAPHQL_FIELDS


class CountRootFields(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            for definition in document.definitions:
                if not isinstance(definition, OperationDefinitionNode):
                    continue
                name = definition.name.value if definition.name else None
                if context.operation_name not in (None, name):
                    continue
                kind = definition.operation.value
                for selection in definition.selection_set.selections:
                    if isinstance(selection, FieldNode) and not selection.name.value.startswith(
                        "__"
                    ):
                        GRAPHQL_FIELDS.labels(kind, selection.name.value).inc()
        yield
