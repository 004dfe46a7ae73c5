"""The virus-scan policy as a table: what each verdict makes of a file sent now and of a file
scanned again, under each policy for files that could not be scanned; a sending's judgement;
and whether a file in each state may be handed over."""

from __future__ import annotations

import pytest

from graph.attachments.scanning import (
    FileInfected,
    FileState,
    Scan,
    Scanned,
    Unscanned,
    judge,
    kept_as,
    record,
    rescanned_as,
    withheld_because,
)
from graph.errors import ScanUnavailable
from graph.settings import Environment, Settings

CLEAN = Scan.clean()
INFECTED = Scan.infected("Ohch.Test.Pattern")
DOWN = Scan.not_scanned("clamd at unix:///run/clamav/clamd.ctl is not answering")
HOLD, REFUSE, ACCEPT = Unscanned.HOLD, Unscanned.REFUSE, Unscanned.ACCEPT

# verdict, policy -> state a file sent now is kept in (None: the sending is refused)
SENT = [
    (CLEAN, HOLD, FileState.CLEAN),
    (CLEAN, REFUSE, FileState.CLEAN),
    (CLEAN, ACCEPT, FileState.CLEAN),
    (INFECTED, HOLD, None),
    (INFECTED, REFUSE, None),
    (INFECTED, ACCEPT, None),  # malware is never kept, whatever the policy
    (DOWN, HOLD, FileState.HELD),
    (DOWN, REFUSE, None),
    (DOWN, ACCEPT, FileState.ACCEPTED),
]
# verdict, policy -> state a kept file moves to when scanned again
RESCANNED = [
    (CLEAN, HOLD, FileState.CLEAN),
    (CLEAN, ACCEPT, FileState.CLEAN),
    (INFECTED, HOLD, FileState.QUARANTINED),
    (INFECTED, ACCEPT, FileState.QUARANTINED),
    (DOWN, HOLD, FileState.HELD),
    (DOWN, REFUSE, FileState.HELD),  # a kept file cannot be refused: it stays held
    (DOWN, ACCEPT, FileState.ACCEPTED),
]


@pytest.mark.parametrize(("scan", "policy", "state"), SENT)
def test_a_file_sent_now(scan: Scan, policy: Unscanned, state: FileState | None) -> None:
    assert kept_as(scan, policy) is state


@pytest.mark.parametrize(("scan", "policy", "state"), RESCANNED)
def test_a_file_scanned_again(scan: Scan, policy: Unscanned, state: FileState) -> None:
    assert rescanned_as(scan, policy) is state


def _sending(*scans: Scan) -> list[Scanned]:
    return [Scanned(f"files[{i}]", f"file {i}.png", f"{i:064x}", s) for i, s in enumerate(scans)]


def test_one_infected_file_refuses_the_whole_sending_naming_it_not_the_signature() -> None:
    with pytest.raises(FileInfected) as refused:
        judge(_sending(CLEAN, INFECTED, DOWN, INFECTED), ACCEPT)
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("files[1]", "'file 1.png' was refused: it contains malware"),
        ("files[3]", "'file 3.png' was refused: it contains malware"),
    ]
    assert "Ohch" not in str(refused.value)


def test_unscanned_files_refuse_the_sending_only_when_the_policy_refuses() -> None:
    with pytest.raises(ScanUnavailable, match=r"files\[1\] \('file 1.png'\)"):
        judge(_sending(CLEAN, DOWN), REFUSE)
    assert list(judge(_sending(CLEAN, DOWN), HOLD).values()) == [FileState.CLEAN, FileState.HELD]
    assert list(judge(_sending(CLEAN, DOWN), ACCEPT).values()) == [
        FileState.CLEAN, FileState.ACCEPTED
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("state", "handed_over"),
    [
        (FileState.CLEAN, True),
        (FileState.ACCEPTED, True),
        (FileState.HELD, False),
        (FileState.QUARANTINED, False),
        (None, False),  # recorded before the hub scanned files: held until a rescan
    ],
)
def test_only_clean_or_accepted_files_are_handed_over(
    state: FileState | None, handed_over: bool
) -> None:
    assert (withheld_because(state) is None) is handed_over


def test_why_a_file_is_withheld_is_said_to_staff() -> None:
    assert withheld_because(FileState.HELD) == (
        "has not been checked for viruses yet: it is held until a scan finds it clean"
    )
    assert withheld_because(FileState.QUARANTINED, "Win.Test.EICAR_HDB-1") == (
        "was found to contain malware (Win.Test.EICAR_HDB-1) and is quarantined: the hub no "
        "longer holds its bytes"
    )


def test_the_record_of_a_scan() -> None:
    scan = DOWN.by("ClamAV 1.4.6")
    assert record(scan, FileState.HELD) == {
        "state": "held", "verdict": "not_scanned", "signature": None,
        "why": "clamd at unix:///run/clamav/clamd.ctl is not answering",
        "scanner": "ClamAV 1.4.6",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("env", "setting", "policy"),
    [
        (Environment.PRODUCTION, None, HOLD),  # never hand over an unscanned public file
        (Environment.DEVELOPMENT, None, ACCEPT),
        (Environment.TEST, None, ACCEPT),
        (Environment.PRODUCTION, "refuse", REFUSE),
        (Environment.DEVELOPMENT, "hold", HOLD),
    ],
)
def test_the_default_policy_depends_on_the_environment(
    env: Environment, setting: str | None, policy: Unscanned
) -> None:
    settings = Settings().model_copy(update={"env": env, "evidence_unscanned": setting})
    assert settings.unscanned_policy is policy
