"""The signed folder: write a package's files with their manifest and signature, and verify one.

``manifest.json`` lists every other file (but ``manifest.sig``) with its SHA-256 and size, the
case, the recipient, ``as_of``, every evidence file sent with the case's reports (SHA-256, size,
media type and the reports it came with: :func:`evidence_listing`; the files themselves stay
in the hub) and the signing key's fingerprint; ``manifest.sig`` is the
base64 Ed25519 signature over manifest.json's exact bytes. Ed25519 signatures are
deterministic, so the same files and key give the same folder byte for byte.

Verification, in order, stops at the first bad file and names it: the package's
``public_key.pem`` (which must be the key given to verify with, if one is: pin the hub's key),
the signature over the manifest's exact bytes, the manifest's shape and key fingerprint, then
each listed file's size and hash; a file in the folder the manifest does not list is bad too.
A signature that fails cannot say whether the manifest or the signature changed, so both are
named.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from graph.durable_files import fsync_dir, write_synced
from graph.errors import Conflict
from graph.evidence.signing import fingerprint, load_public_key, public_pem

SCHEMA = "ohch-evidence-package/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "public_key.pem"


def canonical(value: Any) -> bytes:
    """JSON with sorted keys, two-space indents and a final newline: one form for one value."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(files: Mapping[str, bytes], about: Mapping[str, Any], key_print: str) -> bytes:
    listed = [
        {"name": name, "sha256": sha256(data), "bytes": len(data)}
        for name, data in sorted(files.items())
    ]
    return canonical({"schema": SCHEMA, **about, "signing_key": key_print, "files": listed})


def evidence_listing(files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The case's evidence files as the manifest lists them: by SHA-256, each once, its
    reports' references sorted, so the same files give the same bytes."""
    by_key = {f["sha256"]: f for f in files}
    return [
        {"sha256": key, "bytes": by_key[key]["bytes"], "media_type": by_key[key]["media_type"],
         "reports": sorted(by_key[key]["reports"])}
        for key in sorted(by_key)
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Written:
    folder: Path
    manifest_sha256: str
    key_fingerprint: str


def write_package(
    folder: Path, files: Mapping[str, bytes], about: Mapping[str, Any], key: Ed25519PrivateKey
) -> Written:
    """Write ``files``, the public key, the manifest and its signature into ``folder`` (new or
    empty: a package is never overwritten), each fsync'd."""
    if folder.exists() and any(folder.iterdir()):
        raise Conflict(f"{folder} is not empty; a package is never written over another")
    public = key.public_key()
    everything = {**files, PUBLIC_KEY: public_pem(public)}
    key_print = fingerprint(public)
    manifest = manifest_bytes(everything, about, key_print)
    signature = base64.b64encode(key.sign(manifest)) + b"\n"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name, data in sorted({**everything, MANIFEST: manifest, SIGNATURE: signature}.items()):
        write_synced(folder / name, data)
    fsync_dir(folder)
    return Written(folder, sha256(manifest), key_print)


@dataclass(frozen=True, slots=True)
class Verdict:
    """``bad`` names the first file that failed (None: every check passed)."""

    bad: str | None
    reason: str
    key_fingerprint: str | None = None
    manifest_sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.bad is None


def verify_package(folder: Path, public_key_pem: bytes | None = None) -> Verdict:
    """Check a package folder; see the module docstring for the order of checks."""
    try:
        shipped = (folder / PUBLIC_KEY).read_bytes()
    except OSError:
        return Verdict(PUBLIC_KEY, "is missing")
    try:
        key = load_public_key(shipped)
    except ValueError as error:
        return Verdict(PUBLIC_KEY, f"is not a usable Ed25519 public key: {error}")
    key_print = fingerprint(key)
    if public_key_pem is not None:
        try:
            pinned = fingerprint(load_public_key(public_key_pem))
        except ValueError as error:
            return Verdict("--public-key", f"is not an Ed25519 public key: {error}")
        if pinned != key_print:
            return Verdict(PUBLIC_KEY, f"is {key_print}, not the key given ({pinned})")
    try:
        manifest = (folder / MANIFEST).read_bytes()
    except OSError:
        return Verdict(MANIFEST, "is missing", key_print)
    try:
        signed = (folder / SIGNATURE).read_bytes()
        signature = base64.b64decode(signed.removesuffix(b"\n"), validate=True)
    except OSError:
        return Verdict(SIGNATURE, "is missing", key_print)
    except binascii.Error:
        return Verdict(SIGNATURE, "is not base64", key_print)
    if base64.b64encode(signature) + b"\n" != signed:
        return Verdict(SIGNATURE, "is not exactly one base64 line", key_print)
    try:
        key.verify(signature, manifest)
    except InvalidSignature:
        if _claimed_key(manifest) not in (None, key_print):
            return Verdict(
                PUBLIC_KEY,
                "is not the key the manifest names (or the manifest's key line was changed)",
                key_print,
            )
        return Verdict(
            f"{MANIFEST} (or {SIGNATURE})",
            "the signature does not verify: the manifest or its signature was changed, or "
            "another key signed it",
            key_print,
        )
    return _check_files(folder, manifest, key_print)


def _claimed_key(manifest: bytes) -> str | None:
    """The key fingerprint an (unverified) manifest names, if it can be read."""
    try:
        claimed = orjson.loads(manifest).get("signing_key")
    except (orjson.JSONDecodeError, AttributeError):
        return None
    return claimed if isinstance(claimed, str) else None


def _check_files(folder: Path, manifest: bytes, key_print: str) -> Verdict:
    digest = sha256(manifest)
    try:
        listed = orjson.loads(manifest)
        files = [(f["name"], f["sha256"], f["bytes"]) for f in listed["files"]]
        signed_print = listed["signing_key"]
    except (orjson.JSONDecodeError, KeyError, TypeError) as error:
        return Verdict(MANIFEST, f"is not a package manifest: {error}", key_print, digest)
    if signed_print != key_print:
        return Verdict(MANIFEST, f"names the key {signed_print}, not {key_print}", key_print)
    for name, expected, size in files:
        path = folder / name
        if Path(name).name != name or name in (MANIFEST, SIGNATURE):
            return Verdict(MANIFEST, f"lists {name!r}, which no package holds", key_print)
        try:
            data = path.read_bytes()
        except OSError:
            return Verdict(name, "is missing", key_print, digest)
        if len(data) != size or sha256(data) != expected:
            return Verdict(name, "does not match its SHA-256 in the manifest", key_print, digest)
    known = {name for name, _, _ in files} | {MANIFEST, SIGNATURE}
    for extra in sorted(os.listdir(folder)):
        if extra not in known:
            return Verdict(extra, "is not in the manifest", key_print, digest)
    return Verdict(None, "the signature verifies and every file matches", key_print, digest)
