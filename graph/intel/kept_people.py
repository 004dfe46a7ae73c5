"""The counts kept for windowed questions about people, moved in the transaction of the change
that moves them (docs/STATISTICS.md, "Counts kept for people"; schema/037_person_counts).

- Prolific persons add up the counts kept by suspect account (which only intake and content
  merges and splits move) grouped by each account's person *as it is when read*: the account
  linker moves nothing. The reports naming two accounts or more are kept apart
  (``SuspectsDay``, ``SuspectsWeek``), by intake only, so such a report counts once for a
  person holding two of its accounts.
- Repeat victims and campaigns read counts kept by victim identity
  (``coalesce(Person.person_id, Person.id)``), which the named-people linker changes. Its
  change of a person's ``person_id`` counts again, from their reports, every identity the
  person leaves or joins (:func:`assign_persons`); intake counts the identities its new reports
  could change (:func:`count_new_reports`); a report changing content moves its entry
  (``intel/move_victim_contents``, run by ``graph/dedup`` just before ``dedup/assign_reports``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import run
from graph.judgements import store as kernel_store
from graph.judgements.kinds import NAMED, Kind
from graph.judgements.records import V

RECOUNT_BATCH = 1_000  # identities a query counts again (one transaction, several queries)


def recount_identities(tx: ManagedTransaction, identities: Collection[str]) -> None:
    """Count again, from their reports, what is kept for each victim identity (in id order)."""
    ordered = sorted(set(identities))
    query = load_query("intel/count_victim_identities")
    for start in range(0, len(ordered), RECOUNT_BATCH):
        run(tx, query, identities=ordered[start : start + RECOUNT_BATCH])


def count_new_reports(tx: ManagedTransaction, report_ids: Collection[str]) -> None:
    """Intake's part, in the transaction that created ``report_ids`` (after their clusters)."""
    if not report_ids:
        return
    [row] = run(tx, load_query("intel/count_new_reports_people"), report_ids=sorted(report_ids))
    if row["identities"]:
        recount_identities(tx, row["identities"])


def assign_persons(tx: ManagedTransaction, kind: Kind[V], person_of: Mapping[str, str]) -> None:
    """Record each record's person (:func:`graph.judgements.store.assign`); for people named in
    reports, count again every victim identity a victim among them leaves or joins."""
    if kind is not NAMED or not person_of:
        kernel_store.assign(tx, kind, dict(person_of))
        return
    [row] = run(tx, load_query("intel/victim_identities_of_people"), keys=sorted(person_of))
    kernel_store.assign(tx, kind, dict(person_of))
    joined = {person_of[key] for key in row["keys"]}
    recount_identities(tx, set(row["identities"]) | joined)
