"""What a member of staff changes: marking an alert as seen, and the choice of e-mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.accounts.models import User
from rehabplan.alerts.models import AlertPreference, DeadlineAlert
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record, plain_value


@transaction.atomic
def alert_mark_seen(*, user: User, alert_id: int) -> DeadlineAlert:
    """Mark one of the user's own alerts as seen; marking it again changes nothing."""
    alert = (
        DeadlineAlert.objects.for_user(user)
        .select_for_update(of=("self",))
        .select_related("deadline__referral__citizen")
        .filter(pk=alert_id)
        .first()
    )
    if alert is None or alert.user_id != user.pk:
        # Another user's alert is not refused in words that would tell it exists.
        raise ValidationError(_("Varslet findes ikke blandt dine varsler."))
    if alert.seen_at is not None:
        return alert
    alert.seen_at = timezone.now()
    alert.save(update_fields=["seen_at"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=alert.deadline.referral.citizen,
        target=alert,
        summary=_("Fristvarsel markeret som set"),
        changes={"seen_at": [None, plain_value(alert.seen_at)]},
    )
    return alert


@transaction.atomic
def alert_preference_set(*, user: User, by_email: bool) -> AlertPreference:
    """Choose whether alerts also come by e-mail, to the address on the user."""
    if by_email and not user.email:
        raise ValidationError(
            {
                "by_email": _(
                    "Din bruger har ingen e-mailadresse. Bed en administrator om at skrive "
                    "den på din bruger, før du vælger e-mail."
                )
            }
        )
    preference, _created = AlertPreference.objects.select_for_update().get_or_create(user=user)
    if preference.by_email == by_email:
        return preference
    before = preference.by_email
    preference.by_email = by_email
    preference.save(update_fields=["by_email", "changed_at"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        target=preference,
        summary=_("Fristvarsler som e-mail slået til")
        if by_email
        else _("Fristvarsler som e-mail slået fra"),
        changes={"by_email": [before, by_email]},
    )
    return preference
