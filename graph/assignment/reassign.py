"""Manual reassignment: a validated move to another force, and the record of it."""

from __future__ import annotations

from datetime import datetime

from graph.assignment.models import Disposition, ForceAssignment, Reassignment, Rule
from graph.assignment.rules import force_label, is_cross_border
from graph.errors import InvalidInput, Problem
from graph.reference.forces import forces_by_code
from graph.reference.postcodes import Confidence


def reassign(
    current: ForceAssignment, to_force_code: str, *, reason: str, by: str, at: datetime
) -> tuple[ForceAssignment, Reassignment]:
    """Move a case to another force; every problem (reason, who, same force...) at once."""
    problems: list[Problem] = []
    if not reason or not reason.strip():
        problems.append(Problem("reason", "is required"))
    if not by or not by.strip():
        problems.append(Problem("by", "is required"))
    if at.tzinfo is None:
        problems.append(Problem("at", "must include a timezone"))
    if to_force_code not in forces_by_code():
        problems.append(Problem("to_force_code", f"{to_force_code!r} is not a known force code"))
    elif to_force_code == current.lead_force_code:
        problems.append(Problem("to_force_code", "is already the assigned force"))
    if problems:
        raise InvalidInput(problems)
    record = Reassignment(
        from_force_code=current.lead_force_code,
        to_force_code=to_force_code,
        reason=reason,
        by=by,
        at=at,
    )
    moved = current.model_copy(
        update={
            "disposition": Disposition.CROSS_BORDER_REFERRAL
            if is_cross_border(to_force_code)
            else Disposition.ASSIGNED,
            "lead_force_code": to_force_code,
            "notified": tuple(n for n in current.notified if n.force_code != to_force_code),
            "rule": Rule.MANUAL,
            "confidence": Confidence.HIGH,
            "possible_other_forces": (),
            "reasons": (
                f"Reassigned from {current.lead_force_code or 'the hub'} to "
                f"{force_label(to_force_code)} by {record.by}: {record.reason}",
            ),
        }
    )
    return moved, record
