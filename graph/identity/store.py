"""Identity linkage against the graph: accounts in, judgement edges and derived persons out.

``link_identities`` reads every account with its disclosed values (emails, phones, IPs), the
names reporters and platforms gave, and its behaviour (victims targeted, content), runs the
linker with every earlier judgement (so analysts' rejections win and a re-run adds nothing),
writes new judgements as ``SAME_PERSON`` / ``NOT_SAME_PERSON`` / ``IDENTITY_UNSURE`` edges
between accounts, and records each account's person (``Account.person_id``).

The judgement plumbing (the kernel's :mod:`graph.judgements.store` for a kind of the table in
:mod:`graph.judgements.kinds`, :func:`write_judgements`, :func:`judge_in`) is shared with
people named in reports (``named_store``). Every identity write first takes the identity
linker lock (:func:`lock`), so a batch run and an analyst's decision never work from each
other's stale judgements.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, native, pages, run
from graph.identity.judgements import Judgement, JudgementLog, Verdict, analyst_judgement
from graph.identity.linker import LinkRun, Progress, link_accounts
from graph.identity.models import AccountRecord, IpSighting, Post
from graph.identity.persons import Persons, derive_persons
from graph.identity.review_store import write_review_priorities
from graph.intel.kept_people import assign_persons
from graph.judgements import store as kernel_store
from graph.judgements.kinds import ACCOUNTS, Kind
from graph.judgements.store import load_log


def _record(row: dict[str, Any]) -> AccountRecord:
    names = [n for n in row["display_names"] if n]
    return AccountRecord(
        key=row["key"],
        platform=row["platform"],
        handle=row["handle"],
        display_name=names[0] if names else None,
        registered_names=tuple(n for n in row["registered_names"] if n),
        emails=tuple(row["emails"]),
        phones=tuple(row["phones"]),
        ips=tuple(IpSighting(ip=i["ip"], at=native(i["at"])) for i in row["ips"]),
        victims=frozenset(v for v in row["victims"] if v),
        incidents=frozenset(i for i in row["incidents"] if i),
        posts=tuple(
            Post(at=native(p["at"]), text=p["text"], victim=p["victim"]) for p in row["posts"]
        ),
    )


def lock(tx: ManagedTransaction) -> None:
    """Serialise identity writes (held until the transaction ends)."""
    run(tx, load_query("identity/lock_linker"))


def _load(tx: ManagedTransaction) -> tuple[list[AccountRecord], JudgementLog]:
    records = [_record(r) for r in run(tx, load_query("identity/account_records"))]
    return records, load_log(tx, ACCOUNTS)


def write_judgements(
    tx: ManagedTransaction,
    kind: Kind[Verdict],
    new: Sequence[Judgement],
    persons: Persons,
    stored: Mapping[str, str | None] | None = None,
) -> None:
    """Create the new judgement edges, mark what they supersede, and record each record's
    person. With ``stored`` (record key -> person id now in the graph) only records in it
    whose person changed are written; without it, every record is."""
    kernel_store.write_judgements(tx, kind, new)
    changed = {
        k: p
        for k, p in persons.person_of.items()
        if stored is None or (k in stored and stored[k] != p)
    }
    assign_persons(tx, kind, changed)  # and the counts kept for victims (graph/intel)


def judge_in(
    tx: ManagedTransaction,
    kind: Kind[Verdict],
    keys: Iterable[str],
    log: JudgementLog,
    a: str,
    b: str,
    same: bool,
    actor: str,
    reason: str,
    stored: Mapping[str, str | None] | None = None,
) -> Persons:
    """An analyst's verdict on a pair, superseding every active judgement on it (an UNSURE
    one included, so the pair leaves the review queue); returns the persons after it."""
    return judge_pairs_in(tx, kind, keys, log, [(a, b)], same, actor, reason, stored)


def judge_pairs_in(
    tx: ManagedTransaction,
    kind: Kind[Verdict],
    keys: Iterable[str],
    log: JudgementLog,
    pairs: Sequence[tuple[str, str]],
    same: bool,
    actor: str,
    reason: str,
    stored: Mapping[str, str | None] | None = None,
) -> Persons:
    """One analyst verdict on several pairs at once (a group decided together), each
    superseding every active judgement on its pair; the persons are derived once, after all."""
    verdict = Verdict.SAME_PERSON if same else Verdict.NOT_SAME_PERSON
    at = datetime.now(UTC)
    new: list[Judgement] = []
    for a, b in pairs:
        new.append(analyst_judgement(log, a, b, verdict, actor=actor, at=at, reason=reason))
        log = log.add(new[-1])
    persons = derive_persons(keys, log)
    write_judgements(tx, kind, new, persons, stored)
    return persons


def link_accounts_in(
    tx: ManagedTransaction, at: datetime, on_progress: Progress | None = None
) -> LinkRun:
    """Run the account linker inside a caller's transaction (which holds the lock)."""
    records, log = _load(tx)
    result = link_accounts(records, log, at=at, on_progress=on_progress)
    write_judgements(tx, ACCOUNTS, result.added, result.persons)
    write_review_priorities(tx, result.added, result.persons)
    return result


def link_identities(
    graph: Graph, at: datetime | None = None, on_progress: Progress | None = None
) -> LinkRun:
    """Run the linker over every account (idempotent: a re-run adds no judgement)."""
    moment = at or datetime.now(UTC)

    def work(tx: ManagedTransaction) -> LinkRun:
        lock(tx)
        return link_accounts_in(tx, moment, on_progress)

    return graph.write_tx(work)


def relink_accounts(graph: Graph, keys: Collection[str], at: datetime | None = None) -> LinkRun:
    """Re-link the accounts whose evidence just changed (a disclosure arrived): the pairs
    with one of ``keys`` are scored as the whole run would score them, and only the accounts
    whose person changes are written. The batch job (:func:`link_identities`) stays for
    upgrades and the scheduler; this keeps the persons current between its runs."""
    moment = at or datetime.now(UTC)

    def work(tx: ManagedTransaction) -> LinkRun:
        lock(tx)
        records, log = _load(tx)
        result = link_accounts(records, log, at=moment, touching=keys)
        stored = {r["key"]: r["person_id"] for r in run(tx, load_query("identity/person_ids"))}
        write_judgements(tx, ACCOUNTS, result.added, result.persons, stored)
        write_review_priorities(tx, result.added, result.persons)
        return result

    return graph.write_tx(work)


def judge_accounts_in(
    tx: ManagedTransaction, a: str, b: str, same: bool, actor: str, reason: str
) -> Persons:
    """An analyst's verdict on two accounts, inside a caller's transaction (holding the lock)."""
    return judge_account_pairs_in(tx, [(a, b)], same, actor, reason)


def judge_account_pairs_in(
    tx: ManagedTransaction, pairs: Sequence[tuple[str, str]], same: bool, actor: str, reason: str
) -> Persons:
    """An analyst's verdict on several pairs of accounts, inside a caller's transaction."""
    records, log = _load(tx)
    keys = [r.key for r in records]
    return judge_pairs_in(tx, ACCOUNTS, keys, log, pairs, same, actor, reason)


def judge_accounts(graph: Graph, a: str, b: str, same: bool, actor: str, reason: str) -> Persons:
    """An analyst links or unlinks two accounts (superseding every judgement on the pair)."""

    def work(tx: ManagedTransaction) -> Persons:
        lock(tx)
        return judge_accounts_in(tx, a, b, same, actor, reason)

    return graph.write_tx(work)


def account_persons(graph: Graph, page: int = 10_000) -> Iterator[tuple[str, str]]:
    for row in pages(graph, load_query("identity/export_page"), "key", page):
        yield row["key"], row["person_id"]
