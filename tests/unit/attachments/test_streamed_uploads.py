"""Evidence files received a chunk at a time (``graph/attachments/spool.py``): hashed as they
are written into the store's folder, refused the moment they pass their limit with nothing left
behind, moved into place whole, and never held in memory."""

from __future__ import annotations

import hashlib
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.attachments.blobs import DiskBlobStore
from graph.attachments.kinds import FileTooLarge, FileTypeNotAllowed, Limits, MediaType
from graph.attachments.spool import INCOMING, receive

MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
MB = 1024 * 1024
LIMITS = Limits(image=10 * MB, pdf=10 * MB, video=200 * MB)


def video(total: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """An MP4's head, then ``total`` bytes in all, made a chunk at a time (never whole)."""
    yield MP4_HEAD + b"\x00" * 64
    sent = len(MP4_HEAD) + 64
    block = bytes(range(256)) * (chunk // 256)
    while sent < total:
        piece = block[: min(chunk, total - sent)]
        sent += len(piece)
        yield piece


def test_a_50_mb_video_is_kept_without_being_held_in_memory(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path / "evidence")
    expected = hashlib.sha256()
    for chunk in video(50 * MB):
        expected.update(chunk)
    tracemalloc.start()
    try:
        spooled = receive(video(50 * MB), "files[0]", "clip.mp4", store, LIMITS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * MB  # the file is 50 MB
    assert (spooled.size, spooled.sha256) == (50 * MB, expected.hexdigest())
    assert spooled.media_type is MediaType.MP4
    assert spooled.path.parent == store.root / INCOMING  # the store's own file system
    key = spooled.keep()
    assert store.size(key) == 50 * MB
    assert not spooled.path.exists()
    assert list((store.root / INCOMING).iterdir()) == []


def test_a_file_past_its_limit_is_refused_naming_the_field_and_nothing_is_left(
    tmp_path: Path,
) -> None:
    store = DiskBlobStore(tmp_path / "evidence")
    small = Limits(image=MB, pdf=MB, video=3 * MB)
    taken: list[int] = []

    def counted() -> Iterator[bytes]:
        for chunk in video(50 * MB):
            taken.append(len(chunk))
            yield chunk

    with pytest.raises(FileTooLarge) as refused:
        receive(counted(), "files[2]", "long.mp4", store, small)
    problem = refused.value.problems[0]
    assert problem.field == "files[2]"
    assert "may be at most 3,145,728 bytes" in problem.message
    assert sum(taken) < 6 * MB + 128 * 1024  # abandoned at twice the limit, not at 50 MB
    assert list((store.root / INCOMING).iterdir()) == []
    assert [p for p in store.root.rglob("*") if p.is_file()] == []


def test_a_type_the_hub_does_not_take_is_refused_from_its_first_bytes(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path / "evidence")
    with pytest.raises(FileTypeNotAllowed) as refused:
        receive(iter([b"MZ" + b"\x00" * 200, b"\x00" * MB]), "files[0]", "a.exe", store, LIMITS)
    assert refused.value.problems[0].field == "files[0]"
    assert list((store.root / INCOMING).iterdir()) == []


def test_the_same_bytes_twice_are_kept_once(tmp_path: Path) -> None:
    store = DiskBlobStore(tmp_path / "evidence")
    first = receive(video(MB), "files[0]", "a.mp4", store, LIMITS).keep()
    again = receive(video(MB), "files[1]", "b.mp4", store, LIMITS)
    assert again.keep() == first
    assert not again.path.exists()
    assert len([p for p in store.root.rglob("*") if p.is_file()]) == 1
