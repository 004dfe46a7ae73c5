"""Group commit: referrals that reach the public door together are written in one transaction.

Each live referral (``ingest/service.py`` ``accept``, for the REST route, the GraphQL mutation
and the report form alike) is validated and given its receipt in its own request's thread,
then handed to :meth:`GroupCommit.write`, which blocks until that referral is committed and
returns its own :class:`~ingest.load.Outcome` (its reference; already received; a conflict),
or raises its own error. Nothing is answered before its transaction has committed; a referral
whose write fails with :class:`~graph.errors.GraphUnavailable` goes back to its caller, which
journals it as before.

How a batch forms (``ingest/gathering.py``; no thread of its own: the callers' threads do the
work):

- the first referral to find no batch open opens one and leads it: it waits ``window_s``
  (``OHCH_INTAKE_BATCH_WINDOW_MS``) or until ``max_rows`` (``OHCH_INTAKE_BATCH_MAX``) have
  joined, then waits its turn to write (one batch writes at a time in a process; intake's
  transactions serialise on the reference counters in Neo4j anyway). The batch stays open to
  newcomers until its turn comes, so under load a batch gathers while the one before commits;
- the leader writes the batch in one transaction (``ingest/load.py`` ``write_reports``; a key
  sent twice in one batch is "already received" the second time, as one after the other);
- if that transaction fails for any reason but Neo4j being unreachable, each referral is
  written again on its own, so one that cannot be written fails alone with its own error;
  if Neo4j is unreachable, every referral of the batch gets that error and is journalled by
  its caller (writing them one by one would only wait out the retries again each).

A window of 0 or a batch of 1 writes each referral in its own transaction, as before.
:meth:`GroupCommit.close` (the API's shutdown) stops gathering, lets a leader that is waiting
write at once, and waits for every batch under way, so nothing accepted is left unwritten.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from graph.db import Graph
from graph.errors import GraphUnavailable
from ingest.gathering import Gathering
from ingest.intake_row import IntakeRow
from ingest.load import Outcome, write_reports

log = logging.getLogger("ohch.intake")


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What a group commit has done so far (for a benchmark and the tests)."""

    batches: int
    rows: int
    fallbacks: int  # batches written again one referral at a time


class GroupCommit:
    def __init__(self, graph: Graph, window_s: float, max_rows: int) -> None:
        self.graph = graph
        self._gathering = Gathering(
            self._commit, window_s, max_rows if window_s > 0 else 1, stopped=GraphUnavailable
        )
        self._counted = threading.Lock()
        self._batches = self._rows = self._fallbacks = 0

    @property
    def gathering(self) -> bool:
        return self._gathering.gathering

    def waiting(self) -> int:
        """Referrals handed in and not yet answered."""
        return self._gathering.waiting()

    def counts(self) -> BatchCounts:
        with self._counted:
            return BatchCounts(self._batches, self._rows, self._fallbacks)

    def write(self, row: IntakeRow) -> Outcome:
        """Write ``row`` with whatever arrives with it; its own outcome once committed, or its
        own error (:class:`~graph.errors.GraphUnavailable`: nothing of it was written here)."""
        return self._gathering.put(row)

    def close(self, timeout_s: float = 60.0) -> bool:
        """Stop gathering: referrals handed in from now on are written one by one; a leader
        waiting out its window writes at once. Waits for every batch under way (at most
        ``timeout_s``); True when none is left."""
        return self._gathering.close(timeout_s)

    def _commit(self, rows: list[IntakeRow]) -> list[Outcome | Exception]:
        fell_back = False
        try:
            results: list[Outcome | Exception] = list(write_reports(self.graph, rows))
        except GraphUnavailable as error:
            results = [error] * len(rows)
        except Exception as error:
            if len(rows) == 1:
                results = [error]
            else:
                log.warning(
                    "a batch of %d referrals failed (%s: %s); writing each on its own",
                    len(rows), type(error).__name__, error,
                )  # fmt: skip
                fell_back = True
                results = [self._one(row) for row in rows]
        if len(rows) > 1 or self.gathering:
            with self._counted:
                self._batches += 1
                self._rows += len(rows)
                self._fallbacks += fell_back
        return results

    def _one(self, row: IntakeRow) -> Outcome | Exception:
        try:
            (outcome,) = write_reports(self.graph, [row])
        except Exception as error:
            return error
        return outcome
