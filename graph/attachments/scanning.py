"""Virus scanning of evidence files, as rules: a scan's verdict, what a file's state becomes,
and whether the hub may hand a file over. Pure, no I/O (``clamd.py`` asks the scanner).

A scan finds a file clean, infected (with the signature that matched) or could not scan it
(no scanner configured, unreachable, timed out, the file past its size limit, an error): the
:class:`Scan`. What happens to a file that could not be scanned is the deployment's policy,
``OHCH_EVIDENCE_UNSCANNED`` (:class:`Unscanned`):

======== ==================================================================================
``hold`` kept, marked held: never downloaded, never listed in an evidence package, until a
         rescan (the ``rescan_evidence`` job) finds it clean (the default in production)
``refuse`` the sending is refused, nothing kept, the sender told to try again later
``accept`` kept and handed over unscanned (the default in development and tests)
======== ==================================================================================

An infected file is never kept, whatever the policy: the whole sending is refused, as a file of
a refused type refuses it (:class:`FileInfected`, naming the field and the file, never the
signature). A kept file found infected by a later rescan is quarantined: its bytes removed,
its record marked. A file recorded before scanning existed has no state and is treated as
held until a rescan.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from graph.attachments.kinds import FileProblem, FileRefused, Reason
from graph.errors import ScanUnavailable


class Verdict(enum.StrEnum):
    CLEAN = "clean"
    INFECTED = "infected"
    NOT_SCANNED = "not_scanned"


class Unscanned(enum.StrEnum):
    """What the hub does with a file it could not scan (see the module docstring)."""

    HOLD = "hold"
    REFUSE = "refuse"
    ACCEPT = "accept"


class FileState(enum.StrEnum):
    """An evidence file's state as the graph records it (``EvidenceFile.scan_state``)."""

    CLEAN = "clean"
    HELD = "held"
    ACCEPTED = "accepted_unscanned"
    QUARANTINED = "quarantined"


HANDED_OVER = frozenset({FileState.CLEAN, FileState.ACCEPTED})


@dataclass(frozen=True, slots=True)
class ScannerVersion:
    """clamd's engine, and its signature database's version and date when it says them."""

    engine: str
    signatures: int | None = None
    signatures_at: datetime | None = None

    def __str__(self) -> str:
        if self.signatures is None:
            return f"{self.engine} (signature database version unknown)"
        dated = f" of {self.signatures_at:%Y-%m-%d}" if self.signatures_at else ""
        return f"{self.engine}, signatures {self.signatures}{dated}"


@dataclass(frozen=True, slots=True)
class Scan:
    """One scan's verdict: the signature found, or why the file could not be scanned, and
    which scanner (its version) gave it."""

    verdict: Verdict
    signature: str | None = None
    why: str | None = None
    scanner: str | None = None

    @classmethod
    def clean(cls) -> Scan:
        return cls(Verdict.CLEAN)

    @classmethod
    def infected(cls, signature: str) -> Scan:
        return cls(Verdict.INFECTED, signature=signature)

    @classmethod
    def not_scanned(cls, why: str) -> Scan:
        return cls(Verdict.NOT_SCANNED, why=why)

    def by(self, version: ScannerVersion | str) -> Scan:
        return replace(self, scanner=str(version))


NO_SCANNER = Scan.not_scanned("no scanner is configured (OHCH_CLAMD)")


def kept_as(scan: Scan, policy: Unscanned) -> FileState | None:
    """The state a file sent now is kept in, or ``None``: it is not kept."""
    if scan.verdict is Verdict.CLEAN:
        return FileState.CLEAN
    if scan.verdict is Verdict.INFECTED or policy is Unscanned.REFUSE:
        return None
    return FileState.HELD if policy is Unscanned.HOLD else FileState.ACCEPTED


def rescanned_as(scan: Scan, policy: Unscanned) -> FileState:
    """The state a kept file moves to when it is scanned again."""
    if scan.verdict is Verdict.CLEAN:
        return FileState.CLEAN
    if scan.verdict is Verdict.INFECTED:
        return FileState.QUARANTINED
    return FileState.ACCEPTED if policy is Unscanned.ACCEPT else FileState.HELD


class FileInfected(FileRefused):
    """Files a scan found malware in: the sending is refused (HTTP 422), each problem naming
    the field and the file but never the signature (that goes to the audit trail)."""


@dataclass(frozen=True, slots=True)
class Scanned:
    """One file of a sending and its scan."""

    field: str
    name: str
    sha256: str
    scan: Scan


def judge(scanned: Sequence[Scanned], policy: Unscanned) -> dict[str, FileState]:
    """Each file's state, by SHA-256, if the sending may be kept: :class:`FileInfected` naming
    every infected file if any is; :class:`~graph.errors.ScanUnavailable` naming every file
    not scanned if the policy refuses them."""
    infected = [s for s in scanned if s.scan.verdict is Verdict.INFECTED]
    if infected:
        raise FileInfected(
            [
                FileProblem(
                    s.field,
                    f"{s.name!r} was refused: it contains malware",
                    reason=Reason.MALWARE,
                    name=s.name,
                )
                for s in infected
            ]
        )
    states = {s.sha256: kept_as(s.scan, policy) for s in scanned}
    unscanned = [s for s in scanned if states[s.sha256] is None]
    if unscanned:
        named = ", ".join(f"{s.field} ({s.name!r})" for s in unscanned)
        raise ScanUnavailable(
            f"the files could not be checked for viruses just now ({named}): send them again later"
        )
    return {key: state for key, state in states.items() if state is not None}


def record(scan: Scan, state: FileState) -> dict[str, Any]:
    """What the graph records of a file's scan (``EvidenceFile.scan_*``)."""
    return {
        "state": state.value, "verdict": scan.verdict.value, "signature": scan.signature,
        "why": scan.why, "scanner": scan.scanner,
    }  # fmt: skip


def withheld_because(state: str | None, signature: str | None = None) -> str | None:
    """Why the hub may not hand a file over (download, evidence package), or ``None``."""
    if state in HANDED_OVER:
        return None
    if state == FileState.QUARANTINED:
        found = f" ({signature})" if signature else ""
        return (
            f"was found to contain malware{found} and is quarantined: the hub no longer holds "
            "its bytes"
        )
    return "has not been checked for viruses yet: it is held until a scan finds it clean"
