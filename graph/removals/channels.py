"""How a pack reaches a platform: the adapter a platform's own API plugs into.

Today packs are handed over: an officer sends the pack folder through the platform's
law-enforcement channel (its contact is in the manifest). A platform that offers an API gets a
:class:`PlatformApi` (``OHCH_PLATFORM_API_ENDPOINTS``): the pack is posted as JSON with the
platform's bearer token, and the platform's receipt (one ticket a referral) acknowledges the
referrals in the graph. A delivery that fails changes nothing in the graph; the pack can be
delivered again (``ohch export referrals --pack ID``), and the platform sees the same pack id.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from graph.errors import GraphUnavailable

TIMEOUT_S = 30.0


class DeliveryFailed(GraphUnavailable):
    """The platform did not take the pack; nothing changed, deliver it again later."""


@dataclass(frozen=True, slots=True)
class Delivery:
    channel: str
    receipt: str | None  # the platform's id for the pack, when it gave one
    tickets: Mapping[str, str]  # referral id -> the platform's ticket
    note: str


class Channel(Protocol):
    name: str

    def deliver(self, pack_id: str, files: Mapping[str, bytes], contact: str) -> Delivery: ...


class HandOver:
    """The pack is the delivery: an officer hands the folder to the platform's channel."""

    name = "hand-over"

    def deliver(self, pack_id: str, files: Mapping[str, bytes], contact: str) -> Delivery:
        return Delivery(self.name, None, {}, f"hand pack {pack_id} to {contact}")


class PlatformApi:
    """POST ``{"pack_id", "manifest", "referrals"}`` to the platform's endpoint; a 2xx answer
    ``{"receipt": ..., "tickets": {referral id: ticket}}`` acknowledges the referrals."""

    name = "platform-api"

    def __init__(self, endpoint: str, token: str | None) -> None:
        self.endpoint = endpoint
        self.token = token

    def deliver(self, pack_id: str, files: Mapping[str, bytes], contact: str) -> Delivery:
        referrals = [json.loads(line) for line in files["referrals.jsonl"].splitlines()]
        body = json.dumps(
            {
                "pack_id": pack_id,
                "manifest": json.loads(files["manifest.json"]),
                "referrals": referrals,
            }
        ).encode()
        headers = {"Content-Type": "application/json", "Idempotency-Key": pack_id}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST")  # noqa: S310 - a configured https endpoint
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as reply:  # noqa: S310
                answer = json.loads(reply.read() or b"{}")
        except (OSError, ValueError) as error:
            raise DeliveryFailed(f"the platform did not take pack {pack_id}: {error}") from None
        tickets = answer.get("tickets") if isinstance(answer, dict) else None
        if not isinstance(tickets, dict):
            raise DeliveryFailed(f"the platform's answer to pack {pack_id} names no tickets")
        return Delivery(
            self.name,
            str(answer.get("receipt")) if answer.get("receipt") is not None else None,
            {str(k): str(v) for k, v in tickets.items()},
            f"delivered to {self.endpoint}",
        )


def channel_for(platform: str, endpoints: Mapping[str, str], tokens: Mapping[str, str]) -> Channel:
    endpoint = endpoints.get(platform)
    return PlatformApi(endpoint, tokens.get(platform)) if endpoint else HandOver()
