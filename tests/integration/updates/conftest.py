"""A real SMTP server (aiosmtpd) on a free loopback port, and what it received."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from graph.updates.channels import SmtpChannel, SmtpConfig

SENDER = "updates@hub.example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    """What the server received; ``refuse`` makes it answer the next DATA commands with an
    SMTP error (code and text) instead."""

    received: list[EmailMessage] = field(default_factory=list)
    refuse: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.refuse:
            return self.refuse.pop(0)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.received.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.received if m["X-Envelope-To"] == address]

    def subjects(self, address: str) -> list[str]:
        """Subjects as a mail client shows them (a folded long one unfolded)."""
        return sorted(str(m["Subject"]).strip() for m in self.to(address))


@dataclass
class SmtpServer:
    port: int
    mailbox: Mailbox
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def config(self) -> SmtpConfig:
        return SmtpConfig("127.0.0.1", self.port, SENDER, False, None, None)

    @property
    def channel(self) -> SmtpChannel:
        return SmtpChannel(self.config)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port(), mailbox=Mailbox())
    server.start()
    yield server
    server.stop()
