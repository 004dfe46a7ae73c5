"""Withdrawing a platform disclosure (its legal basis withdrawn, or disclosed in error), in the
graph, in one transaction under the identity linker lock. The policy is
:mod:`graph.identity.retraction`:

1. the disclosure is marked withdrawn (when, by whom, why) and its values are detached from
   its account (``queries/identity/detach_disclosure``);
2. active system judgements whose evidence used a value only it supplied are retracted
   (``superseded_by = 'withdrawal:<disclosure id>'``);
3. analysts' judgements on the pairs concerned are kept and flagged for review (they join the
   identity review queue until an analyst judges the pair again);
4. the account linker runs again on what remains, so persons are derived afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, native, run
from graph.errors import Conflict, InvalidValue, NotFound
from graph.identity.linker import LinkRun
from graph.identity.retraction import WithdrawnValues, plan_retraction, withdrawal_marker
from graph.identity.store import link_accounts_in, lock
from graph.judgements.kinds import ACCOUNTS
from graph.judgements.store import load_log


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """What withdrawing one disclosure did."""

    disclosure_id: str
    detached: tuple[WithdrawnValues, ...]
    retracted: tuple[str, ...]  # system judgements superseded by the withdrawal
    for_review: tuple[str, ...]  # analysts' judgements kept, flagged for review
    relink: LinkRun

    def line(self) -> str:
        values = sum(
            len(v.emails) + len(v.phones) + len(v.ips) + len(v.names) for v in self.detached
        )
        return (
            f"disclosure {self.disclosure_id} withdrawn: {values} values detached, "
            f"{len(self.retracted)} system judgements retracted, "
            f"{len(self.for_review)} analyst judgements flagged for review, "
            f"{len(self.relink.added)} new judgements on re-linking"
        )


def _values(tx: ManagedTransaction, disclosure_id: str) -> list[WithdrawnValues]:
    rows = run(tx, load_query("identity/disclosure_values"), id=disclosure_id)
    if not rows:
        raise NotFound(f"disclosure {disclosure_id!r} does not exist")
    withdrawn_at = rows[0]["withdrawn_at"]
    if withdrawn_at is not None:
        when = native(withdrawn_at).isoformat()
        raise Conflict(f"disclosure {disclosure_id!r} was already withdrawn at {when}")
    return [
        WithdrawnValues(
            account=row["account"],
            emails=frozenset(row["emails"]),
            phones=frozenset(row["phones"]),
            ips=frozenset(row["ips"]),
            names=frozenset(row["names"]),
        )
        for row in rows
        if row["account"] is not None
    ]


def retract_disclosure(
    graph: Graph, disclosure_id: str, actor: str, reason: str, at: datetime | None = None
) -> Withdrawal:
    """Withdraw one disclosure and everything the system concluded from it alone."""
    if not disclosure_id.strip():
        raise InvalidValue("disclosure_id", "is empty")
    if not actor.strip():
        raise InvalidValue("actor", "is empty: say who withdraws the disclosure")
    if not reason.strip():
        raise InvalidValue("reason", "is required: say why the disclosure is withdrawn")
    moment = at or datetime.now(UTC)

    def work(tx: ManagedTransaction) -> Withdrawal:
        lock(tx)
        detached = _values(tx, disclosure_id)
        plan = plan_retraction(load_log(tx, ACCOUNTS), detached)
        run(
            tx,
            load_query("identity/detach_disclosure"),
            id=disclosure_id,
            at=moment.isoformat(),
            by=actor,
            reason=reason,
        )
        retracted = [j.id for j in plan.retract]
        if retracted:
            run(
                tx,
                load_query(ACCOUNTS.supersede),
                ids=retracted,
                by=withdrawal_marker(disclosure_id),
            )
        for_review = [j.id for j in plan.review]
        if for_review:
            run(
                tx,
                load_query("identity/flag_judgements_for_review"),
                ids=for_review,
                disclosure_id=disclosure_id,
            )
        relink = link_accounts_in(tx, moment)
        return Withdrawal(
            disclosure_id, tuple(detached), tuple(retracted), tuple(for_review), relink
        )

    return graph.write_tx(work)
