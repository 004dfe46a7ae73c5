"""The signed folder: written deterministically, verified, and any changed byte named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from graph.errors import Conflict
from graph.evidence.manifest import verify_package, write_package
from graph.evidence.signing import public_pem

FILES = {"package.json": b'{"case_id": "case:1"}\n', "package.pdf": b"%PDF-1.4 not really\n"}
ABOUT = {"case_id": "case:1", "recipient": {"code": "E23000005"}, "as_of": "2026-03-05T09:00:00Z"}
ALL = ("manifest.json", "manifest.sig", "package.json", "package.pdf", "public_key.pem")


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_the_same_files_and_key_give_the_same_folder(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    one = write_package(tmp_path / "one", FILES, ABOUT, key)
    two = write_package(tmp_path / "two", FILES, ABOUT, key)
    assert one.manifest_sha256 == two.manifest_sha256
    for name in ALL:
        assert (one.folder / name).read_bytes() == (two.folder / name).read_bytes()
    verdict = verify_package(one.folder, public_pem(key.public_key()))
    assert verdict.ok, verdict
    assert verdict.key_fingerprint == one.key_fingerprint


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("where", [0, -1, "middle"])
def test_one_changed_byte_anywhere_fails_and_names_the_file(
    tmp_path: Path, key: Ed25519PrivateKey, name: str, where: int | str
) -> None:
    folder = write_package(tmp_path / "pkg", FILES, ABOUT, key).folder
    data = bytearray((folder / name).read_bytes())
    at = len(data) // 2 if where == "middle" else int(where)
    data[at] ^= 0x01
    (folder / name).write_bytes(bytes(data))
    for pinned in (None, public_pem(key.public_key())):
        verdict = verify_package(folder, pinned)
        assert verdict.bad is not None
        assert name in verdict.bad, verdict


def test_another_hubs_key_a_missing_file_or_an_extra_one_fails(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    folder = write_package(tmp_path / "pkg", FILES, ABOUT, key).folder
    other = public_pem(Ed25519PrivateKey.generate().public_key())
    assert verify_package(folder, other).bad == "public_key.pem"
    extra = tmp_path / "extra"
    shutil.copytree(folder, extra)
    (extra / "notes.txt").write_text("added")
    assert verify_package(extra).bad == "notes.txt"
    (folder / "package.pdf").unlink()
    assert verify_package(folder).bad == "package.pdf"


def test_a_package_is_never_written_over_another(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    write_package(tmp_path / "pkg", FILES, ABOUT, key)
    with pytest.raises(Conflict):
        write_package(tmp_path / "pkg", FILES, ABOUT, key)
