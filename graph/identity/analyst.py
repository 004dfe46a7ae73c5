"""An analyst's identity decision on a pair (two accounts, or two people named in reports), or
on a group decided at once (one person's accounts).

Deciding an item of the identity review queue is this decision: the analyst's judgement
supersedes every active judgement on the pair (the UNSURE one, or one flagged after a
disclosure was withdrawn), so the pair leaves the queue. An account and a named person are
never judged against each other (a report's ``SAID_TO_USE`` says which account a named suspect
uses), and an anonymous reporter is never linked.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run
from graph.errors import InvalidValue, NotFound
from graph.identity.named_store import judge_people_in, judge_people_pairs_in
from graph.identity.persons import Persons
from graph.identity.store import judge_account_pairs_in, judge_accounts_in, lock

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


MAX_GROUP = 20  # a person's accounts, decided at once; more is a sign of a wrong grouping


def judge_identity_group(
    graph: Graph, keys: Sequence[str], same: bool, actor: str, reason: str
) -> Persons:
    """Decide a group at once: these accounts (or named people) are one person (``same``), or
    each is a different person from every other. Every pair in the group is judged, so the
    group's items all leave the review queue; the persons are derived once, after all."""
    if not reason.strip():
        raise InvalidValue("reason", "is required: say why, for the record")
    members = list(dict.fromkeys(keys))
    if len(members) != len(keys):
        raise InvalidValue("keys", "names a record twice")
    if not 2 <= len(members) <= MAX_GROUP:
        raise InvalidValue("keys", f"must name 2 to {MAX_GROUP} records")
    pairs = list(itertools.combinations(members, 2))

    def work(tx: ManagedTransaction) -> Persons:
        lock(tx)
        kind = _group_kind(tx, members)
        if kind == "account":
            return judge_account_pairs_in(tx, pairs, same, actor, reason)
        return judge_people_pairs_in(tx, pairs, same, actor, reason)

    return graph.write_tx(work)


def _group_kind(tx: ManagedTransaction, keys: list[str]) -> str:
    """What every key names, all alike (or an error naming the key that differs)."""
    rows = {r["key"]: r for r in run(tx, load_query("identity/record_kinds"), keys=keys)}
    for index, key in enumerate(keys):
        if rows[key]["kind"] is None:
            raise NotFound(f"keys[{index}]: no account or named person {key!r}")
        if rows[key]["anonymous"]:
            raise InvalidValue(
                f"keys[{index}]", f"{key!r} is an anonymous reporter, who is never linked"
            )
    first = str(rows[keys[0]]["kind"])
    for index, key in enumerate(keys):
        if rows[key]["kind"] != first:
            raise InvalidValue(
                f"keys[{index}]",
                f"is {KIND_NAMES[str(rows[key]['kind'])]} but keys[0] is {KIND_NAMES[first]}: "
                "a group is all accounts or all people named in reports",
            )
    return first


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
