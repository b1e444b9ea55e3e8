"""The demo's deadline alerts: the sweep as if it had run every day of the past week, so the
visitator, the therapist and the leader see alerts on a fresh demo, some already overdue."""

from __future__ import annotations

import datetime

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import THERAPIST, VISITATOR
from rehabplan.alerts.models import DeadlineAlert
from rehabplan.alerts.services.staff import alert_mark_seen, alert_preference_set
from rehabplan.alerts.services.sweep import alerts_create_due
from rehabplan.courses.models import Course, CourseStatus
from rehabplan.organisation.models import Municipality

DAYS_OF_SWEEPS = 7
FIXED_THERAPIST_COURSES = 2
RECENT_DAYS = 3  # a start deadline a few days past still has its alert from the week's sweeps


def seed_alerts(*, municipality: Municipality, users: dict[str, User], today: datetime.date) -> int:
    """Sweep the last week day by day; the therapist chooses e-mail (the worker's first sweep
    prints it on the console) and the visitator has seen her first alert."""
    therapist, visitator = users[THERAPIST], users[VISITATOR]
    therapist.email = "maja.holm@demo.example"
    visitator.email = "vibeke.visitator@demo.example"
    therapist.save(update_fields=["email"])
    visitator.save(update_fields=["email"])
    alert_preference_set(user=therapist, by_email=True)
    _give_the_therapist_courses(municipality, therapist, today)
    created = 0
    for days_ago in range(DAYS_OF_SWEEPS, -1, -1):
        day = today - datetime.timedelta(days=days_ago)
        created += alerts_create_due(municipality=municipality, today=day)
    first = (
        DeadlineAlert.objects.of_municipality(municipality)
        .not_acted_on()
        .filter(user=visitator)
        .order_by("due", "id")
        .first()
    )
    if first is not None:
        alert_mark_seen(user=visitator, alert_id=first.pk)
    return created


def _give_the_therapist_courses(
    municipality: Municipality, therapist: User, today: datetime.date
) -> None:
    """Two courses waiting to be planned get the demo therapist as fixed therapist, the two
    whose open start deadline comes soonest: their start deadline is hers to watch."""
    courses = (
        Course.objects.of_municipality(municipality)
        .filter(
            status=CourseStatus.AWAITING_START,
            therapist__isnull=True,
            team_class__isnull=True,
            referral__deadlines__kind="start",
            referral__deadlines__met_on__isnull=True,
            referral__deadlines__due__gte=today - datetime.timedelta(days=RECENT_DAYS),
        )
        .order_by("referral__deadlines__due", "id")
    )
    for course in courses[:FIXED_THERAPIST_COURSES]:
        course.therapist = therapist.therapist
        course.save(update_fields=["therapist"])
