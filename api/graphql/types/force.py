"""Police forces and postcode-to-force resolution (``services/reference.py``)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import ForbiddenError, InvalidInputError, NotFoundError
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import lookup_failure, outcome
from graph.errors import NotFound
from graph.reference import forces
from graph.reference.forces import Country
from graph.reference.postcodes import Confidence, ForceResolution
from services import reference

Info = strawberry.Info[Context, None]

# The domain's own enums, registered with GraphQL.
strawberry.enum(Country, description="The country (jurisdiction) a force polices.")
ResolutionConfidence = strawberry.enum(
    Confidence,
    name="ResolutionConfidence",
    description="How sure the postcode-to-force resolution is.",
)


@strawberry.type(description="A police force (ONS police force area code, or BTP).")
@mirrors(forces.Force)
class Force:
    @classmethod
    def of(cls, force: forces.Force) -> Force:
        return mirror(cls, force)


async def force_by_code(info: Info, code: str) -> Force | None:
    """The force with this code (None where the graph has none), read once a request however
    many fields ask for it (a DataLoader)."""
    found = await info.context.loader(reference.forces_by_codes).load(code)
    return None if found is None else Force.of(found)


@strawberry.type(description="Every force the hub deals with.")
class ForceList:
    forces: list[Force]


@strawberry.type(description="The force a postcode falls in, and how sure that is.")
class PostcodeForce:
    postcode: str
    district: str
    confidence: Confidence
    basis: str
    force_code: strawberry.Private[str]
    other_force_codes: strawberry.Private[tuple[str, ...]]

    @classmethod
    def of(cls, resolution: ForceResolution) -> PostcodeForce:
        return cls(
            postcode=str(resolution.postcode),
            district=resolution.postcode.district,
            confidence=resolution.confidence,
            basis=resolution.basis,
            force_code=resolution.force_code,
            other_force_codes=resolution.other_force_codes,
        )

    @strawberry.field(description="The (main) force for the postcode.")
    async def force(self, info: Info) -> Force:
        found = await force_by_code(info, self.force_code)
        if found is None:
            raise NotFound(f"force {self.force_code} is not loaded; run 'ohch reference load'")
        return found

    @strawberry.field(description="Other forces a straddling district touches.")
    async def other_forces(self, info: Info) -> list[Force]:
        loader = info.context.loader(reference.forces_by_codes)
        found = await loader.load_many(list(self.other_force_codes))
        return [Force.of(f) for f in found if f is not None]


ForcesResult = Annotated[ForceList | ForbiddenError, strawberry.union("ForcesResult")]
ForceResult = Annotated[Force | NotFoundError | ForbiddenError, strawberry.union("ForceResult")]
PostcodeForceResult = Annotated[
    PostcodeForce | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("PostcodeForceResult"),
]


@strawberry.type
class ForceQueries:
    @strawberry.field(description="All police forces the hub deals with.")
    async def forces(self, info: Info) -> ForcesResult:
        found = await info.context.run(reference.list_forces)
        return ForceList(forces=[Force.of(f) for f in found])

    @strawberry.field(description="One force by its code.")
    async def force(self, info: Info, code: str) -> ForceResult:
        wanted = code.strip().upper()
        found = await force_by_code(info, wanted)
        return found if found is not None else NotFoundError(message=f"no force {wanted!r}")

    @strawberry.field(description="The force a UK postcode (or postcode district) falls in.")
    async def force_for_postcode(self, info: Info, postcode: str) -> PostcodeForceResult:
        return await outcome(
            lambda: info.context.run(reference.force_for_postcode, postcode),
            PostcodeForce.of,
            lookup_failure,
        )
