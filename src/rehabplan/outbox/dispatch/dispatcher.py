"""The outbox's job: claim the messages that are due, send each through its channel, record
the outcome, and try a failure again later, a little later each time, until it is given up and
shown to staff.

Safe with many workers at once: a claim is a row lock that skips rows another worker holds,
and the claim is committed (state "sending", a lease, the attempt counted) before anything is
sent. A worker killed after that leaves the message "sending" until its lease runs out; the
next worker sends it again with the same idempotency key, which the channel recognises, so
nothing is sent twice and nothing is skipped.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rehabplan.outbox.dispatch.quiet_hours import in_quiet_hours
from rehabplan.outbox.dispatch.receipts import record_receipt
from rehabplan.outbox.dispatch.senders import ChannelOutcome, sender_for
from rehabplan.outbox.models import Channel, MessageState, OutboxMessage

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt; after the last the message is given up.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
BATCH = 20


@dataclass
class DispatchSummary:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REHABPLAN_OUTBOX_LEASE_SECONDS)


def due_messages(now: datetime.datetime):
    """Queued messages whose time has come, and messages whose sender's lease has run out."""
    queued = Q(state=MessageState.QUEUED) & (Q(send_after__isnull=True) | Q(send_after__lte=now))
    queued &= Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    abandoned = Q(state=MessageState.SENDING, lease_until__lt=now)
    due = OutboxMessage.objects.filter(queued | abandoned)
    if in_quiet_hours(now):
        due = due.exclude(channel=Channel.SMS)
    return due


def dispatch_outbox(*, limit: int | None = None) -> DispatchSummary:
    """Send everything due (at most `limit` messages), batch by batch."""
    summary = DispatchSummary()
    handled = 0
    while limit is None or handled < limit:
        size = BATCH if limit is None else min(BATCH, limit - handled)
        claimed = _claim(size)
        if not claimed:
            break
        for message in claimed:
            _send(message, summary)
        handled += len(claimed)
    return summary


def _claim(size: int) -> list[OutboxMessage]:
    now = timezone.now()
    with transaction.atomic():
        messages = list(
            due_messages(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("citizen")
            .order_by("send_after", "id")[:size]
        )
        for message in messages:
            message.state = MessageState.SENDING
            message.attempts += 1
            message.lease_until = now + lease()
            message.save(update_fields=["state", "attempts", "lease_until"])
    return messages


def _send(message: OutboxMessage, summary: DispatchSummary) -> None:
    try:
        outcome = sender_for(message.channel).send(message)
    except Exception as error:  # a sender's bug or an unreachable service: try again later
        logger.exception("Sending outbox message %s failed", message.pk)
        outcome = ChannelOutcome(accepted=False, retryable=True, error=repr(error)[:300])
    now = timezone.now()
    with transaction.atomic():
        # Only this claim may record: if the lease ran out and another worker took the
        # message, its attempt count differs and this outcome is dropped (the other records).
        current = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message.pk, state=MessageState.SENDING, attempts=message.attempts)
            .first()
        )
        if current is None:
            return
        if outcome.accepted:
            _record_sent(current, outcome, now)
            summary.sent += 1
        elif outcome.retryable and current.attempts < MAX_ATTEMPTS:
            current.state = MessageState.QUEUED
            current.next_attempt_at = now + BACKOFF[current.attempts - 1]
            current.error = outcome.error[:300]
            current.lease_until = None
            current.save(update_fields=["state", "next_attempt_at", "error", "lease_until"])
            summary.retried += 1
        else:
            current.state = MessageState.FAILED
            current.error = outcome.error[:300] or "refused by the channel"
            current.lease_until = None
            current.save(update_fields=["state", "error", "lease_until"])
            summary.failed += 1
            summary.errors.append(f"{current.pk}: {current.error}")
            logger.warning("Outbox message %s given up: %s", current.pk, current.error)


def _record_sent(message: OutboxMessage, outcome: ChannelOutcome, now: datetime.datetime) -> None:
    message.state = MessageState.DELIVERED if outcome.delivered else MessageState.SENT
    message.sent_at = now
    message.reference = outcome.reference[:100]
    message.error = ""
    message.lease_until = None
    fields = ["state", "sent_at", "reference", "error", "lease_until"]
    if outcome.delivered:
        message.delivered_at = now
        fields.append("delivered_at")
    message.save(update_fields=fields)
    if outcome.delivered:
        record_receipt(message=message, received_on=timezone.localdate(now), user=None)


def retry_failed(message: OutboxMessage) -> OutboxMessage:
    """Staff ask for a failed message to be tried again (from the start of the waits)."""
    message.state = MessageState.QUEUED
    message.attempts = 0
    message.next_attempt_at = None
    message.save(update_fields=["state", "attempts", "next_attempt_at"])
    return message
