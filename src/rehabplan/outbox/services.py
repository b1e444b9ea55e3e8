"""Putting letters in the outbox: the PDF and its plain-text twin are stored with the message."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.letters import Letter, letter_to_text, render_pdf
from rehabplan.outbox.models import OutboxMessage


@transaction.atomic
def outbox_enqueue_letter(
    *,
    user: Any,
    citizen: Any,
    kind: str,
    recipient_kind: str,
    recipient_name: str,
    recipient_address: str,
    subject: str,
    letter: Letter,
    channel: str,
) -> OutboxMessage:
    """Queue one letter for sending; every letter leaves through here."""
    message = OutboxMessage.objects.create(
        municipality=citizen.municipality,
        citizen=citizen,
        kind=kind,
        channel=channel,
        recipient_kind=recipient_kind,
        recipient_name=recipient_name[:200],
        recipient_address=recipient_address[:300],
        subject=subject[:200],
        body_text=letter_to_text(letter),
        document=render_pdf(letter),
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=citizen,
        target=message,
        summary=_("%(kind)s lagt i udbakken til %(recipient)s (%(channel)s)")
        % {
            "kind": message.get_kind_display(),
            "recipient": message.get_recipient_kind_display().lower(),
            "channel": message.get_channel_display(),
        },
    )
    return message
