"""The advice data in the graph: the hate crime lead directory, the guidance an assignment
carried, and the case outcomes the outcome report counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from graph.advice.leads import LeadEntry, RecordedLead
from graph.advice.matching import NoteMatch
from graph.advice.outcomes import CaseOutcome
from graph.cypher import load_query
from graph.db import Graph, native
from graph.errors import NotFound


def record_lead(graph: Graph, entry: LeadEntry, reason: str, by: str, at: datetime) -> str:
    """A new version of the force's entry; NotFound if the hub has no such force."""
    entry_id = f"lead:{uuid.uuid4()}"
    written = graph.write(
        load_query("advice/record_lead"),
        id=entry_id, reason=reason, by=by, at=at, **entry.model_dump(),
    )  # fmt: skip
    if not written:
        raise NotFound(f"no force {entry.force_code!r}")
    return entry_id


def _recorded(row: dict[str, Any]) -> RecordedLead:
    fields: dict[str, Any] = {k: row.get(k) for k in LeadEntry.model_fields}  # Neo4j keeps no nulls
    return RecordedLead(
        id=row["id"],
        entry=LeadEntry.model_construct(**fields),  # as stored: checked when it was recorded
        reason=row["reason"],
        recorded_by=row["recorded_by"],
        recorded_at=native(row["recorded_at"]),
    )


def directory_page(
    graph: Graph, after_key: str | None, limit: int
) -> list[tuple[str, str, RecordedLead | None]]:
    """(force code, force name, latest entry or None) for a page of forces by code."""
    rows = graph.read(load_query("advice/leads"), after_key=after_key, limit=limit)
    return [
        (r["force_code"], r["force_name"], _recorded(r["entry"]) if r["entry"] else None)
        for r in rows
    ]


def lead_history(graph: Graph, force_code: str) -> list[RecordedLead]:
    rows = graph.read(load_query("advice/lead_history"), force_code=force_code)
    return [_recorded(r["entry"]) for r in rows]


def case_platforms(graph: Graph, case_id: str) -> frozenset[str]:
    rows = graph.read(load_query("advice/case_platforms"), case_id=case_id)
    return frozenset(rows[0]["platforms"]) if rows else frozenset()


def attach_guidance(
    graph: Graph,
    case_id: str,
    offences: Iterable[str],
    strands: Iterable[str],
    matches: Sequence[NoteMatch],
) -> None:
    """Record on the case's latest assignment what it was made on and the notes it carried to
    the force."""
    notes = [
        {"key": f"{m.note.id}@{m.note.version}", "id": m.note.id,
         "version": m.note.version, "title": m.note.title}
        for m in matches
    ]  # fmt: skip
    graph.write(
        load_query("advice/attach_guidance"),
        case_id=case_id,
        offences=sorted(offences), strands=sorted(strands), notes=notes,
    )  # fmt: skip


def carried_guidance(
    graph: Graph, case_ids: Sequence[str], scope: dict[str, object]
) -> dict[str, list[tuple[str, str]]]:
    """Per case the viewer's ``scope`` lets them see, the (note id, version) pairs its latest
    assignment carried."""
    rows = graph.read(load_query("advice/carried_guidance"), case_ids=list(case_ids), **scope)
    return {r["case_id"]: [(n["id"], n["version"]) for n in r["notes"]] for r in rows}


def case_outcomes(graph: Graph, since: datetime, until: datetime) -> list[CaseOutcome]:
    rows = graph.read(load_query("advice/case_outcomes"), since=since, until=until)
    return [
        CaseOutcome(
            case_id=r["case_id"], outcome_code=r["outcome_code"], force_code=r["force_code"],
            offences=tuple(r["offences"]), strands=tuple(r["strands"]),
            guidance=tuple(r["guidance"]),
        )
        for r in rows
    ]  # fmt: skip
