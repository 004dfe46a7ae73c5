"""Linking the people named in reports: the named-people matcher
(:mod:`graph.identity.named_people`) with one rule the hub adds, because its records carry no
date of birth: **a name alone never links**.

Frequency-aware name weights only know how common a name is among the records at hand: in a
young graph two "John Smith"s are both "rare", and given name plus surname is enough to link
them. A person named as a victim in one report and a namesake named as a suspect in another
would then be merged, and a victim would appear as an offender. So a pair scored LINK without
any agreeing identifier (email, phone, postcode, address, date of birth, id number) is recorded
as UNSURE instead, for an analyst; its evidence says why. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from graph.identity.blocking import block
from graph.identity.evidence import Evidence
from graph.identity.judgements import JudgementLog
from graph.identity.linker import LinkRun, Progress, conclude, counted
from graph.identity.models import PersonRecord
from graph.identity.named_people import person_frequencies, person_keys, score_people
from graph.identity.policy import LinkagePolicy, default_policy
from graph.identity.scoring import Decision, PairScore

# Features that identify a person beyond their name (a locality is a town: not one of them).
CORROBORATING = frozenset({"email", "phone", "postcode", "address", "date_of_birth", "id_number"})
NAMES_ONLY = Evidence(
    "corroboration",
    "",
    "",
    "names_only",
    0.0,
    "no identifier agrees (email, phone, postcode, address, date of birth, id number): "
    "names alone never link, so an analyst decides",
)


def corroborated(score: PairScore) -> bool:
    """Some identifier beyond the names agrees (has a positive weight)."""
    return any(e.feature in CORROBORATING and e.weight > 0 for e in score.evidence)


def cap_names_only(score: PairScore) -> PairScore:
    """A LINK resting on names alone becomes a REVIEW, with the reason in its evidence."""
    if score.decision is not Decision.LINK or corroborated(score):
        return score
    return replace(score, decision=Decision.REVIEW, evidence=(*score.evidence, NAMES_ONLY))


def link_named_people(
    records: Sequence[PersonRecord],
    log: JudgementLog | None = None,
    *,
    at: datetime,
    policy: LinkagePolicy | None = None,
    on_progress: Progress | None = None,
) -> LinkRun:
    """Link people named in reports into persons, adding system judgements to ``log``.
    Running again with the returned log and the same records adds nothing."""
    policy = policy or default_policy()
    log = log or JudgementLog()
    by_key = {r.key: r for r in records}
    freq = person_frequencies(records)
    blocking = block({r.key: person_keys(r) for r in records}, policy.max_block_size)
    scored = (
        cap_names_only(score_people(by_key[x], by_key[y], freq, policy))
        for x, y in counted(blocking.pairs, on_progress)
    )
    return conclude(blocking, scored, log, by_key, at=at)
