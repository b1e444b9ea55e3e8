"""A citizen is in one place at a time: no two of the citizen's appointments overlap.

Only appointments the citizen still counts on (booked, attended, late cancellations and no-shows)
take the time; an appointment cancelled in time frees it. The caller holds the citizen's lock
(`lock_calendar`), so what is read here stays true until the booking commits.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.courses.models import Attendance
from rehabplan.courses.services.booking.therapist_time import LOOK_BACK
from rehabplan.formats.text import clock_text


def check_citizen_free(
    *,
    citizen_id: int,
    starts_at: datetime.datetime,
    minutes: int,
    counted_statuses: tuple[str, ...],
    exclude_session_pk: int | None = None,
) -> None:
    """Refuse an appointment that overlaps another of the citizen's appointments."""
    ends_at = starts_at + datetime.timedelta(minutes=minutes)
    candidates = (
        Attendance.objects.filter(
            course__citizen_id=citizen_id,
            status__in=counted_statuses,
            session__starts_at__lt=ends_at,
            session__starts_at__gt=starts_at - LOOK_BACK,
        )
        .select_related("session")
        .order_by("session__starts_at")
    )
    if exclude_session_pk is not None:
        candidates = candidates.exclude(session_id=exclude_session_pk)
    for attendance in candidates:
        other = attendance.session
        if other.starts_at + datetime.timedelta(minutes=other.duration_minutes) <= starts_at:
            continue
        begin = timezone.localtime(other.starts_at)
        end = begin + datetime.timedelta(minutes=other.duration_minutes)
        raise ValidationError(
            {
                "starts_at": [
                    _("Borgeren har allerede en aftale på det tidspunkt (kl. %(start)s-%(end)s).")
                    % {"start": clock_text(begin), "end": clock_text(end)}
                ]
            }
        )
