"""Send a platform's approved referrals as one pack: marked sent in the graph, written to disk,
and logged in the audit trail as a disclosure to the platform."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.db import Graph
from graph.errors import InvalidValue, NotFound
from graph.platforms import platform as registered_platform
from graph.removals import store
from graph.removals.channels import Channel, Delivery, HandOver
from graph.removals.lifecycle import Status
from graph.removals.packs import CSV_COLUMNS, Pack, write_pack
from graph.removals.policy import removal_policy
from graph.viewer import Role


@dataclass(frozen=True, slots=True)
class Sent:
    pack: Pack
    delivery: Delivery


def send_pack(
    graph: Graph,
    platform: str,
    out: Path,
    actor: str,
    now: datetime,
    audit_log: AuditLog,
    pack_id: str | None = None,
    channel: Channel | None = None,
) -> Sent | None:
    """Send what is approved for ``platform`` (None: nothing was), or with ``pack_id`` write
    that pack again (after a crash, or for another copy): identical bytes either way. The pack
    then goes through ``channel`` (default: handed over); a platform's tickets acknowledge its
    referrals. A delivery that fails raises :class:`DeliveryFailed` and changes nothing more."""
    known = registered_platform(platform)  # refuses an unknown platform by name
    if pack_id is None:
        pack_id, referrals = store.send_pack(graph, known.id, actor, now)
        if not referrals:
            return None
    else:
        referrals = store.pack_members(graph, pack_id)
        if not referrals:
            raise NotFound(f"no pack {pack_id!r} was sent")
        if any(r.platform != known.id for r in referrals):
            raise InvalidValue("--platform", f"pack {pack_id} was sent to another platform")
    pack = write_pack(out, known.id, pack_id, referrals, removal_policy().terms(known.id))
    delivery = (channel or HandOver()).deliver(
        pack_id, {f.name: f.read_bytes() for f in pack.folder.iterdir()}, known.removal_contact
    )
    for referral in referrals:
        ticket = delivery.tickets.get(referral.id)
        if ticket is not None and store.get(graph, referral.id).status is Status.SENT:
            store.step(graph, referral.id, Status.ACKNOWLEDGED, actor, now, delivery.note, ticket)
    audit_log.append(
        AuditEvent(
            operation=Operation.DISCLOSURE,
            actor=actor,
            role=Role.ADMIN.value,
            endpoint="cli:export referrals",
            accessed=(
                Accessed(
                    kind="RemovalReferral",
                    ids=tuple(r.id for r in referrals),
                    fields=CSV_COLUMNS,
                ),
            ),
            recipients=(f"{known.company}: {known.removal_contact}",),
            details={
                "pack_id": pack_id,
                "platform": known.id,
                "referrals": pack.count,
                "manifest_sha256": pack.manifest_sha256,
                "already_written": int(pack.already_existed),
                "channel": delivery.channel,
                "receipt": delivery.receipt,
            },
        )
    )
    return Sent(pack, delivery)
