"""How a message reaches its recipient: a :class:`Channel` per kind of address.

:class:`SmtpChannel` sends email with the standard library's ``smtplib`` (STARTTLS when
configured, login only over TLS or to a loopback server). A deployment on GOV.UK Notify plugs
in a ``NotifyChannel`` with the same protocol: ``send`` posts the rendered subject and body to
Notify's ``/v2/notifications/email`` (and ``/v2/notifications/sms`` for text messages) with a
Notify template that passes them through, and raises :class:`DeliveryError` on failure
(``permanent`` for a 400 such as a bad address, temporary for 429 and 5xx). It is not written:
Notify's API cannot be reached from where the hub is built and tested (docs/UPDATES.md).

Settings come from ``OHCH_SMTP_*`` environment variables (:func:`smtp_config_from_env`) until
they move into ``graph/settings.py``.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Protocol

from graph.errors import InvalidValue, OhchError
from graph.settings import Settings, is_loopback
from graph.updates.events import ChannelKind
from graph.updates.templates import Rendered

SMTP_TIMEOUT_S = 30.0


class DeliveryError(OhchError):
    """A message could not be delivered. ``permanent``: trying this message again cannot help
    (its address was refused for good). ``channel_down``: the channel itself failed (server
    unreachable, TLS or login refused), so the run stops using it and the messages it had not
    tried yet wait for the next run."""

    def __init__(self, message: str, permanent: bool = False, channel_down: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.channel_down = channel_down


@dataclass(frozen=True, slots=True)
class Outgoing:
    key: str  # the outbox key: the Message-ID, so a receiving server can spot a repeat
    address: str
    rendered: Rendered


class Channel(Protocol):
    kind: ChannelKind

    def send(self, message: Outgoing) -> None:
        """Deliver ``message`` or raise :class:`DeliveryError`."""


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    sender: str
    starttls: bool
    user: str | None
    password: str | None

    def __repr__(self) -> str:  # never print the password
        return f"SmtpConfig({self.host}:{self.port}, sender={self.sender}, tls={self.starttls})"


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def smtp_config(settings: Settings) -> SmtpConfig | None:
    """The SMTP settings (``OHCH_SMTP_*``), or None when no host is set (nothing is sent). The
    settings class checks each value; this checks them together: a sender with a host, user and
    password both or neither, and never a password in clear text to a server off loopback."""
    host = (settings.smtp_host or "").strip()
    if not host:
        return None
    sender = (settings.smtp_sender or "").strip()
    if "@" not in sender:
        raise InvalidValue("OHCH_SMTP_SENDER", "must be the address updates are sent from")
    user = (settings.smtp_user or "").strip() or None
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    if (user is None) != (password is None):
        raise InvalidValue("OHCH_SMTP_USER", "and OHCH_SMTP_PASSWORD are set together or not")
    if user is not None and not settings.smtp_starttls and not is_loopback(host):
        raise InvalidValue("OHCH_SMTP_STARTTLS", "must be true to send a password to " + host)
    return SmtpConfig(host, settings.smtp_port, sender, settings.smtp_starttls, user, password)


def email_message(config: SmtpConfig, message: Outgoing) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = config.sender
    mail["To"] = message.address
    mail["Subject"] = message.rendered.subject
    mail["Date"] = formatdate(usegmt=True)
    mail["Message-ID"] = f"<{message.key}@{config.sender.rpartition('@')[2]}>"
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies
    mail.set_content(message.rendered.body, charset="utf-8")
    mail["Content-Language"] = message.rendered.language.value  # after: set_content clears it
    return mail


class SmtpChannel:
    """Email through an SMTP server, one connection a message."""

    kind = ChannelKind.EMAIL

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def send(self, message: Outgoing) -> None:
        """A refused recipient or message fails that message (for good on a 5xx); every other
        failure is the server's or the settings' (connection refused, timeout, TLS, login, the
        sender refused, a dropped connection): the channel is down."""
        config = self.config
        try:
            with smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT_S) as smtp:
                if config.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if config.user is not None and config.password is not None:
                    smtp.login(config.user, config.password)
                smtp.send_message(email_message(config, message))
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise DeliveryError(
                f"the server refused the recipient ({codes})",
                permanent=all(500 <= c < 600 for c in codes),
            ) from None
        except smtplib.SMTPDataError as error:  # the message itself was refused
            raise DeliveryError(_describe(error), permanent=500 <= error.smtp_code < 600) from None
        except OSError as error:  # smtplib's own errors are OSErrors too
            raise DeliveryError(_describe(error), channel_down=True) from None


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        raw = error.smtp_error
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return f"{type(error).__name__}: SMTP {error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}"
