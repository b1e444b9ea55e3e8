"""A therapist is in one place at a time: no two sessions of a therapist overlap.

A team session is one slot of the therapist who leads it, however many participants it has.
Cancelled sessions free the time. The caller holds the therapist's lock (`lock_calendar`), so
what is read here stays true until the booking commits.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.courses.models import Session, SessionStatus
from rehabplan.formats.text import clock_text, day_text

if TYPE_CHECKING:
    from rehabplan.organisation.models import Therapist

# Sessions last at most a few hours (the booking form allows 240 minutes): one that started a
# day before cannot reach into the new one, so the search looks back no further.
LOOK_BACK = datetime.timedelta(hours=24)


def overlapping_session(
    *,
    therapist: Therapist,
    starts_at: datetime.datetime,
    minutes: int,
    exclude_pk: int | None = None,
) -> Session | None:
    """The therapist's first session, not cancelled, that overlaps the given time."""
    ends_at = starts_at + datetime.timedelta(minutes=minutes)
    candidates = (
        Session.objects.filter(
            therapist=therapist, starts_at__lt=ends_at, starts_at__gt=starts_at - LOOK_BACK
        )
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    for session in candidates:
        if session.starts_at + datetime.timedelta(minutes=session.duration_minutes) > starts_at:
            return session
    return None


def check_therapist_free(
    *,
    therapist: Therapist,
    starts_at: datetime.datetime,
    minutes: int,
    exclude_pk: int | None = None,
) -> None:
    """Refuse a session the therapist cannot take because another one overlaps it."""
    clash = overlapping_session(
        therapist=therapist, starts_at=starts_at, minutes=minutes, exclude_pk=exclude_pk
    )
    if clash is None:
        return
    begin = timezone.localtime(clash.starts_at)
    end = begin + datetime.timedelta(minutes=clash.duration_minutes)
    raise ValidationError(
        {
            "therapist": ValidationError(
                _(
                    "%(therapist)s har allerede en aftale %(day)s kl. %(start)s-%(end)s "
                    "(%(kind)s) og kan ikke bookes kl. %(wanted)s."
                )
                % {
                    "therapist": therapist.name,
                    "day": day_text(begin.date()),
                    "start": clock_text(begin),
                    "end": clock_text(end),
                    "kind": clash.get_kind_display().lower(),
                    "wanted": clock_text(starts_at),
                },
                code="therapist_busy",
            )
        }
    )
