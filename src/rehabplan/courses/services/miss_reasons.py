"""Why a deadline was missed: recorded by a visitator or the leader, counted on the dashboard."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import StoredDeadline
from rehabplan.courses.models.referrals import MissReason

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.courses.models import Referral

MISS_REASON_PERMISSION = "courses.record_miss_reason"
NOTE_MAX_LENGTH = 300


def is_missed(deadline: StoredDeadline, today: datetime.date) -> bool:
    """Met after its day, or still open after its day. Met on the day itself is met."""
    if deadline.due is None:
        return False
    if deadline.met_on is not None:
        return deadline.met_on > deadline.due
    return deadline.due < today


@transaction.atomic
def deadline_record_miss_reason(
    *,
    user: User,
    referral: Referral,
    kind: str,
    reason: str,
    note: str = "",
    today: datetime.date | None = None,
) -> StoredDeadline:
    """Record (or change) the reason for a missed deadline of the user's municipality.

    The row is locked while it is checked and written, so two people recording at once write
    one after the other and each audit entry shows the value it replaced."""
    if not user.has_perm(MISS_REASON_PERMISSION):
        raise PermissionDenied(_("Du må ikke registrere årsager til overskredne frister."))
    today = today or timezone.localdate()
    deadline = (
        StoredDeadline.objects.for_user(user)
        .select_for_update(of=("self",))
        .select_related("referral__citizen")
        .filter(referral_id=referral.pk, kind=kind)
        .first()
    )
    if deadline is None:
        raise ValidationError({"miss_reason": [_("Henvisningen har ikke denne frist.")]})
    note = note.strip()
    errors: dict[str, list[str]] = {}
    if reason not in MissReason.values:
        errors["miss_reason"] = [_("Vælg en årsag.")]
    elif reason == MissReason.OTHER and not note:
        errors["miss_reason_note"] = [_("Skriv en bemærkning, når årsagen er “andet”.")]
    if len(note) > NOTE_MAX_LENGTH:
        errors["miss_reason_note"] = [
            _("Bemærkningen må højst være %(max)d tegn.") % {"max": NOTE_MAX_LENGTH}
        ]
    if not is_missed(deadline, today):
        errors["miss_reason"] = [_("Fristen er ikke overskredet.")]
    if errors:
        raise ValidationError(errors)
    before = {"miss_reason": deadline.miss_reason, "miss_reason_note": deadline.miss_reason_note}
    deadline.miss_reason = reason
    deadline.miss_reason_note = note
    deadline.save(update_fields=["miss_reason", "miss_reason_note"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=deadline.referral.citizen,
        target=deadline,
        summary=_("Årsag til overskredet frist (%(kind)s): %(reason)s")
        % {"kind": deadline.get_kind_display(), "reason": deadline.get_miss_reason_display()},
        changes={
            field: [old, getattr(deadline, field)]
            for field, old in before.items()
            if old != getattr(deadline, field)
        },
    )
    return deadline
