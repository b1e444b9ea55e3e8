"""A citizen cancels one of their own appointments.

The rules are the staff's: `attendance_cancel_by_citizen` decides in time or late from the
course's standard. The self-service adds what a citizen must not do that staff may: cancel
another citizen's place, or a session that has begun or was cancelled already.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import Attendance, AttendanceStatus, SessionStatus
from rehabplan.courses.services.sessions import attendance_cancel_by_citizen


@transaction.atomic
def citizen_cancel(
    *,
    citizen: Citizen,
    attendance_id: int,
    actor_name: str,
    now: datetime.datetime | None = None,
) -> Attendance:
    """Cancel the citizen's place; refused in Danish when it is not theirs to cancel."""
    now = now or timezone.now()
    # Locked, so two clicks (or two tabs) record one cancellation, not two audit entries.
    attendance = (
        Attendance.objects.of_municipality(citizen.municipality_id)
        .select_for_update(of=("self",))
        .select_related("session", "course__citizen__municipality", "course__municipality")
        .filter(course__citizen=citizen, pk=attendance_id)
        .first()
    )
    if attendance is None:
        raise ValidationError(_("Aftalen findes ikke blandt dine aftaler."), code="not_found")
    if attendance.status != AttendanceStatus.BOOKED:
        raise ValidationError(
            _("Aftalen er allerede meldt afbud til eller aflyst."), code="not_booked"
        )
    if attendance.session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Aftalen er aflyst eller holdt."), code="session_closed")
    if attendance.session.starts_at <= now:
        raise ValidationError(
            _(
                "Aftalen er begyndt eller overstået, så du kan ikke melde afbud her. Ring til "
                "træningsenheden."
            ),
            code="started",
        )
    return attendance_cancel_by_citizen(
        user=None, attendance=attendance, cancelled_at=now, actor_name=actor_name
    )
