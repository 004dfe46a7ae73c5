"""A real ClamAV daemon for the virus-scan tests, started once a session on signatures of
the tests' own (no signature database can be downloaded here): a body signature for a test
byte pattern (``MALWARE``), found wherever in a file it is. clamd is Debian's
``clamav-daemon`` (``scripts/ensure-system-deps.sh --tests`` installs it); without it these
tests fail rather than skip."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.attachments.clamd import Clamd, ClamdError, parse_address

# Never a real virus: bytes clamd is taught to call one in these tests alone.
MALWARE = b"OHCH-TEST-MALWARE-b0d1e5-NOT-A-REAL-VIRUS"
SIGNATURE = "Ohch.Test.Pattern.UNOFFICIAL"  # clamd marks signatures of its own so
STREAM_MAX = 4 * 1024 * 1024  # clamd's StreamMaxLength in the tests: larger is not scanned
START_S = 60


@dataclass(frozen=True)
class ClamdDaemon:
    address: str  # as OHCH_CLAMD names it
    log: Path


def _config(folder: Path, socket: Path) -> str:
    return "\n".join(
        [
            "Foreground yes",
            f"LocalSocket {socket}",
            f"DatabaseDirectory {folder / 'db'}",
            f"LogFile {folder / 'clamd.log'}",
            f"PidFile {folder / 'clamd.pid'}",
            f"StreamMaxLength {STREAM_MAX}",
            "SelfCheck 0",
            "",
        ]
    )


@pytest.fixture(scope="session")
def clamd_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClamdDaemon]:
    binary = shutil.which("clamd") or "/usr/sbin/clamd"
    if not Path(binary).exists():
        pytest.fail("clamd is not installed: scripts/ensure-system-deps.sh --tests")
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    name = SIGNATURE.removesuffix(".UNOFFICIAL")
    (folder / "db" / "ohch-test.ndb").write_text(f"{name}:0:*:{MALWARE.hex()}\n")
    socket = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(_config(folder, socket))
    out = (folder / "clamd.out").open("wb")
    process = subprocess.Popen(
        [binary, "-c", str(folder / "clamd.conf")], stdout=out, stderr=subprocess.STDOUT
    )
    address = f"unix://{socket}"
    client = Clamd(parse_address(address), timeout_s=5)
    deadline = time.monotonic() + START_S
    try:
        while True:
            try:
                if socket.exists() and client.ping():
                    break
            except ClamdError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"clamd did not start: {(folder / 'clamd.out').read_text()[-2000:]}")
            time.sleep(0.1)
        yield ClamdDaemon(address, folder / "clamd.log")
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        out.close()
