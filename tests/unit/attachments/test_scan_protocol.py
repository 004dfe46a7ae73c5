"""clamd's protocol as the hub speaks it, without a clamd: the scanner's address, the framing
of ``INSTREAM`` chunks, and every reply read into a verdict or a scanner version."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from cli.doctor_cmd import Status, signatures_status
from graph.attachments.clamd import (
    CHUNK_BYTES,
    Address,
    ClamdError,
    Scanner,
    file_chunks,
    frame,
    parse_address,
    scan_reply,
    version_reply,
)
from graph.attachments.scanning import NO_SCANNER, Unscanned, Verdict
from graph.settings import Settings


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("unix:///run/clamav/clamd.ctl", Address(unix_path="/run/clamav/clamd.ctl")),
        ("tcp://10.0.0.5:3311", Address(host="10.0.0.5", port=3311)),
        ("tcp://clamav", Address(host="clamav", port=3310)),
    ],
)
def test_addresses_are_a_unix_socket_or_tcp(text: str, address: Address) -> None:
    assert parse_address(text) == address
    assert str(address) in (text, "tcp://clamav:3310")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("http://clamav:3310", "must start unix:// or tcp://"),
        ("unix://run/clamd.ctl", "absolute path"),
        ("tcp://:3310", "tcp://host:port"),
        ("tcp://clamav:99999", "port must be a number"),
        ("/run/clamav/clamd.ctl", "must start unix:// or tcp://"),
    ],
)
def test_a_wrong_address_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_address(text)


def test_the_setting_names_a_wrong_address() -> None:
    with pytest.raises(ValueError, match="clamd") as refused:
        Settings(clamd="ftp://scanner")
    assert "must start unix:// or tcp://" in str(refused.value)


def test_a_chunk_is_framed_by_its_length_in_four_big_endian_bytes() -> None:
    assert frame(b"abc") == b"\x00\x00\x00\x03abc"
    assert frame(b"x" * 70_000)[:4] == (70_000).to_bytes(4, "big")
    assert frame(b"") == b"\x00\x00\x00\x00"  # the end of the stream


def test_a_file_is_read_a_chunk_at_a_time() -> None:
    data = bytes(range(256)) * (CHUNK_BYTES // 100)
    chunks = list(file_chunks(io.BytesIO(data)))
    assert b"".join(chunks) == data
    assert max(len(c) for c in chunks) == CHUNK_BYTES


def test_replies_become_verdicts() -> None:
    assert scan_reply(b"stream: OK\0").verdict is Verdict.CLEAN
    found = scan_reply(b"stream: Win.Test.EICAR_HDB-1 FOUND\0")
    assert (found.verdict, found.signature) == (Verdict.INFECTED, "Win.Test.EICAR_HDB-1")
    assert scan_reply(b"stream: Ohch.Test.Pattern.UNOFFICIAL FOUND\n").signature == (
        "Ohch.Test.Pattern.UNOFFICIAL"
    )


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        (b"INSTREAM size limit exceeded. ERROR\0", "clamd's StreamMaxLength"),
        (b"stream: Can't allocate memory ERROR\0", "the scanner failed: Can't allocate memory"),
        (b"UNKNOWN COMMAND\0", "not understood"),
        (b"stream: FOUND\0", "not understood"),
        (b"stream: \0", "not understood"),
    ],
)
def test_errors_and_nonsense_are_not_scanned_saying_why(reply: bytes, why: str) -> None:
    scan = scan_reply(reply)
    assert scan.verdict is Verdict.NOT_SCANNED
    assert scan.signature is None
    assert scan.why is not None
    assert why in scan.why


def test_the_version_names_the_engine_and_the_signatures_when_clamd_says_them() -> None:
    official = version_reply(b"ClamAV 1.4.6/27480/Mon Dec  7 08:33:10 2026\0")
    assert official.engine == "ClamAV 1.4.6"
    assert official.signatures == 27480
    assert official.signatures_at == datetime(2026, 12, 7, 8, 33, 10)
    assert str(official) == "ClamAV 1.4.6, signatures 27480 of 2026-12-07"
    own = version_reply(b"ClamAV 1.4.6\0")  # signatures of its own only (as in the tests)
    assert (own.signatures, own.signatures_at) == (None, None)
    assert str(own) == "ClamAV 1.4.6 (signature database version unknown)"
    with pytest.raises(ClamdError, match="not ClamAV's version"):
        version_reply(b"PONG\0")


def test_no_scanner_configured_makes_every_scan_say_so() -> None:
    scans = Scanner(None, Unscanned.HOLD).begin()
    assert scans.down == NO_SCANNER
    assert scans.scan(b"anything") == NO_SCANNER


def test_a_scanner_that_does_not_answer_makes_every_scan_say_why() -> None:
    settings = Settings(clamd="unix:///nonexistent/ohch/clamd.sock", clamd_timeout_s=1)
    scans = Scanner.of(settings).begin()
    assert scans.down is not None
    scan = scans.scan(io.BytesIO(b"anything"))
    assert scan.verdict is Verdict.NOT_SCANNED
    assert scan.why is not None
    assert "clamd at unix:///nonexistent/ohch/clamd.sock is not answering" in scan.why


def test_doctor_warns_when_the_signatures_are_stale_or_undated() -> None:
    version = version_reply(b"ClamAV 1.4.6/27480/Mon Dec  7 08:33:10 2026\0")
    assert signatures_status(version, datetime(2026, 12, 8, 8, 0, tzinfo=UTC)) is Status.OK
    assert signatures_status(version, datetime(2026, 12, 11, 8, 0, tzinfo=UTC)) is Status.WARN
    assert signatures_status(version_reply(b"ClamAV 1.4.6\0"), datetime.now(UTC)) is Status.WARN
