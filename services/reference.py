"""Reference data and the probes: whether the graph answers, the forces, a postcode's force."""

from __future__ import annotations

from collections.abc import Mapping

from graph.access import Capability
from graph.cypher import load_query
from graph.db import Record
from graph.reference import postcodes
from graph.reference.forces import Country, Force
from graph.reference.postcodes import ForceResolution
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "graph_answers": Capability.REFERENCE_DATA,
    "list_forces": Capability.REFERENCE_DATA,
    "forces_by_codes": Capability.REFERENCE_DATA,
    "force_for_postcode": Capability.REFERENCE_DATA,
}


@use_case
def graph_answers(caller: Caller) -> None:
    """Raise :class:`~graph.errors.GraphUnavailable` unless Neo4j answers a query."""
    caller.graph.verify()
    caller.graph.read(load_query("health/ping"))


def _force(r: Record) -> Force:
    return Force(
        code=r["code"],
        name=r["name"],
        ons_name=r["ons_name"],
        police_uk_id=r["police_uk_id"],
        country=Country(r["country"]),
        territorial=r["territorial"],
    )


@use_case
def list_forces(caller: Caller) -> list[Force]:
    """Every force loaded in the graph, territorial ones first, then by code."""
    return [_force(r) for r in caller.graph.read(load_query("reference/list_forces"))]


@use_case
def forces_by_codes(caller: Caller, codes: list[str]) -> list[Force | None]:
    """Forces by code, in the order asked (``None`` for a code the graph does not hold)."""
    rows = caller.graph.read(load_query("reference/forces_by_code"), codes=codes)
    found = {r["code"]: _force(r) for r in rows}
    return [found.get(code) for code in codes]


@use_case
def force_for_postcode(caller: Caller, postcode: str) -> ForceResolution:
    """The force a UK postcode (or postcode district) falls in, and how sure that is; raises
    InvalidInput for a malformed postcode, NotFound for one no force covers."""
    return postcodes.resolve_text(postcode)
