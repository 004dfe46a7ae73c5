"""The hub's files in a backup: every stored evidence file copied in its layout, a writer's
temporary file left out, and restored only where missing, each copy checked against its name;
the journal's waiting entries counted apart from its quarantined lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.attachments.blobs import DiskBlobStore
from graph.backup import hub_files
from graph.backup.manifest import BackupError
from ingest.journal import DRAINING_PREFIX, PENDING, QUARANTINE, REVIEWED_PREFIX, Journal


def test_evidence_files_are_copied_and_restored_where_missing(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path / "evidence")
    keys = [store.put(b"screenshot one"), store.put(b"a second picture")]
    temp = store.path(keys[0]).parent / f".{keys[0]}.0123456789abcdef.tmp"
    temp.write_bytes(b"half written")

    copied = hub_files.copy_evidence(tmp_path / "evidence", tmp_path / "backup" / "evidence")
    assert copied == 2
    assert not list((tmp_path / "backup").rglob("*.tmp"))

    restored = DiskBlobStore(tmp_path / "restored")
    restored.put(b"screenshot one")  # already there: left as it is
    placed = hub_files.restore_evidence(tmp_path / "backup" / "evidence", tmp_path / "restored")
    assert placed == 1
    assert [restored.get(k) for k in keys] == [b"screenshot one", b"a second picture"]
    assert (restored.path(keys[1]).stat().st_mode & 0o777) == 0o600


def test_a_copy_whose_bytes_are_not_its_name_is_refused(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path / "evidence")
    key = store.put(b"screenshot one")
    hub_files.copy_evidence(tmp_path / "evidence", tmp_path / "backup")
    copy = tmp_path / "backup" / store.path(key).relative_to(tmp_path / "evidence")
    copy.write_bytes(b"something else")
    with pytest.raises(BackupError, match="its bytes are not its name"):
        hub_files.restore_evidence(tmp_path / "backup", tmp_path / "restored")


def test_no_store_yet_is_nothing_to_copy(tmp_path: Path) -> None:
    assert hub_files.copy_evidence(tmp_path / "none", tmp_path / "backup") == 0


def test_a_journal_copy_counts_quarantined_lines_apart_from_entries(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    journal.append({"reference": "OHCH-2026-000001"})
    with journal.pending_file.open("ab") as handle:
        handle.write(b'{"reference": "OHCH-2026-0')  # a torn append
    journal.append({"reference": "OHCH-2026-000002"})
    assert journal.drain(lambda batch: None) == 2  # the torn line is quarantined
    journal.append({"reference": "OHCH-2026-000003"})  # waiting, as if Neo4j were down

    copied = hub_files.copy_journal(journal.directory, tmp_path / "backup")

    assert sorted(p.name for p in copied) == [PENDING, QUARANTINE]
    assert hub_files.journal_counts(copied) == {"entries": 1, "quarantined": 1}


def test_the_quarantine_is_named_as_the_journal_names_it() -> None:
    assert QUARANTINE.startswith(hub_files.QUARANTINE_PREFIX)
    assert REVIEWED_PREFIX.startswith(hub_files.QUARANTINE_PREFIX)
    assert not PENDING.startswith(hub_files.QUARANTINE_PREFIX)
    assert not DRAINING_PREFIX.startswith(hub_files.QUARANTINE_PREFIX)
