"""``ohch evidence CASE_ID --out DIR``, ``ohch evidence verify DIR``, ``ohch evidence
public-key``: a case's signed evidence package for a force, its check, and the hub's key.

``docs/EVIDENCE.md`` says what a force receives and how it verifies it. Producing a package is
a disclosure, logged in the audit trail (``OHCH_AUDIT_LOG``); the key is the file
``OHCH_EVIDENCE_SIGNING_KEY`` names (made at ``.ohch/keys/`` on first use outside production).
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from cli.common import connected, moment, reported_errors, settings
from graph.audit.log import AuditLog
from graph.evidence import produce as producing
from graph.evidence.manifest import verify_package
from graph.evidence.signing import fingerprint, hub_key, public_pem


class _CaseFirst(TyperGroup):
    """``ohch evidence CASE_ID ...`` means ``ohch evidence produce CASE_ID ...``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click Context
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["produce", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_CaseFirst,
    help="Evidence packages: 'ohch evidence CASE_ID --out DIR' produces one for the case's "
    "force; 'verify' checks one; 'public-key' prints the hub's key to pin.",
    no_args_is_help=True,
)


@app.command("produce")
def produce(
    case_id: str = typer.Argument(..., help="The case, e.g. case:content:rpt-..."),
    out: Path = typer.Option(..., "--out", help="A new (or empty) folder for the package"),
    force: str | None = typer.Option(
        None, "--force", help="The recipient force's code (default: the case's assigned force)"
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="The package's time, ISO 8601 with a zone (default: the latest time the case "
        "records, so the same state gives the same bytes)",
    ),
    actor: str = typer.Option(getpass.getuser(), help="Who produces it (for the audit trail)"),
) -> None:
    """Produce a case's signed evidence package for a force (logged as a disclosure)."""
    config = settings()
    when = moment(as_of, "--as-of")
    with connected(config) as graph, reported_errors():
        made = producing.produce(
            graph, case_id, out, actor=actor, key=hub_key(config),
            audit_log=AuditLog(config.audit_log), recipient_force=force, as_of=when,
        )  # fmt: skip
    typer.echo(f"evidence package for {made.recipient['name']} ({made.recipient['code']}) in {out}")
    typer.echo(f"as of {made.as_of.isoformat()}; manifest sha256 {made.manifest_sha256}")
    typer.echo(f"signed by {made.key_fingerprint}; audit record {made.audit_seq}")
    typer.echo(f"receipt: {made.receipt}")


@app.command("verify")
def verify(
    folder: Path = typer.Argument(..., help="The package's folder"),
    public_key: Path | None = typer.Option(
        None, "--public-key", help="The hub's public key (PEM) to verify with (recommended)"
    ),
) -> None:
    """Exit 0 when the manifest's signature verifies and every file matches; exit 1 naming the
    first bad file otherwise."""
    pinned = public_key.read_bytes() if public_key is not None else None
    verdict = verify_package(folder, pinned)
    if not verdict.ok:
        typer.secho(f"BAD {verdict.bad}: {verdict.reason}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)
    typer.echo(f"OK: {verdict.reason}")
    typer.echo(f"signed by {verdict.key_fingerprint}; manifest sha256 {verdict.manifest_sha256}")
    if pinned is None:
        typer.echo(
            "checked with the package's own public_key.pem: compare the fingerprint above with "
            "the hub's published one, or pass --public-key"
        )


@app.command("public-key")
def public_key(
    out: Path | None = typer.Option(None, "--out", help="Also write the PEM to this file"),
) -> None:
    """Print the fingerprint of the hub's evidence signing key and its public key (PEM)."""
    with reported_errors():
        key = hub_key(settings()).public_key()
    pem = public_pem(key)
    if out is not None:
        out.write_bytes(pem)
    typer.echo(fingerprint(key))
    typer.echo(pem.decode().rstrip())
