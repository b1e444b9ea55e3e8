"""A team class occurrence: one session row per class and start time, and its seats."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan.courses.models import (
    AttendanceStatus,
    ContactType,
    Session,
    SessionKind,
    SessionStatus,
)

if TYPE_CHECKING:
    from rehabplan.organisation.models import TeamClass, Therapist

# The places that take a seat: a cancellation in time or by the therapist gives it back.
SEAT_STATUSES = (
    AttendanceStatus.BOOKED,
    AttendanceStatus.ATTENDED,
    AttendanceStatus.CANCELLED_LATE,
    AttendanceStatus.NO_SHOW,
)


def occurrence_start(team_class: TeamClass, day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, team_class.starts_at), timezone.get_default_timezone()
    )


def _existing(team_class: TeamClass, starts_at: datetime.datetime) -> Session | None:
    return Session.objects.filter(
        team_class=team_class, starts_at=starts_at, replaces__isnull=True
    ).first()


def team_occurrence(
    *, team_class: TeamClass, day: datetime.date, therapist: Therapist | None = None
) -> tuple[Session, bool]:
    """The class's session on `day`, created by the first booking; `True` when created here.

    The caller holds the class lock, so only one booking creates the row. The unique constraint
    still guards a writer without the lock: its insert fails, and it joins the row that won.
    """
    starts_at = occurrence_start(team_class, day)
    existing = _existing(team_class, starts_at)
    if existing is not None:
        return existing, False
    session = Session(
        municipality_id=team_class.municipality_id,
        kind=SessionKind.TEAM,
        contact_type=ContactType.CENTRE,
        team_class=team_class,
        therapist=therapist or team_class.therapist,
        location=team_class.location,
        starts_at=starts_at,
        duration_minutes=team_class.duration_minutes,
    )
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        existing = _existing(team_class, starts_at)
        if existing is None:
            raise
        return existing, False
    return session, True


def seats_taken(session: Session) -> int:
    return session.attendances.filter(status__in=SEAT_STATUSES).count()


def check_seat(*, session: Session, team_class: TeamClass, course: Any = None) -> int:
    """Refuse a seat on a cancelled or full occurrence, or a second seat for the same course;
    return the participants after booking. The caller holds the class lock, so the count stays
    true until it commits."""
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Holdet er aflyst den dag."), code="cancelled")
    if course is not None and session.attendances.filter(course=course).exists():
        raise ValidationError(_("Borgeren er allerede tilmeldt holdet den dag."), code="booked")
    taken = seats_taken(session)
    if taken >= team_class.capacity:
        raise ValidationError(
            ngettext(
                "Holdet er fuldt (%(capacity)d plads).",
                "Holdet er fuldt (%(capacity)d pladser).",
                team_class.capacity,
            )
            % {"capacity": team_class.capacity},
            code="full",
        )
    return taken + 1
