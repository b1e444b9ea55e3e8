"""Reading the outbox for staff: a citizen's letters and SMS with how far each has come, and the
messages given up after their last try."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan.formats.text import day_text, moment_text
from rehabplan.outbox.models import MessageState, OutboxMessage

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen
    from rehabplan.organisation.models import Municipality

# Large fields are never read for a list.
LIST_DEFERRED = ("document", "body_text")


def citizen_messages(citizen: Citizen) -> QuerySet[OutboxMessage]:
    return (
        OutboxMessage.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen)
        .defer(*LIST_DEFERRED)
        .order_by("-created_at", "-id")
    )


def failed_messages(*, municipality: Municipality) -> QuerySet[OutboxMessage]:
    return (
        OutboxMessage.objects.of_municipality(municipality)
        .filter(state=MessageState.FAILED)
        .select_related("citizen")
        .defer(*LIST_DEFERRED)
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class MessageRow:
    message: OutboxMessage
    status: str  # the state and its moment, in words


def message_rows(messages: list[OutboxMessage]) -> list[MessageRow]:
    return [MessageRow(message, delivery_status(message)) for message in messages]


def delivery_status(message: OutboxMessage) -> str:
    state = message.state
    if state == MessageState.QUEUED and message.attempts:
        return ngettext(
            "I kø: %(count)d forsøg mislykkedes, prøves igen %(when)s",
            "I kø: %(count)d forsøg mislykkedes, prøves igen %(when)s",
            message.attempts,
        ) % {"count": message.attempts, "when": moment_text(message.next_attempt_at)}
    if state == MessageState.QUEUED and message.send_after:
        return _("I kø: sendes %(when)s") % {"when": moment_text(message.send_after)}
    if state in (MessageState.SENT, MessageState.DELIVERED) and message.sent_at:
        text = _("%(state)s %(when)s") % {
            "state": message.get_state_display(),
            "when": moment_text(message.sent_at),
        }
        if message.received_on:
            text += ", " + _("modtaget %(day)s") % {"day": day_text(message.received_on)}
        return text
    if state == MessageState.FAILED:
        return ngettext(
            "Fejlet efter %(count)d forsøg: %(reason)s",
            "Fejlet efter %(count)d forsøg: %(reason)s",
            message.attempts,
        ) % {"count": message.attempts, "reason": failure_reason(message)}
    return message.get_state_display()


def failure_reason(message: OutboxMessage) -> str:
    """The channel's answer in words staff can act on (the technical text is in the log)."""
    error = message.error or ""
    if error.startswith("no answer") or error.startswith("HTTP 5") or "Timeout" in error:
        return _("kanalen svarede ikke")
    if error.startswith("HTTP 4"):
        return _("kanalen afviste beskeden (kontrollér nummer eller adresse)")
    return _("kanalen kunne ikke tage imod beskeden")
