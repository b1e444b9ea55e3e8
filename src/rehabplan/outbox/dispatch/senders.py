"""A sender per channel. Each takes a message with its idempotency key and must treat a second
send of the same key as the first (taken, not sent again): a worker that died between sending
and recording sends again on the next try.

The defaults write to folders under `REHABPLAN_OUTBOX_DIR`, one per channel, from which the
municipality's own integration (Digital Post, the print-and-post service, MedCom) takes the
files; `REHABPLAN_OUTBOX_SENDERS` names another class for a channel. SMS goes through the SMS
gateway (`rehabplan.messaging.sms`).
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils import timezone

from rehabplan.messaging.files import write_once
from rehabplan.messaging.sms import SmsMessage, sms_gateway
from rehabplan.messaging.sms.gateway import sender_name
from rehabplan.outbox.models import Channel

if TYPE_CHECKING:
    from rehabplan.outbox.models import OutboxMessage


@dataclass(frozen=True)
class ChannelOutcome:
    accepted: bool
    retryable: bool = False
    reference: str = ""
    error: str = ""  # English, for the log; staff see a Danish summary
    # The channel puts it where the recipient has it at once (Digital Post's mailbox): the
    # message is delivered and received today.
    delivered: bool = False


class ChannelSender(Protocol):
    def send(self, message: OutboxMessage) -> ChannelOutcome: ...


class FolderSender:
    """Writes the letter's PDF and a JSON description beside it, named by the message's key;
    the description is linked into place last, so it exists only when the PDF is whole."""

    delivers_at_once = False

    def __init__(self, channel: str) -> None:
        self.folder = Path(settings.REHABPLAN_OUTBOX_DIR) / channel

    def send(self, message: OutboxMessage) -> ChannelOutcome:
        self.folder.mkdir(parents=True, exist_ok=True)
        key = message.idempotency_key
        description = self.folder / f"{key}.json"
        if description.exists():
            return ChannelOutcome(accepted=True, reference=key, delivered=self.delivers_at_once)
        if message.document:
            write_once(self.folder / f"{key}.pdf", bytes(message.document))
        content = {
            "key": key,
            "kind": message.kind,
            "channel": message.channel,
            "recipient_kind": message.recipient_kind,
            "recipient_name": message.recipient_name,
            "recipient_address": message.recipient_address,
            "subject": message.subject,
            "document": f"{key}.pdf" if message.document else None,
            "written_at": timezone.now().isoformat(),
        }
        if message.citizen_id is not None:
            # The recipient's CPR number is how Digital Post and the print service address
            # the letter; it stays inside the municipality's own folder.
            content["cpr"] = message.citizen.cpr
        write_once(description, json.dumps(content, ensure_ascii=False, indent=1).encode())
        return ChannelOutcome(accepted=True, reference=key, delivered=self.delivers_at_once)


class DigitalPostFolderSender(FolderSender):
    """Digital Post: a letter is received when it is in the citizen's mailbox."""

    delivers_at_once = True

    def __init__(self, channel: str = Channel.DIGITAL_POST) -> None:
        super().__init__(channel)


class SmsSender:
    def __init__(self, channel: str = Channel.SMS) -> None:
        self.gateway = sms_gateway()

    def send(self, message: OutboxMessage) -> ChannelOutcome:
        outcome = self.gateway.send(
            SmsMessage(
                to=message.recipient_address,
                text=message.body_text,
                key=message.idempotency_key,
                sender=sender_name(),
            )
        )
        return ChannelOutcome(
            accepted=outcome.accepted,
            retryable=outcome.retryable,
            reference=outcome.reference,
            error=outcome.error,
        )


DEFAULT_SENDERS = {
    Channel.DIGITAL_POST: "rehabplan.outbox.dispatch.senders.DigitalPostFolderSender",
    Channel.PRINT: "rehabplan.outbox.dispatch.senders.FolderSender",
    Channel.MEDCOM: "rehabplan.outbox.dispatch.senders.FolderSender",
    Channel.SMS: "rehabplan.outbox.dispatch.senders.SmsSender",
}


def sender_for(channel: str) -> ChannelSender:
    path = {**DEFAULT_SENDERS, **settings.REHABPLAN_OUTBOX_SENDERS}[channel]
    module_name, _, class_name = path.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)(channel)
