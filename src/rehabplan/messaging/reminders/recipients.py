"""Who may get an SMS (an SMS consent in force and a usable Danish number), and the SMS to
them about a session."""

from __future__ import annotations

import datetime

from django.db.models import Q

from rehabplan.citizens.models import Citizen, Consent, ConsentScope
from rehabplan.courses.models import Session
from rehabplan.messaging.numbers import danish_mobile
from rehabplan.outbox.models import Channel, OutboxMessage, RecipientKind


def sms_consenting_ids(citizen_ids: list[int], on: datetime.date) -> set[int]:
    """Of these citizens, those with an SMS consent given by `on` and not withdrawn by then."""
    return set(
        Consent.objects.filter(
            citizen_id__in=citizen_ids, scope=ConsentScope.SMS_REMINDERS, given_on__lte=on
        )
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .values_list("citizen_id", flat=True)
    )


def sms_number(citizen: Citizen, *, consenting: set[int]) -> str | None:
    """The number to text, or None when the citizen may not or cannot get an SMS."""
    if citizen.pk not in consenting:
        return None
    return danish_mobile(citizen.phone)


def citizen_sms(
    *,
    citizen: Citizen,
    number: str,
    session: Session,
    kind: str,
    subject: str,
    text: str,
    dedupe_key: str,
    send_after: datetime.datetime | None = None,
) -> OutboxMessage:
    """An SMS to the citizen about one of their sessions, not yet saved."""
    return OutboxMessage(
        municipality_id=session.municipality_id,
        citizen=citizen,
        session=session,
        kind=kind,
        channel=Channel.SMS,
        recipient_kind=RecipientKind.CITIZEN,
        recipient_name=citizen.full_name[:200],
        recipient_address=number,
        subject=subject,
        body_text=text,
        send_after=send_after,
        dedupe_key=dedupe_key,
    )
