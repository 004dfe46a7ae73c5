"""The hub's Ed25519 key for evidence packages: where it lives, its public half, fingerprint.

``OHCH_EVIDENCE_SIGNING_KEY`` (``Settings.evidence_signing_key``) names a PEM file holding the
private key (PKCS#8, unencrypted: protect the file, 0600). Unset outside production, the key is
made on first use at ``.ohch/keys/evidence-signing.pem`` (0600, folder 0700) so development and
tests need no set up; in production it must be set.

The fingerprint a force pins is ``SHA256:`` and the hex SHA-256 of the raw 32-byte public key.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from graph.durable_files import create_private
from graph.errors import OhchError
from graph.settings import Environment, Settings

ENV_VAR = "OHCH_EVIDENCE_SIGNING_KEY"
DEV_KEY = Path(".ohch/keys/evidence-signing.pem")


class SigningKeyError(OhchError):
    """The signing key is missing, unreadable or not an Ed25519 private key."""


def key_path(settings: Settings) -> Path:
    """The private key's file: ``OHCH_EVIDENCE_SIGNING_KEY``, else (not in production) the
    development key's place."""
    if settings.evidence_signing_key is not None:
        return settings.evidence_signing_key
    if settings.env is Environment.PRODUCTION:
        raise SigningKeyError(
            f"{ENV_VAR} is not set: production signs evidence packages with the hub's key file"
        )
    return DEV_KEY


def load_private_key(path: Path, create: bool) -> Ed25519PrivateKey:
    """The key in ``path``; with ``create``, a new one written there first when none exists."""
    if create and not path.exists():
        create_key(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningKeyError(f"cannot read the evidence signing key {path}: {error}") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(f"{path} is not an unencrypted PEM private key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def hub_key(settings: Settings) -> Ed25519PrivateKey:
    """The hub's signing key as configured (made on first use outside production)."""
    path = key_path(settings)
    production = settings.env is Environment.PRODUCTION
    return load_private_key(path, create=path == DEV_KEY and not production)


def create_key(path: Path) -> None:
    """Write a new private key to ``path`` (0600; kept if one appeared there meanwhile)."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    create_private(path, pem)  # kept if another process made one meanwhile


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key(data: bytes) -> Ed25519PublicKey:
    """A public key from PEM bytes; ``ValueError`` if it is not an Ed25519 public key."""
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"a {type(key).__name__}, not an Ed25519 public key")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "SHA256:" + hashlib.sha256(raw).hexdigest()
