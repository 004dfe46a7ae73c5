"""Identity judgements: SAME_PERSON, NOT_SAME_PERSON or UNSURE between two record keys.

A judgement is one graph edge ``(:Account)-[:JUDGED]-(:Account)`` (or between two named
people), with properties ``id``, ``verdict``, ``score`` (match probability), ``evidence`` (the
explanation: a list of :class:`~graph.identity.evidence.Evidence` dicts), ``actor``
(``"system"`` or an analyst id), ``at``, ``reason``, ``supersedes`` (ids) and
``superseded_by``. Nothing is deleted: linking, rejecting or undoing adds a judgement that
supersedes the earlier ones on the pair. Only *active* judgements (``superseded_by is None``)
count; persons are derived from them (:mod:`graph.identity.persons`). UNSURE has no effect on
persons: the system uses it for the review queue.

The records, the log, the rules and undo are the judgement kernel's (:mod:`graph.judgements`);
this module names them for people.
"""

from __future__ import annotations

from functools import partial

from graph.judgements import records, rules
from graph.judgements.kinds import PERSON_VERDICTS
from graph.judgements.kinds import PersonVerdict as Verdict
from graph.judgements.records import SYSTEM

__all__ = ["SYSTEM", "Judgement", "JudgementLog", "Verdict", "analyst_judgement", "judge", "undo"]

Judgement = records.Judgement[Verdict]
JudgementLog = records.JudgementLog[Verdict]


#: A new identity judgement with a deterministic id (a hash of everything it says).
judge = partial(records.judge, PERSON_VERDICTS)
#: Judgements that undo one: copies of whatever it superseded (so the pair is as it was
#: before), or an UNSURE on the pair when it superseded nothing. Adding them to the log
#: restores the earlier persons exactly.
undo = rules.undo
#: An analyst's verdict on a pair, superseding every active judgement on it. Use
#: ``Verdict.SAME_PERSON`` to link, ``NOT_SAME_PERSON`` to reject (always wins).
analyst_judgement = partial(rules.on_pair, PERSON_VERDICTS)
