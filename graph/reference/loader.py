"""Load the shipped reference tables (forces, postcode districts) into the graph."""

from __future__ import annotations

from dataclasses import asdict

from graph.cypher import load_query
from graph.db import Graph
from graph.reference.forces import all_forces
from graph.reference.postcodes import district_table

BATCH = 1000


def force_rows() -> list[dict[str, object]]:
    return [{**asdict(force), "country": force.country.value} for force in all_forces()]


def district_rows() -> list[dict[str, object]]:
    return [
        {
            "district": row.district,
            "force_code": row.force_code,
            "all_force_codes": list(row.all_force_codes),
            "method": row.method,
        }
        for row in district_table().values()
    ]


def load_reference(graph: Graph) -> dict[str, int]:
    """Merge forces, then districts; idempotent. Returns counts per kind."""
    forces = force_rows()
    graph.write(load_query("reference/merge_forces"), rows=forces)
    districts = district_rows()
    query = load_query("reference/merge_postcode_districts")
    for start in range(0, len(districts), BATCH):
        graph.write(query, rows=districts[start : start + BATCH])
    return {"forces": len(forces), "postcode districts": len(districts)}
