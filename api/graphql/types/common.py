"""Types shared by many parts of the schema: expected failures as values, not exceptions."""

from __future__ import annotations

import strawberry

from graph.errors import InvalidInput, NotFound


@strawberry.type(description="One problem with one input field.")
class FieldProblem:
    field: str
    message: str


@strawberry.type(description="The input broke the contract; every problem is listed.")
class InvalidInputError:
    message: str
    problems: list[FieldProblem]

    @classmethod
    def of(cls, error: InvalidInput) -> InvalidInputError:
        return cls(
            message=str(error),
            problems=[FieldProblem(field=p.field, message=p.message) for p in error.problems],
        )


@strawberry.type(description="Nothing matches, or the viewer may not see it.")
class NotFoundError:
    message: str

    @classmethod
    def of(cls, error: NotFound) -> NotFoundError:
        return cls(message=str(error))
