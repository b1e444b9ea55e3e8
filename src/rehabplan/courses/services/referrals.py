"""Changes to referrals and courses. Views, the API and the command line all call these."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.deadlines import store_deadlines
from rehabplan.courses.models import Referral, ReferralSource
from rehabplan.courses.standard_services import checked_service

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen

# A discharge date this far after receipt is a typing error, not a plan sent early.
MAX_DISCHARGE_AFTER_RECEIPT = datetime.timedelta(days=60)


def referral_date_problems(
    *,
    has_gop: bool,
    received_on: datetime.date,
    discharge_on: datetime.date | None,
    gop_start_on: datetime.date | None,
) -> dict[str, list[str]]:
    """What is wrong with the dates the clock counts from (empty when nothing is)."""
    errors: dict[str, list[str]] = {}
    if discharge_on and discharge_on > received_on + MAX_DISCHARGE_AFTER_RECEIPT:
        errors["discharge_on"] = [_("Udskrivningsdatoen ligger urimeligt langt efter modtagelsen.")]
    if gop_start_on and discharge_on and gop_start_on < discharge_on:
        errors["gop_start_on"] = [_("Sygehusets starttidspunkt kan ikke ligge før udskrivningen.")]
    if has_gop and discharge_on is None:
        errors.setdefault("discharge_on", []).append(
            _("En genoptræningsplan kræver en udskrivningsdato.")
        )
    return errors


@transaction.atomic
def referral_register(
    *,
    user: User,
    citizen: Citizen,
    service_code: str,
    source: str,
    received_on: datetime.date,
    discharge_on: datetime.date | None = None,
    gop_start_on: datetime.date | None = None,
    **details: Any,
) -> Referral:
    """Register a referral or application; the clock starts and the deadlines are stored."""
    errors: dict[str, list[str]] = {}
    try:
        service = checked_service(citizen.municipality, service_code, discharge_on or received_on)
    except ValidationError as error:
        errors.update(error.message_dict)
        has_gop = False
    else:
        has_gop = service.process.has_gop
    errors.update(
        referral_date_problems(
            has_gop=has_gop,
            received_on=received_on,
            discharge_on=discharge_on,
            gop_start_on=gop_start_on,
        )
    )
    if source not in ReferralSource.values:
        errors["source"] = [_("Ukendt kilde.")]
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        municipality=citizen.municipality,
        citizen=citizen,
        service_code=service_code,
        source=source,
        received_on=received_on,
        discharge_on=discharge_on,
        gop_start_on=gop_start_on,
        **details,
    )
    store_deadlines(referral)
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=citizen,
        target=referral,
        summary=_("%(service)s registreret") % {"service": referral.service_name},
    )
    return referral
