"""Sending a one-time code to the phone number or e-mail address on the citizen's record."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from rehabplan.citizens.models import Citizen
from rehabplan.messaging.numbers import danish_mobile
from rehabplan.messaging.sms import SmsMessage, sms_gateway
from rehabplan.messaging.sms.gateway import sender_name
from rehabplan.selfservice.models import CodeChannel, LoginCode

logger = logging.getLogger(__name__)


def contact_on_record(citizen: Citizen, channel: str) -> str | None:
    """Where a code by `channel` goes for this citizen, or None when the record has nowhere."""
    if channel == CodeChannel.SMS:
        return danish_mobile(citizen.phone)
    if channel == CodeChannel.EMAIL:
        return citizen.email.strip() or None
    return None


def code_text(code: str) -> str:
    # Says what the code is for and that staff never ask for it: the usual phishing warning.
    return _(
        "Din kode til selvbetjening i genoptræningen er %(code)s. Koden virker i %(minutes)s "
        "minutter. Giv aldrig koden til andre."
    ) % {"code": code, "minutes": settings.SELFSERVICE_CODE_MINUTES}


def send_code(*, login_code: LoginCode, to: str, code: str) -> bool:
    """Send the code; False when the gateway or mail server refused it (logged, never raised:
    the citizen sees the same answer as always and may ask again)."""
    if login_code.channel == CodeChannel.SMS:
        outcome = sms_gateway().send(
            SmsMessage(
                to=to,
                text=code_text(code),
                # One code, one message: a retried send never texts the citizen twice.
                key=f"selfservice-login-code:{login_code.pk}",
                sender=sender_name(),
            )
        )
        if not outcome.accepted:
            logger.warning("Login code %s not sent by SMS: %s", login_code.pk, outcome.error)
        return outcome.accepted
    try:
        send_mail(
            subject=_("Din kode til selvbetjening"),
            message=code_text(code),
            from_email=None,
            recipient_list=[to],
        )
    except OSError as error:
        logger.warning("Login code %s not sent by e-mail: %s", login_code.pk, error)
        return False
    return True
