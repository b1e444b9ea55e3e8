"""A gateway for development: the message is written to the log. It keeps no record of keys,
so it is never the production choice."""

from __future__ import annotations

import logging

from rehabplan.messaging.sms.gateway import SendOutcome, SmsMessage

logger = logging.getLogger(__name__)


class ConsoleSmsGateway:
    name = "console"

    def send(self, message: SmsMessage) -> SendOutcome:
        logger.info(
            "SMS to %s from %s (key %s): %s", message.to, message.sender, message.key, message.text
        )
        return SendOutcome(accepted=True, reference=message.key)
