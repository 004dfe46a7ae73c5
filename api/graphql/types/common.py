"""Types shared by many parts of the schema: expected failures as values, not exceptions."""

from __future__ import annotations

from typing import TypeVar

import strawberry

from graph.errors import Conflict, Forbidden, InvalidInput, NotFound, OhchError

T = TypeVar("T")


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


@strawberry.type(description="The request contradicts what is stored; nothing was changed.")
class ConflictError:
    message: str


@strawberry.type(description="The viewer may not do this.")
class ForbiddenError:
    message: str


Failure = InvalidInputError | NotFoundError | ConflictError | ForbiddenError
EXPECTED = (InvalidInput, NotFound, Conflict, Forbidden)


def failure(error: OhchError) -> Failure:
    """The union member a mutation returns for an expected failure (one of ``EXPECTED``);
    anything else is re-raised, and the schema masks it as an internal error."""
    if isinstance(error, InvalidInput):
        return InvalidInputError.of(error)
    if isinstance(error, NotFound):
        return NotFoundError.of(error)
    if isinstance(error, Conflict):
        return ConflictError(message=str(error))
    if isinstance(error, Forbidden):
        return ForbiddenError(message=str(error))
    raise error
