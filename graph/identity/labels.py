"""Labels for calibrating the account weights on the hub's own graph: analysts' verdicts.

An analyst who decides a review item (or links or unlinks two accounts) records an active
``SAME_PERSON`` or ``NOT_SAME_PERSON`` judgement with their own name as actor; each such pair
is one label (``True``: the same person). System judgements are never labels (a calibration
would learn the linker's own guesses back), and neither are verdicts since undone or
superseded, nor ``UNSURE``. ``scripts/estimate_identity_weights.py --graph`` calibrates on
them (the generator's labels stand in for them in a rehearsal).
"""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import ManagedTransaction

from graph.db import Graph
from graph.identity.judgements import Judgement, Verdict
from graph.identity.models import AccountRecord
from graph.identity.store import _load  # the store's one read of accounts and judgements

Pair = tuple[str, str]


def analyst_labels(log: Iterable[Judgement]) -> dict[Pair, bool]:
    """Each pair an analyst's active verdict decides: same person or not."""
    return {
        j.pair: j.verdict is Verdict.SAME_PERSON
        for j in log
        if j.active and j.by_analyst and j.verdict is not Verdict.UNSURE
    }


def labelled_accounts(graph: Graph) -> tuple[list[AccountRecord], dict[Pair, bool]]:
    """Every account as the linker reads it, and the analysts' labels (one read)."""

    def work(tx: ManagedTransaction) -> tuple[list[AccountRecord], dict[Pair, bool]]:
        records, log = _load(tx)
        return records, analyst_labels(log)

    return graph.read_tx(work)
