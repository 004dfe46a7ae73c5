"""The hash chain: how a record is sealed and how a log is checked. Pure: bytes in, bytes out.

A record's canonical bytes are its JSON without ``hash`` (orjson, keys sorted, no spaces)::

    hash = sha256(prev_hash as 64 ASCII hex characters + canonical bytes), as hex

and its line in the log is its JSON with ``hash`` (same form) and one ``\\n``. A line is
accepted only if it is byte for byte the line its own record would be written as, so any
change to it (a value, a space, an escape, the newline) is found, not only changes to values.

:func:`verify` stops at the first problem and names its line (1-based) and kind:

* ``unparseable``: not a record (cut short, two lines run together, an unknown field);
* ``changed``: the record's bytes or values differ from what was sealed;
* ``broken link``: its ``prev_hash`` is not the previous record's hash (a record before it
  was removed, or records were reordered or inserted);
* ``sequence``: its ``seq`` does not follow the previous one.

A chain cannot show that records were cut from its end: compare ``records`` and ``last_hash``
with a value kept elsewhere (an earlier verify, an export's manifest) for that.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import orjson
from pydantic import ValidationError

from graph.audit.records import AuditEvent, AuditRecord

GENESIS = "0" * 64  # the prev_hash of the first record


def canonical_bytes(record: AuditRecord) -> bytes:
    """The bytes the hash covers: the record's JSON without ``hash``, keys sorted."""
    return orjson.dumps(
        record.model_dump(mode="json", exclude={"hash"}), option=orjson.OPT_SORT_KEYS
    )


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()


def line_bytes(record: AuditRecord) -> bytes:
    """The record's line in the log, newline included."""
    return orjson.dumps(record.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS) + b"\n"


def seal(event: AuditEvent, seq: int, logged_at: datetime, prev_hash: str) -> AuditRecord:
    """The record that follows ``prev_hash`` at position ``seq``, with its hash."""
    fields = {**event.model_dump(), "seq": seq, "logged_at": logged_at, "prev_hash": prev_hash}
    unsealed = AuditRecord.model_validate({**fields, "hash": GENESIS})
    return unsealed.model_copy(update={"hash": chain_hash(prev_hash, canonical_bytes(unsealed))})


def parse_line(line: bytes) -> AuditRecord:
    """The record on ``line``; ``ValueError`` if it is not one."""
    try:
        return AuditRecord.model_validate_json(line)
    except ValidationError as exc:
        raise ValueError(str(exc).splitlines()[0]) from None


class Problem(enum.StrEnum):
    UNPARSEABLE = "unparseable"
    CHANGED = "changed"
    BROKEN_LINK = "broken link"
    SEQUENCE = "sequence"


@dataclass(frozen=True, slots=True)
class Verification:
    """``ok``, or the first bad ``line`` (1-based) with its ``problem``; ``records`` counts the
    good records before it and ``last_hash`` is the last good record's hash."""

    records: int
    last_hash: str
    line: int | None = None
    problem: Problem | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None

    def __str__(self) -> str:
        if self.ok:
            return f"audit log intact: {self.records} records, last hash {self.last_hash}"
        return f"audit log broken at line {self.line}: {self.problem} ({self.detail})"


def check_line(line: bytes, prev_hash: str, seq: int) -> AuditRecord | tuple[Problem, str]:
    """The record on ``line`` if it is sound as record ``seq`` following ``prev_hash``."""
    try:
        record = parse_line(line)
    except ValueError as exc:
        return Problem.UNPARSEABLE, str(exc)
    if not line.endswith(b"\n"):
        return Problem.CHANGED, "the line has lost its newline (cut short?)"
    if line != line_bytes(record):
        return Problem.CHANGED, "the line is not as it was written"
    if record.hash != chain_hash(record.prev_hash, canonical_bytes(record)):
        return Problem.CHANGED, f"record {record.seq} does not match its hash"
    if record.prev_hash != prev_hash:
        return Problem.BROKEN_LINK, f"record {record.seq} does not follow the previous record"
    if record.seq != seq:
        return Problem.SEQUENCE, f"expected seq {seq}, found {record.seq}"
    return record


def verify(lines: Iterable[bytes]) -> Verification:
    """Check every line (each with its ``\\n``, as iterating a binary file gives them)."""
    count, last = 0, GENESIS
    for number, line in enumerate(lines, start=1):
        checked = check_line(line, last, count + 1)
        if not isinstance(checked, AuditRecord):
            problem, detail = checked
            return Verification(count, last, number, problem, detail)
        count, last = checked.seq, checked.hash
    return Verification(count, last)
