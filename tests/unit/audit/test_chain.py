"""The hash chain: any change to any byte of the log is found, at the right line."""

from __future__ import annotations

import hashlib

import pytest

from graph.audit.chain import (
    GENESIS,
    Problem,
    Verification,
    canonical_bytes,
    line_bytes,
    seal,
    verify,
)
from tests.unit.audit.builders import T0, event, lines, sealed


def split(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def test_sealing_chains_each_record_to_the_one_before() -> None:
    first, second = sealed(2)
    assert (first.seq, first.prev_hash) == (1, GENESIS)
    assert second.prev_hash == first.hash
    expected = hashlib.sha256(first.prev_hash.encode() + canonical_bytes(first)).hexdigest()
    assert first.hash == expected
    assert b'"hash"' not in canonical_bytes(first)
    assert first.logged_at == T0.replace(minute=1)
    line = line_bytes(first)
    assert line.endswith(b"}\n")
    assert line.count(b"\n") == 1


def test_an_intact_log_verifies() -> None:
    records = sealed(5)
    result = verify(lines(records))
    assert result == Verification(records=5, last_hash=records[-1].hash)
    assert result.ok
    assert str(result) == f"audit log intact: 5 records, last hash {records[-1].hash}"
    assert verify([]) == Verification(records=0, last_hash=GENESIS)


@pytest.mark.parametrize("flip", [0x01, 0x20, 0x80])
def test_every_single_byte_change_in_a_record_is_found_at_its_line(flip: int) -> None:
    good = lines(sealed(3))
    target = good[1]
    for position in range(len(target)):
        changed = bytearray(target)
        changed[position] ^= flip
        data = good[0] + bytes(changed) + good[2]
        result = verify(split(data))
        assert not result.ok, f"byte {position} changed ^{flip:#x} was not noticed"
        assert result.line == 2, (position, result)
        assert result.records == 1


def test_changing_a_byte_to_a_space_or_adding_one_is_found() -> None:
    good = lines(sealed(3))
    target = good[1]
    for position in range(len(target)):
        spaced = target[:position] + b" " + target[position + 1 :]
        inserted = target[:position] + b" " + target[position:]
        for changed in (spaced, inserted):
            if changed == target:
                continue
            result = verify(split(good[0] + changed + good[2]))
            assert (result.ok, result.line) == (False, 2), (position, result)


def test_a_value_changed_and_rewritten_canonically_breaks_the_hash() -> None:
    records = sealed(3)
    forged = records[1].model_copy(update={"actor": "someone.else"})
    result = verify([line_bytes(records[0]), line_bytes(forged), line_bytes(records[2])])
    assert (result.line, result.problem) == (2, Problem.CHANGED)


def test_a_removed_record_breaks_the_link_at_its_place() -> None:
    good = lines(sealed(4))
    result = verify([good[0], good[2], good[3]])
    assert (result.line, result.problem, result.records) == (2, Problem.BROKEN_LINK, 1)
    first_gone = verify(good[1:])
    assert (first_gone.line, first_gone.problem) == (1, Problem.BROKEN_LINK)


def test_swapped_records_break_the_link() -> None:
    good = lines(sealed(4))
    result = verify([good[0], good[2], good[1], good[3]])
    assert (result.line, result.problem) == (2, Problem.BROKEN_LINK)


def test_a_truncated_last_line_is_found() -> None:
    good = lines(sealed(3))
    for cut in (2, 10, len(good[2]) - 1):
        result = verify(split(b"".join(good)[:-cut]))
        assert (result.line, result.problem) == (3, Problem.UNPARSEABLE), cut
    no_newline = verify(split(b"".join(good)[:-1]))  # the record parses, but is not as written
    assert (no_newline.line, no_newline.problem) == (3, Problem.CHANGED)
    assert "newline" in no_newline.detail


def test_a_blank_or_foreign_line_is_unparseable() -> None:
    good = lines(sealed(2))
    for foreign in (b"\n", b"{}\n", b"not json\n"):
        result = verify([good[0], foreign, good[1]])
        assert (result.line, result.problem) == (2, Problem.UNPARSEABLE)


def test_a_sequence_gap_is_found_even_with_the_right_link() -> None:
    first = seal(event(1), 1, T0, GENESIS)
    skipped = seal(event(2), 3, T0, first.hash)
    result = verify([line_bytes(first), line_bytes(skipped)])
    assert (result.line, result.problem) == (2, Problem.SEQUENCE)
    assert str(result).startswith("audit log broken at line 2: sequence")
