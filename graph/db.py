"""The one Neo4j driver per process, and the only place the driver's errors are translated.

Every call names its database and runs through ``execute_read`` / ``execute_write`` (managed
transactions that retry transient failures and route in a cluster). Repositories call
:meth:`Graph.read` / :meth:`Graph.write` with a :class:`graph.cypher.Query` and parameters.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from graph.cypher import Query
from graph.errors import Conflict, GraphUnavailable
from graph.neo4j_password import neo4j_password
from graph.settings import Settings
from graph.write_gate import WriteGate

SCHEMA_ATTEMPTS = 8

T = TypeVar("T")

Record = dict[str, Any]


def open_driver(settings: Settings) -> Driver:
    auth = (settings.neo4j_user, neo4j_password(settings)) if settings.neo4j_auth else None
    return GraphDatabase.driver(
        settings.bolt_uri,
        auth=auth,
        max_connection_pool_size=50,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=settings.neo4j_retry_s,
        notifications_min_severity="OFF",
    )


@contextmanager
def translated_errors() -> Iterator[None]:
    """Map driver exceptions onto the hub's error hierarchy."""
    try:
        yield
    except neo4j_errors.ConstraintError as exc:
        raise Conflict(f"a unique key already exists: {exc.message}") from exc
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
        raise GraphUnavailable(f"Neo4j is unreachable: {exc}") from exc
    except neo4j_errors.AuthError as exc:
        raise GraphUnavailable(f"Neo4j refused the credentials: {exc.message}") from exc
    except OSError as exc:
        raise GraphUnavailable(f"Neo4j connection failed: {exc}") from exc


class Graph:
    """A driver bound to one database; the repositories' only door to Neo4j."""

    def __init__(
        self,
        driver: Driver,
        database: str,
        gate: WriteGate | None = None,
        write_wait_s: float = 0.0,
    ) -> None:
        self.driver = driver
        self.database = database
        self._gate = gate
        self._write_wait_s = write_wait_s

    def writes_held_until(self, gate: WriteGate, wait_s: float) -> Graph:
        """This graph (the same driver) whose writes first pass ``gate``, waiting at most
        ``wait_s`` a write (:meth:`WriteGate.pass_through`; then :class:`GraphUnavailable`, so
        intake journals and other doors answer 503). The API writes through it: a data upgrade
        rebuilding kept counts at start-up would otherwise race the writes that keep them."""
        return Graph(self.driver, self.database, gate, wait_s)

    @classmethod
    def connect(cls, settings: Settings) -> Graph:
        return cls(open_driver(settings), settings.neo4j_database)

    def close(self) -> None:
        self.driver.close()

    def verify(self) -> None:
        with translated_errors():
            self.driver.verify_connectivity()

    def read(self, query: Query, **params: Any) -> list[Record]:
        return self.read_tx(lambda tx: _run(tx, query, params))

    def write(self, query: Query, **params: Any) -> list[Record]:
        return self.write_tx(lambda tx: _run(tx, query, params))

    def read_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        with translated_errors(), self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def write_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        if self._gate is not None:
            self._gate.pass_through(self._write_wait_s)
        with translated_errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def run_schema(self, statement: str) -> None:
        """Schema statements cannot run in a managed transaction with others: auto-commit.
        Every one is idempotent, so a failure caused by another API process applying the same
        schema as both start (a deadlock, or ``IF NOT EXISTS`` losing the race to the other's
        create) is retried: the next try finds the rule there and does nothing.
        """
        for attempt in range(SCHEMA_ATTEMPTS):
            try:
                with translated_errors(), self.driver.session(database=self.database) as s:
                    s.run(neo4j.Query(statement)).consume()
                return
            except neo4j_errors.Neo4jError as error:
                raced = isinstance(error, neo4j_errors.TransientError) or (
                    error.code or ""
                ).endswith("AlreadyExists")
                if not raced or attempt == SCHEMA_ATTEMPTS - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))


def wire_time(value: datetime | None) -> str | None:
    """A datetime as ISO 8601 text for a query that stores it with Cypher's ``datetime()``.

    The driver packs a Python ``datetime`` through its own temporal types at about 90 us each,
    which on the intake path (a dozen datetimes a report) cost a third of the writer's time;
    ISO text costs 3 us and Neo4j parses it natively. Use it on hot write paths; the stored
    value is the same ``DATETIME``.
    """
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("wire_time: datetime must be timezone-aware")
    return value.isoformat()


def from_wire_time(text: str | None) -> datetime | None:
    """The inverse, for queries that return ``toString(datetime)``."""
    return None if text is None else datetime.fromisoformat(text)


def native(value: Any) -> Any:
    """A value read from Neo4j as Python's own (``neo4j.time.DateTime`` -> ``datetime``)."""
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else value


def pages(graph: Graph, query: Query, key: str, page: int = 10_000) -> Iterator[Record]:
    """Every record of a keyset-paginated query (params ``after`` and ``page``, ordered by
    ``key``): constant memory however large the graph."""
    after = ""
    while True:
        rows = graph.read(query, after=after, page=page)
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1][key]


def run(tx: ManagedTransaction, query: Query, **params: Any) -> list[Record]:
    """Run one query inside a caller's transaction (for multi-query units of work)."""
    return _run(tx, query, params)


def send(tx: ManagedTransaction, query: Query, **params: Any) -> neo4j.Result:
    """Send one query in a caller's transaction without waiting for it to run.

    The driver returns once Neo4j has accepted the query, and Neo4j runs it while the caller
    goes on (intake matches duplicates in Python while Neo4j creates the batch's reports).
    Queries in one transaction still run in the order sent. Call ``consume()`` on the result
    before the transaction ends: that waits for it, and raises its error if it failed.
    """
    return tx.run(query.text, _unlogged(query.bind(**params)))


class _UnloggedList(list[Any]):
    __slots__ = ()

    def __repr__(self) -> str:
        return f"<list of {len(self)}>"


class _UnloggedMap(dict[str, Any]):
    __slots__ = ()

    def __repr__(self) -> str:
        return f"<map of {len(self)}>"


class _UnloggedText(str):
    __slots__ = ()

    def __repr__(self) -> str:
        return f"<text of {len(self)} characters>"


_UNLOGGED: dict[type, type] = {
    list: _UnloggedList,
    tuple: _UnloggedList,
    dict: _UnloggedMap,
    str: _UnloggedText,
}


def _unlogged(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as the same values whose ``repr`` gives only their size.

    The driver formats each query's parameters for its DEBUG log on every run, whatever the
    log level (``" ".join(map(repr, fields))`` in its ``RUN``): for a batch of intake rows that
    is megabytes of text a batch, about 50 us of the writer's CPU a referral, and at DEBUG it
    would write victims' names and addresses to the log. Packed, the values are unchanged.
    """
    quiet = {}
    for name, value in params.items():
        wrap = _UNLOGGED.get(type(value))
        quiet[name] = value if wrap is None else wrap(value)
    return quiet


def _run(tx: ManagedTransaction, query: Query, params: dict[str, Any]) -> list[Record]:
    result = send(tx, query, **params)
    keys = result.keys()
    return [
        dict(zip(keys, record, strict=True)) if all(map(_is_plain, record)) else record.data()
        for record in result
    ]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _is_plain(value: Any) -> bool:
    """Whether ``Record.data()`` would return ``value`` unchanged: scalars, and lists of them
    or of such lists.

    ``Record.data()`` walks every value to turn nodes and relationships into dicts; on the
    intake path, where rows hold only ids, text and lists of text, that walk was an eighth of
    the writer's time (and half of the linker's lookup, whose one record holds lists of lists).
    Records holding anything else still go through it.
    """
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is not list:
        return False
    return all(type(item) in _SCALARS for item in value) or all(map(_is_plain, value))
