"""The interface every SMS gateway meets, and the choice of gateway from the settings.

Each message carries an idempotency key. A gateway must treat a second send with the same key as
the first one (accepted again, not sent again): that is what lets a worker that died in the middle
of a send try again without the citizen getting two messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings


@dataclass(frozen=True)
class SmsMessage:
    to: str  # +45XXXXXXXX
    text: str
    key: str  # the idempotency key: the same message always has the same key
    sender: str = ""


@dataclass(frozen=True)
class SendOutcome:
    accepted: bool
    # Whether a failure may pass on a later try (a time-out, a busy gateway) or never will (a
    # refused number, a wrong token).
    retryable: bool = False
    reference: str = ""  # the gateway's id of the message
    error: str = ""  # English, for the log and the staff's list of failures
    duplicate: bool = False  # the key had been accepted before: nothing was sent now


class SmsGateway(Protocol):
    name: str

    def send(self, message: SmsMessage) -> SendOutcome: ...


def sms_gateway() -> SmsGateway:
    """The gateway the settings name."""
    from rehabplan.messaging.sms.console_backend import ConsoleSmsGateway
    from rehabplan.messaging.sms.file_backend import FileSmsGateway
    from rehabplan.messaging.sms.http_backend import HttpSmsGateway

    kind = settings.REHABPLAN_SMS_GATEWAY
    if kind == "file":
        return FileSmsGateway(settings.REHABPLAN_SMS_DIR)
    if kind == "console":
        return ConsoleSmsGateway()
    if kind == "http":
        return HttpSmsGateway(
            url=settings.REHABPLAN_SMS_HTTP_URL,
            token=settings.REHABPLAN_SMS_HTTP_TOKEN,
            timeout_seconds=settings.REHABPLAN_SMS_HTTP_TIMEOUT,
        )
    raise ValueError(f"Unknown SMS gateway {kind!r} (REHABPLAN_SMS_GATEWAY: file, console, http)")


def sender_name() -> str:
    """The sender shown on the citizen's phone (at most 11 letters and digits)."""
    return settings.REHABPLAN_SMS_SENDER[:11]
