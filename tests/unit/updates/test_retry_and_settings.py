"""Backoff and retries (pure), and the SMTP settings read from the environment."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from graph.errors import InvalidInput
from graph.settings import Settings
from graph.updates.channels import (
    DeliveryError,
    Outgoing,
    SmtpChannel,
    SmtpConfig,
    email_message,
    smtp_config,
)
from graph.updates.policy import EventKind, Retry
from graph.updates.retry import MessageStatus, after_failure, backoff
from graph.updates.templates import Language, render

RETRY = Retry(max_attempts=4, first_delay_s=60, factor=2.0, max_delay_s=300, claim_lease_s=600)
NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)


def test_backoff_doubles_up_to_its_cap() -> None:
    waits = [backoff(n, RETRY).total_seconds() for n in range(1, 6)]
    assert waits == [60, 120, 240, 300, 300]


def test_a_failure_waits_then_fails_for_good_after_the_last_attempt() -> None:
    assert after_failure(1, False, NOW, RETRY).next_attempt_at == NOW + timedelta(seconds=60)
    assert after_failure(3, False, NOW, RETRY).status is MessageStatus.PENDING
    assert after_failure(4, False, NOW, RETRY).status is MessageStatus.FAILED
    assert after_failure(1, True, NOW, RETRY).status is MessageStatus.FAILED


def test_no_host_means_no_smtp() -> None:
    assert smtp_config(Settings()) is None


def test_smtp_settings_and_their_defaults() -> None:
    config = smtp_config(
        Settings(smtp_host="smtp.example.org", smtp_sender="updates@hub.example.org")
    )
    assert config == SmtpConfig(
        "smtp.example.org", 587, "updates@hub.example.org", True, None, None
    )
    secret = smtp_config(
        Settings(
            smtp_host="127.0.0.1", smtp_port=2525, smtp_starttls=False, smtp_sender="u@example.org",
            smtp_user="hub", smtp_password="s3cret",
        )
    )  # fmt: skip
    assert secret is not None
    assert (secret.port, secret.starttls) == (2525, False)
    assert "s3cret" not in repr(secret)


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"smtp_sender": ""}, "OHCH_SMTP_SENDER"),
        ({"smtp_user": "hub"}, "OHCH_SMTP_USER"),
        ({"smtp_starttls": False, "smtp_user": "hub", "smtp_password": "pw"}, "OHCH_SMTP_STARTTLS"),
    ],
)
def test_unsafe_or_broken_smtp_settings_are_refused(
    values: dict[str, object], problem: str
) -> None:
    base: dict[str, object] = {"smtp_host": "smtp.example.org", "smtp_sender": "u@example.org"}
    with pytest.raises(InvalidInput, match=problem):
        smtp_config(Settings(**(base | values)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "field"),
    [({"smtp_port": 99999}, "smtp_port"), ({"smtp_starttls": "maybe"}, "smtp_starttls")],
)
def test_values_the_settings_class_refuses(values: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        Settings(**values)  # type: ignore[arg-type]


def test_the_email_says_its_language_and_is_not_to_be_auto_answered() -> None:
    config = SmtpConfig("h", 25, "updates@hub.example.org", False, None, None)
    rendered = render(EventKind.RECEIVED, Language.WELSH, {"reference": "R1"})
    mail = email_message(config, Outgoing("k1", "a@example.org", rendered))
    assert mail["Content-Language"] == "cy"
    assert mail["Message-ID"] == "<k1@hub.example.org>"
    assert mail["Auto-Submitted"] == "auto-generated"


def test_an_unreachable_server_is_the_channel_failing_not_the_message() -> None:
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = SmtpConfig("127.0.0.1", port, "u@example.org", False, None, None)
    rendered = render(EventKind.RECEIVED, Language.ENGLISH, {"reference": "R1"})
    with pytest.raises(DeliveryError) as caught:
        SmtpChannel(config).send(Outgoing("k", "a@example.org", rendered))
    assert caught.value.channel_down
    assert not caught.value.permanent
