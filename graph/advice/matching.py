"""Which guidance notes go with a case: pure, from the case's offences, strands and platforms.

A note matches when it names one of the case's candidate offences, one of its strands or one of
its platforms, or when it names nothing (general guidance). The matches are ordered most
specific first (offence, then strand, then platform, then general), each with the reasons it
matched, and say whether the note is past its review date, so a force is never handed stale
advice without being told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graph.advice.notes import GuidanceNote
from graph.law.offences import Strand


@dataclass(frozen=True, slots=True)
class CaseTopics:
    """What a case is about, as matching needs it."""

    offences: frozenset[str]
    strands: frozenset[Strand]
    platforms: frozenset[str]


@dataclass(frozen=True, slots=True)
class NoteMatch:
    note: GuidanceNote
    reasons: tuple[str, ...]
    review_overdue: bool


def match_notes(
    notes: Iterable[GuidanceNote], topics: CaseTopics, today: date
) -> tuple[NoteMatch, ...]:
    matches: list[NoteMatch] = []
    for note in notes:
        reasons = [
            *(f"offence {o}" for o in sorted(note.offences & topics.offences)),
            *(f"strand {s.value}" for s in sorted(note.strands & topics.strands)),
            *(f"platform {p}" for p in sorted(note.platforms & topics.platforms)),
        ]
        if note.general:
            reasons.append("general guidance for every case")
        if reasons:
            matches.append(NoteMatch(note, tuple(reasons), review_overdue=note.review_by < today))
    return tuple(sorted(matches, key=_order))


def _order(match: NoteMatch) -> tuple[int, int, int, int, str]:
    kinds = [r.split(" ", 1)[0] for r in match.reasons]
    return (
        -kinds.count("offence"),
        -kinds.count("strand"),
        -kinds.count("platform"),
        1 if match.note.general else 0,
        match.note.id,
    )
