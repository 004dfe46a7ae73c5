"""Identity linkage against the graph: accounts in, judgement edges and derived persons out.

``link_identities`` reads every account with its disclosed values (emails, phones, IPs), the
names reporters and platforms gave, and its behaviour (victims targeted, content), runs the
linker with every earlier judgement (so analysts' rejections win and a re-run adds nothing),
writes new judgements as ``SAME_PERSON`` / ``NOT_SAME_PERSON`` / ``IDENTITY_UNSURE`` edges
between accounts, and records each account's person (``Account.person_id``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, native, pages, run
from graph.identity.judgements import Judgement, JudgementLog, Verdict, analyst_judgement
from graph.identity.linker import LinkRun, link_accounts
from graph.identity.models import AccountRecord, IpSighting
from graph.identity.persons import Persons, derive_persons

CREATE = {
    Verdict.SAME_PERSON: "identity/create_same_person_judgements",
    Verdict.NOT_SAME_PERSON: "identity/create_not_same_person_judgements",
    Verdict.UNSURE: "identity/create_unsure_judgements",
}


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
    )


def _judgement(a: str, b: str, props: dict[str, Any]) -> Judgement:
    left, right = sorted((a, b))
    return Judgement(
        id=props["id"], left=left, right=right, verdict=Verdict(props["verdict"]),
        score=float(props["score"]), evidence=json.loads(props["evidence"]),
        actor=props["actor"], at=datetime.fromisoformat(props["at"]), reason=props["reason"],
        supersedes=tuple(props.get("supersedes") or ()), superseded_by=props.get("superseded_by"),
    )  # fmt: skip


def _load(tx: ManagedTransaction) -> tuple[list[AccountRecord], JudgementLog]:
    records = [_record(r) for r in run(tx, load_query("identity/account_records"))]
    edges = run(tx, load_query("identity/judgements"))
    judgements = sorted(
        (_judgement(e["a"], e["b"], e["props"]) for e in edges), key=lambda j: (j.at, j.id)
    )
    return records, JudgementLog(tuple(judgements))


def _write(tx: ManagedTransaction, new: Sequence[Judgement], persons: Persons) -> None:
    for verdict, name in CREATE.items():
        rows = [
            {"left": j.left, "right": j.right, "props": j.edge_properties()}
            for j in new
            if j.verdict is verdict
        ]
        if rows:
            run(tx, load_query(name), rows=rows)
    for judgement in new:
        if judgement.supersedes:
            run(
                tx,
                load_query("identity/supersede_judgements"),
                ids=list(judgement.supersedes),
                by=judgement.id,
            )
    run(
        tx,
        load_query("identity/assign_persons"),
        rows=[{"key": k, "person_id": p} for k, p in persons.person_of.items()],
    )


def link_identities(graph: Graph, at: datetime | None = None) -> LinkRun:
    """Run the linker over every account (idempotent: a re-run adds no judgement)."""
    moment = at or datetime.now(UTC)

    def work(tx: ManagedTransaction) -> LinkRun:
        records, log = _load(tx)
        result = link_accounts(records, log, at=moment)
        _write(tx, result.added, result.persons)
        return result

    return graph.write_tx(work)


def judge_accounts(graph: Graph, a: str, b: str, same: bool, actor: str, reason: str) -> Persons:
    """An analyst links or unlinks two accounts (superseding every judgement on the pair)."""

    def work(tx: ManagedTransaction) -> Persons:
        records, log = _load(tx)
        verdict = Verdict.SAME_PERSON if same else Verdict.NOT_SAME_PERSON
        new = analyst_judgement(
            log, a, b, verdict, actor=actor, at=datetime.now(UTC), reason=reason
        )
        updated = log.add(new)
        persons = derive_persons({r.key: r for r in records}, updated)
        _write(tx, [new], persons)
        return persons

    return graph.write_tx(work)


def account_persons(graph: Graph, page: int = 10_000) -> Iterator[tuple[str, str]]:
    for row in pages(graph, load_query("identity/export_page"), "key", page):
        yield row["key"], row["person_id"]
