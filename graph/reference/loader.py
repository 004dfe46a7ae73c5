"""Load the shipped reference tables (forces, postcode districts) into the graph.

:func:`load_reference` merges every row (idempotent). :func:`ensure_reference` is what the API
runs at start-up: it reads one marker node (``ReferenceData``, holding the SHA-256 of the rows
last loaded) and the forces' and districts' counts, and loads only when they differ from the
tables this version ships, so a restart of a loaded hub costs one small read.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import orjson

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


@dataclass(frozen=True, slots=True)
class ReferenceState:
    """What the graph holds against what this version ships."""

    fingerprint: str  # of the shipped rows
    loaded_fingerprint: str | None  # of the rows last loaded (None: never, or before markers)
    forces: int
    expected_forces: int
    districts: int
    expected_districts: int

    @property
    def current(self) -> bool:
        return (
            self.loaded_fingerprint == self.fingerprint
            and self.forces == self.expected_forces
            and self.districts == self.expected_districts
        )

    def __str__(self) -> str:
        return (
            f"{self.forces}/{self.expected_forces} forces, "
            f"{self.districts}/{self.expected_districts} postcode districts, "
            + ("current" if self.loaded_fingerprint == self.fingerprint else "not this version's")
        )


def fingerprint(forces: list[dict[str, object]], districts: list[dict[str, object]]) -> str:
    """SHA-256 of the rows as loaded: a new version whose tables changed loads them again."""
    canonical = orjson.dumps([forces, districts], option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()


def reference_state(graph: Graph) -> ReferenceState:
    """One read: the marker's fingerprint and the counts (from Neo4j's count store)."""
    forces, districts = force_rows(), district_rows()
    [row] = graph.read(load_query("reference/reference_state"))
    return ReferenceState(
        fingerprint=fingerprint(forces, districts),
        loaded_fingerprint=row["fingerprint"],
        forces=row["forces"],
        expected_forces=len(forces),
        districts=row["districts"],
        expected_districts=len(districts),
    )


def ensure_reference(graph: Graph, *, force: bool = False) -> dict[str, int] | None:
    """Load the reference tables unless the graph already holds this version's (or ``force``);
    return the counts loaded, or ``None`` when nothing needed loading. Safe to run from several
    processes at once: every write is a ``MERGE`` on a constrained key."""
    state = reference_state(graph)
    if state.current and not force:
        return None
    counts = load_reference(graph)
    graph.write(
        load_query("reference/mark_reference_loaded"),
        fingerprint=state.fingerprint,
        loaded_at=datetime.now(UTC).isoformat(),
        forces=counts["forces"],
        districts=counts["postcode districts"],
    )
    return counts
