"""People named in reports resolved into persons in the graph (hub issue 5, item 4).

``link_people_in_graph`` reads every per-report ``Person`` (reporters, victims, suspects;
anonymous reporters left out), turns each into a linkage record (``named_records``: the full
name split into given name and surname, postcode, location, emails, phones; no date of birth,
which the referral contract does not carry), runs the linker with every earlier judgement
between people (analysts' rejections win, a re-run adds nothing; names alone never link:
``named_linking``), writes new judgements as ``SAME_PERSON`` / ``NOT_SAME_PERSON`` /
``IDENTITY_UNSURE`` edges between ``Person`` nodes, and records each one's person as
``Person.person_id``: the identity key a repeat victim or a repeat suspect is counted by
(``coalesce(p.person_id, p.id)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run
from graph.identity.judgements import JudgementLog
from graph.identity.linker import LinkRun, Progress
from graph.identity.models import PersonRecord
from graph.identity.named_linking import link_named_people
from graph.identity.named_records import named_record
from graph.identity.persons import Persons
from graph.identity.store import judge_pairs_in, lock, write_judgements
from graph.judgements.kinds import NAMED
from graph.judgements.store import load_log


def load_people(
    tx: ManagedTransaction,
) -> tuple[list[PersonRecord], dict[str, str | None], JudgementLog]:
    """The linkage records, the person id each ``Person`` holds now, and every judgement."""
    rows = run(tx, load_query("identity/named_person_records"))
    records = [
        record
        for row in rows
        if (
            record := named_record(
                row["key"],
                row["name"],
                postcode=row["postcode"],
                location=row["location"],
                emails=row["emails"],
                phones=row["phones"],
            )
        )
        is not None
    ]
    stored = {row["key"]: row["person_id"] for row in rows}
    return records, stored, load_log(tx, NAMED)


def link_people_in_tx(
    tx: ManagedTransaction, at: datetime, on_progress: Progress | None = None
) -> LinkRun:
    """Run the named-people linker inside a caller's transaction (which holds the lock)."""
    records, stored, log = load_people(tx)
    result = link_named_people(records, log, at=at, on_progress=on_progress)
    write_judgements(tx, NAMED, result.added, result.persons, stored)
    return result


def judge_people_in(
    tx: ManagedTransaction, a: str, b: str, same: bool, actor: str, reason: str
) -> Persons:
    """An analyst's verdict on two named people (``Person`` ids), inside a caller's
    transaction (holding the lock); only the people whose person changed are rewritten."""
    return judge_people_pairs_in(tx, [(a, b)], same, actor, reason)


def judge_people_pairs_in(
    tx: ManagedTransaction, pairs: Sequence[tuple[str, str]], same: bool, actor: str, reason: str
) -> Persons:
    """An analyst's verdict on several pairs of named people, inside a caller's transaction."""
    records, stored, log = load_people(tx)
    keys = [r.key for r in records]
    return judge_pairs_in(tx, NAMED, keys, log, pairs, same, actor, reason, stored)


def link_people_in_graph(
    graph: Graph, at: datetime | None = None, on_progress: Progress | None = None
) -> LinkRun:
    """Resolve every person named in reports (idempotent: a re-run adds no judgement and
    rewrites no person id)."""
    moment = at or datetime.now(UTC)

    def work(tx: ManagedTransaction) -> LinkRun:
        lock(tx)
        return link_people_in_tx(tx, moment, on_progress)

    return graph.write_tx(work)
