"""Whether a process may write yet: held while it prepares the graph at start-up (schema, data
upgrades, reference data), open once it has, failing fast while Neo4j cannot be reached.

A data upgrade may rebuild kept counts (``queries/upgrades/``); a write keeping the same counts
meanwhile would be overwritten. So the API's graph (``Graph.writes_held_until``) asks the gate
before every write: while preparing, it waits (at most the wait given); with Neo4j unreachable
it does not wait, since the write would fail anyway and intake journals at once.
"""

from __future__ import annotations

import enum
import threading
import time

from graph.errors import GraphUnavailable


class GateState(enum.Enum):
    PREPARING = "preparing"
    UNREACHABLE = "unreachable"
    OPEN = "open"


class WriteGate:
    """Starts preparing; the process says when Neo4j was unreachable and when it is open."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._state = GateState.PREPARING
        self._why = ""

    def unreachable(self, why: str) -> None:
        self._set(GateState.UNREACHABLE, why)

    def open(self) -> None:
        self._set(GateState.OPEN, "")

    def _set(self, state: GateState, why: str) -> None:
        with self._changed:
            self._state, self._why = state, why
            self._changed.notify_all()

    def pass_through(self, wait_s: float) -> None:
        """Return when writes may go ahead; raise :class:`GraphUnavailable` when Neo4j was
        unreachable at the last try, or when preparing takes longer than ``wait_s``."""
        if self._state is GateState.OPEN:  # every write after start-up: no lock taken
            return
        deadline = time.monotonic() + wait_s
        with self._changed:
            while self._state is GateState.PREPARING:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise GraphUnavailable(
                        "the graph is still being prepared (schema and data upgrades); "
                        "try again shortly"
                    )
                self._changed.wait(left)
            if self._state is GateState.UNREACHABLE:
                raise GraphUnavailable(f"the graph could not be prepared: {self._why}")
