"""Police forces and postcode-to-force resolution."""

from __future__ import annotations

import enum
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import InvalidInputError, NotFoundError
from graph.db import Record
from graph.errors import InvalidInput, NotFound
from graph.reference import postcodes


@strawberry.enum(description="How sure the postcode-to-force resolution is.")
class ResolutionConfidence(enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@strawberry.type(description="A police force (ONS police force area code, or BTP).")
class Force:
    code: str
    name: str
    ons_name: str | None
    police_uk_id: str | None
    country: str
    territorial: bool

    @classmethod
    def from_record(cls, record: Record) -> Force:
        return cls(
            code=record["code"],
            name=record["name"],
            ons_name=record["ons_name"],
            police_uk_id=record["police_uk_id"],
            country=record["country"],
            territorial=record["territorial"],
        )


@strawberry.type(description="The force a postcode falls in, and how sure that is.")
class PostcodeForce:
    postcode: str
    district: str
    confidence: ResolutionConfidence
    basis: str
    force_code: strawberry.Private[str]
    other_force_codes: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The (main) force for the postcode.")
    async def force(self, info: strawberry.Info[Context, None]) -> Force:
        record = await info.context.loaders.force.load(self.force_code)
        if record is None:
            raise NotFound(f"force {self.force_code} is not loaded; run 'ohch reference load'")
        return Force.from_record(record)

    @strawberry.field(description="Other forces a straddling district touches.")
    async def other_forces(self, info: strawberry.Info[Context, None]) -> list[Force]:
        records = await info.context.loaders.force.load_many(list(self.other_force_codes))
        return [Force.from_record(r) for r in records if r is not None]


PostcodeForceResult = Annotated[
    PostcodeForce | InvalidInputError | NotFoundError,
    strawberry.union("PostcodeForceResult"),
]


async def forces(info: strawberry.Info[Context, None]) -> list[Force]:
    from api.graphql.context import read

    records = await read(info.context.graph, "reference/list_forces")
    return [Force.from_record(r) for r in records]


async def force(info: strawberry.Info[Context, None], code: str) -> Force | None:
    record = await info.context.loaders.force.load(code.strip().upper())
    return Force.from_record(record) if record else None


def force_for_postcode(postcode: str) -> PostcodeForceResult:
    try:
        resolution = postcodes.resolve_text(postcode)
    except InvalidInput as error:
        return InvalidInputError.of(error)
    except NotFound as error:
        return NotFoundError.of(error)
    return PostcodeForce(
        postcode=str(resolution.postcode),
        district=resolution.postcode.district,
        confidence=ResolutionConfidence(resolution.confidence.value),
        basis=resolution.basis,
        force_code=resolution.force_code,
        other_force_codes=resolution.other_force_codes,
    )


@strawberry.type
class ForceQueries:
    forces: list[Force] = strawberry.field(
        resolver=forces, description="All police forces the hub deals with."
    )
    force: Force | None = strawberry.field(resolver=force, description="One force by its code.")

    @strawberry.field(description="The force a UK postcode (or postcode district) falls in.")
    def force_for_postcode(self, postcode: str) -> PostcodeForceResult:
        return force_for_postcode(postcode)
