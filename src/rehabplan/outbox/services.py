"""Putting letters in the outbox. Every letter leaves through here, never directly."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.letters import Letter, letter_to_text, render_pdf
from rehabplan.outbox.models import Channel, MessageKind, OutboxMessage, RecipientKind

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen
    from rehabplan.organisation.models import Municipality


# Health data may only travel by channels that are secure end to end.
HEALTH_DATA_CHANNELS = (Channel.DIGITAL_POST, Channel.MEDCOM, Channel.PRINT)
# MedCom correspondence reaches health-care parties, not citizens or relatives.
MEDCOM_RECIPIENTS = (RecipientKind.GP, RecipientKind.HOSPITAL)


def channel_problems(*, channel: str, recipient_kind: str, contains_health_data: bool) -> list[str]:
    """Why a letter may not go by this channel to this recipient (empty when it may)."""
    problems = []
    if channel not in Channel.values:
        problems.append(_("Ukendt kanal."))
        return problems
    if channel == Channel.SMS:
        problems.append(_("Et brev kan ikke sendes som SMS."))
    if contains_health_data and channel not in HEALTH_DATA_CHANNELS:
        problems.append(
            _("Helbredsoplysninger må kun sendes med Digital Post, MedCom eller som fysisk brev.")
        )
    if channel == Channel.MEDCOM and recipient_kind not in MEDCOM_RECIPIENTS:
        problems.append(_("MedCom-korrespondance kan kun sendes til egen læge eller sygehus."))
    return problems


@transaction.atomic
def outbox_enqueue_letter(
    *,
    user: User,
    kind: str,
    letter: Letter,
    citizen: Citizen | None = None,
    municipality: Municipality | None = None,
    channel: str = Channel.DIGITAL_POST,
    recipient_kind: str = RecipientKind.CITIZEN,
    recipient_name: str | None = None,
    recipient_address: str | None = None,
    subject: str | None = None,
    contains_health_data: bool = True,
    send_after: datetime.datetime | None = None,
) -> OutboxMessage:
    """Render the letter as PDF and queue it; refuses a channel the content may not use.

    Recipient and subject default to the letter's own; the municipality to the citizen's."""
    if municipality is None:
        municipality = citizen.municipality
    if (
        channel == Channel.DIGITAL_POST
        and recipient_kind == RecipientKind.CITIZEN
        and citizen is not None
        and citizen.digital_post_exempt
    ):
        # A citizen exempt from Digital Post gets the letter by post at the address on record.
        channel = Channel.PRINT
    recipient_name = recipient_name if recipient_name is not None else letter.recipient.name
    if recipient_address is None:
        recipient_address = ", ".join(letter.recipient.address_lines)
    subject = subject or letter.subject or letter.title
    errors: dict[str, list[str]] = {}
    if kind not in MessageKind.values:
        errors["kind"] = [_("Ukendt brevtype.")]
    if recipient_kind not in RecipientKind.values:
        errors["recipient_kind"] = [_("Ukendt modtagertype.")]
    problems = channel_problems(
        channel=channel, recipient_kind=recipient_kind, contains_health_data=contains_health_data
    )
    if problems:
        errors["channel"] = problems
    if not recipient_name.strip():
        errors["recipient_name"] = [_("Brevet mangler en modtager.")]
    if citizen is not None and citizen.municipality_id != municipality.pk:
        errors["citizen"] = [_("Borgeren hører til en anden kommune.")]
    if errors:
        raise ValidationError(errors)
    message = OutboxMessage.objects.create(
        municipality=municipality,
        citizen=citizen,
        kind=kind,
        channel=channel,
        recipient_kind=recipient_kind,
        recipient_name=recipient_name[:200],
        recipient_address=recipient_address[:300],
        subject=subject[:200],
        body_text=letter_to_text(letter),
        document=render_pdf(letter),
        send_after=send_after,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=citizen,
        municipality=municipality,
        target=message,
        summary=_("%(kind)s lagt i udbakken (%(channel)s)")
        % {"kind": message.get_kind_display(), "channel": message.get_channel_display()},
    )
    return message


@transaction.atomic
def outbox_retry(*, user: User, message: OutboxMessage) -> OutboxMessage:
    """Staff send a message given up after its last try once more, from the first wait."""
    from rehabplan.outbox.dispatch.dispatcher import retry_failed
    from rehabplan.outbox.models import MessageState

    locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if locked.state != MessageState.FAILED:
        raise ValidationError(_("Beskeden er ikke fejlet; den sendes allerede."))
    retry_failed(locked)
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=locked.citizen,
        municipality=locked.municipality,
        target=locked,
        summary=_("%(kind)s sendes igen (%(channel)s)")
        % {"kind": locked.get_kind_display(), "channel": locked.get_channel_display()},
        changes={"state": [MessageState.FAILED, MessageState.QUEUED]},
    )
    return locked
