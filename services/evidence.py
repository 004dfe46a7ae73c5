"""A case's signed evidence package, downloaded from the case page by the force it is for.

The package is the one ``ohch evidence`` produces (``graph/evidence/produce.py``): the case as
of the latest time it records, as JSON and PDF, with the hub's public key, the manifest and its
Ed25519 signature, handed over as one ZIP so a force keeps what verifies it
(``ohch evidence verify``). Each download is a disclosure to the recipient force and is logged
as one in the audit trail (DPA 2018 s62) before a byte is handed over; if it cannot be logged
nothing is.

Who may have it: hub staff who work cases, for the force the case is assigned to; a force
officer for their own force, when the case is assigned or notified to it (the package's own
rule, ``graph/evidence/gather.py``: another force is refused).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph import access
from graph.access import Capability
from graph.audit.log import AuditLog
from graph.errors import Forbidden
from graph.evidence import produce as producing
from graph.evidence.manifest import write_package
from graph.evidence.signing import hub_key
from graph.settings import Settings
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "evidence_package": Capability.FORCE_CASES,  # then hub case-work, or the recipient force
}


@dataclass(frozen=True, slots=True)
class PackageDownload:
    """The signed package as a ZIP, and what the audit trail recorded of handing it over."""

    filename: str
    data: bytes
    recipient_code: str
    recipient_name: str
    manifest_sha256: str
    audit_seq: int


def _zipped(folder: Path, top: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(f"{top}/{path.name}", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _recipient(caller: Caller, case_id: str) -> str:
    viewer = caller.viewer
    if viewer.is_hub_staff:
        access.require(viewer, Capability.HUB_CASEWORK)
        return producing.assigned_force(caller.graph, case_id)
    if viewer.force_code is None:
        raise Forbidden("only hub staff or the case's force receive its evidence package")
    return viewer.force_code


@use_case
def evidence_package(
    caller: Caller, case_id: str, settings: Settings, audit_log: AuditLog, endpoint: str
) -> PackageDownload:
    """The case's signed package for the viewer's force (hub staff: the assigned force),
    signed with the hub's key and logged as a disclosure by ``endpoint`` before it is
    returned."""
    viewer = caller.viewer
    made = producing.package(caller.graph, case_id, _recipient(caller, case_id))
    key = hub_key(settings)
    top = "evidence-package-" + case_id.replace(":", "-")
    with tempfile.TemporaryDirectory(prefix="ohch-evidence-") as scratch:
        written = write_package(Path(scratch) / top, made.files, made.about, key)
        data = _zipped(written.folder, top)
    event = producing.disclosure(made, viewer.user_id, written.manifest_sha256).model_copy(
        update={"role": viewer.role.value, "force_code": viewer.force_code, "endpoint": endpoint}
    )
    record = audit_log.append(event)
    return PackageDownload(
        filename=f"{top}.zip", data=data, recipient_code=made.recipient["code"],
        recipient_name=made.recipient["name"], manifest_sha256=written.manifest_sha256,
        audit_seq=record.seq,
    )  # fmt: skip
