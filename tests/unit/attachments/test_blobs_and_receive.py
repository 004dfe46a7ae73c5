"""The disk store keeps each content once, by SHA-256, private to the hub's user; a sending is
checked whole before anything is kept, and a file sent twice in it is one file."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from graph.attachments.blobs import BlobStore, DiskBlobStore
from graph.attachments.kinds import FileTooLarge, FileTypeNotAllowed, Limits
from graph.attachments.models import Upload
from graph.attachments.receive import prepare
from graph.errors import InvalidInput, InvalidValue, NotFound
from tests.unit.attachments.pictures import encoded, picture

LIMITS = Limits(image=2_000_000, pdf=1_000_000, video=5_000_000)
PNG = encoded(picture(3, "hello|there"))
PDF = b"%PDF-1.4\n" + b"x" * 500


def test_put_returns_the_sha256_and_lays_the_file_out_by_it(tmp_path: Path) -> None:
    store: BlobStore = DiskBlobStore(tmp_path / "evidence")
    key = store.put(PNG)
    assert key == hashlib.sha256(PNG).hexdigest()
    path = tmp_path / "evidence" / key[:2] / key[2:4] / key
    assert path.read_bytes() == PNG
    assert store.get(key) == PNG
    assert store.exists(key)
    assert store.size(key) == len(PNG)


def test_files_are_0600_in_folders_0700_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path / "evidence")
    key = store.put(PDF)
    path = store.path(key)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, tmp_path / "evidence"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [key]


def test_the_same_bytes_are_kept_once(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path)
    assert store.put(PDF) == store.put(PDF)
    assert sum(1 for p in tmp_path.rglob("*") if p.is_file()) == 1


def test_an_unknown_key_is_not_found_and_a_malformed_key_is_refused(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path)
    with pytest.raises(NotFound):
        store.get("a" * 64)
    assert not store.exists("a" * 64)
    for bad in ("../" + "a" * 61, "A" * 64, "a" * 63):
        with pytest.raises(InvalidValue, match="sha256"):
            store.get(bad)


def _upload(i: int, name: str, data: bytes, declared: str | None = "image/png") -> Upload:
    return Upload(f"files[{i}]", name, declared, data)


def test_a_sending_is_checked_from_the_bytes_and_images_are_hashed() -> None:
    sent = prepare([_upload(0, "a.pdf", PNG, "application/pdf"), _upload(1, "b.png", PDF)], LIMITS)
    assert [(s.media_type, s.declared_name, s.declared_type) for s in sent] == [
        ("image/png", "a.pdf", "application/pdf"),
        ("application/pdf", "b.png", "image/png"),
    ]
    assert sent[0].pdq is not None
    assert sent[0].pdq_quality is not None
    assert len(sent[0].pdq_crops) > 0
    assert sent[1].pdq is None
    assert sent[1].pdq_crops == ()


def test_a_file_sent_twice_in_one_sending_is_one_file() -> None:
    sent = prepare([_upload(0, "a.png", PNG), _upload(1, "copy.png", PNG)], LIMITS)
    assert [(s.index, s.declared_name) for s in sent] == [(0, "a.png")]


def test_every_refused_file_is_named_at_once_and_a_wrong_type_wins() -> None:
    uploads = [
        _upload(0, "big.png", PNG[:64] + b"\x00" * 2_000_000),
        _upload(1, "ok.png", PNG),
        _upload(2, "page.html", b"<html></html>"),
    ]
    with pytest.raises(FileTypeNotAllowed) as refused:
        prepare(uploads, LIMITS)
    assert [p.field for p in refused.value.problems] == ["files[0]", "files[2]"]
    with pytest.raises(FileTooLarge):
        prepare(uploads[:2], LIMITS)


def test_no_files_too_many_files_and_overlong_names_are_named() -> None:
    with pytest.raises(InvalidInput, match="files: send at least one file"):
        prepare([], LIMITS)
    with pytest.raises(InvalidInput, match="at most 20 files"):
        prepare([_upload(i, "a.png", PNG) for i in range(21)], LIMITS)
    with pytest.raises(
        InvalidInput, match=r"files\[0\]: its file name is longer than 255 characters"
    ):
        prepare([_upload(0, "a" * 256, PNG)], LIMITS)
