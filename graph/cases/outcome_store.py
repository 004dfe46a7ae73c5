"""Recording a force's outcome with its date and note (``queries/cases/record_dated_outcome``).

The date and note are checked first (:mod:`graph.cases.outcome_rules`), then, on a possible
date, the Home Office rules in force on it (:func:`graph.law.outcomes.validate_outcome`); the
problems come back together, each naming its field. Who may record it is the use case's rule
(``services/cases.py``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from graph.assessment.calendars import UK
from graph.cases.outcome_rules import DATE_FIELD, RecordedOutcome, outcome_problems
from graph.cases.store import view
from graph.cypher import load_query
from graph.db import Graph, native
from graph.errors import InvalidInput, NotFound
from graph.law.outcomes import validate_outcome
from graph.viewer import Viewer


def _opened(graph: Graph, case_id: str) -> datetime | None:
    rows = graph.read(load_query("cases/case_opened"), case_id=case_id)
    if not rows:
        raise NotFound(f"no case {case_id!r}")
    opened = rows[0]["opened_at"]
    return None if opened is None else native(opened)


def record_outcome(
    graph: Graph,
    case_id: str,
    code: str,
    named_suspect: bool,
    viewer: Viewer,
    supervisor_justification: str | None = None,
    outcome_on: date | None = None,
    note: str | None = None,
) -> RecordedOutcome:
    """Record the outcome reached on ``outcome_on`` (today, UK time, when not given)."""
    now = datetime.now(UTC)
    on = outcome_on or now.astimezone(UK).date()
    problems = outcome_problems(on, note, now=now, case_opened=_opened(graph, case_id))
    if any(p.field == DATE_FIELD for p in problems):
        raise InvalidInput(problems)  # the outcome rules in force on an impossible date: moot
    hate = view(graph, case_id, now).assessment.hate_flag
    try:
        outcome = validate_outcome(
            code, on=on, named_suspect=named_suspect, hate_crime=hate,
            supervisor_justification=supervisor_justification,
        )  # fmt: skip
    except InvalidInput as refused:
        raise InvalidInput([*refused.problems, *problems]) from None
    if problems:
        raise InvalidInput(problems)
    kept = (note or "").strip() or None
    graph.write(
        load_query("cases/record_dated_outcome"),
        case_id=case_id, id=f"outcome:{uuid.uuid4()}", code=outcome.code, name=outcome.name,
        named_suspect=named_suspect, justification=supervisor_justification,
        by=viewer.user_id, force_code=viewer.force_code, at=now, outcome_on=on,
        outcome_at=datetime.combine(on, time(), UK).astimezone(UTC), note=kept,
    )  # fmt: skip
    return RecordedOutcome(outcome, on, kept)
