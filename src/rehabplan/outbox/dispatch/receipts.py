"""The day a letter reached its recipient. For a decision letter the complaint deadline runs
from it, so the decision is updated as when staff record the day by hand."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.outbox.models import OutboxMessage


@transaction.atomic
def record_receipt(
    *, message: OutboxMessage, received_on: datetime.date, user: User | None
) -> OutboxMessage:
    from rehabplan.courses.models import Decision
    from rehabplan.courses.services.decisions import decision_record_receipt

    # Saving the message first holds its row until commit, so a receipt reported twice at once
    # is recorded once: the second finds the day already on the decision.
    message.received_on = received_on
    message.save(update_fields=["received_on"])
    decision = (
        Decision.objects.of_municipality(message.municipality_id).filter(letter=message).first()
    )
    if decision is not None and decision.letter_received_on is None:
        decision_record_receipt(
            user=user,
            decision=decision,
            received_on=received_on,
            actor_name=message.get_channel_display() if user is None else "",
        )
    return message
