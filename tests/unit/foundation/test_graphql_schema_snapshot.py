"""The GraphQL schema is committed (tests/snapshots/schema.graphql); changes must be deliberate.

Regenerate with: OHCH_UPDATE_SNAPSHOTS=1 make test
"""

from __future__ import annotations

import os
from pathlib import Path

from api.graphql.schema import build_schema
from graph.settings import Settings

SNAPSHOT = Path(__file__).parents[3] / "api" / "graphql" / "schema.graphql"


def test_schema_matches_the_committed_sdl() -> None:
    sdl = build_schema(Settings()).as_str() + "\n"
    if os.environ.get("OHCH_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(sdl)
    assert SNAPSHOT.read_text() == sdl, "schema changed: review and regenerate the snapshot"
