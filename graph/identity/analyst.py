"""An analyst's identity decision on a pair: two accounts, or two people named in reports.

Deciding an item of the identity review queue is this decision: the analyst's judgement
supersedes every active judgement on the pair (the UNSURE one, or one flagged after a
disclosure was withdrawn), so the pair leaves the queue. An account and a named person are
never judged against each other (a report's ``SAID_TO_USE`` says which account a named suspect
uses), and an anonymous reporter is never linked.
"""

from __future__ import annotations

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run
from graph.errors import InvalidValue, NotFound
from graph.identity.named_store import judge_people_in
from graph.identity.persons import Persons
from graph.identity.store import judge_accounts_in, lock

FIELDS = ("account_a", "account_b")
KIND_NAMES = {"account": "an account", "person": "a person named in a report"}


def _kind(tx: ManagedTransaction, a: str, b: str) -> str:
    """``'account'`` or ``'person'``: what both keys name (or an error naming the field)."""
    rows = {r["key"]: r for r in run(tx, load_query("identity/record_kinds"), keys=[a, b])}
    for field, key in zip(FIELDS, (a, b), strict=True):
        if rows[key]["kind"] is None:
            raise NotFound(f"{field}: no account or named person {key!r}")
        if rows[key]["anonymous"]:
            raise InvalidValue(field, f"{key!r} is an anonymous reporter, who is never linked")
    kind_a, kind_b = str(rows[a]["kind"]), str(rows[b]["kind"])
    if kind_a != kind_b:
        raise InvalidValue(
            "account_b",
            f"is {KIND_NAMES[kind_b]} but account_a is {KIND_NAMES[kind_a]}: "
            "judge two accounts or two people named in reports",
        )
    return kind_a


def judge_identity(graph: Graph, a: str, b: str, same: bool, actor: str, reason: str) -> Persons:
    """Link (``same``) or unlink two accounts, or two named people (their ``Person`` ids),
    superseding every judgement on the pair; returns the persons of that kind after it."""
    if not reason.strip():
        raise InvalidValue("reason", "is required: say why, for the record")
    if a == b:
        raise InvalidValue("account_b", "is the same record as account_a")

    def work(tx: ManagedTransaction) -> Persons:
        lock(tx)
        if _kind(tx, a, b) == "account":
            return judge_accounts_in(tx, a, b, same, actor, reason)
        return judge_people_in(tx, a, b, same, actor, reason)

    return graph.write_tx(work)
