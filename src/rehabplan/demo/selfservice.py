"""The demo citizen a tester logs in to the self-service as: one in training with sessions booked
ahead, given a mobile number and an e-mail address on record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from rehabplan.accounts.models import User
from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    Course,
    CourseStatus,
    SessionStatus,
)
from rehabplan.demo.homeprogrammes import give_programme
from rehabplan.organisation.models import Municipality

# A number in a Danish mobile series; fictitious like the rest of the demo.
DEMO_MOBILE = "20 12 34 56"
DEMO_EMAIL = "borger@demo.example"


@dataclass(frozen=True)
class SelfServiceDemo:
    citizen: Citizen
    upcoming: int


@transaction.atomic
def selfservice_demo_citizen(
    municipality: Municipality, now: datetime.datetime | None = None
) -> SelfServiceDemo | None:
    """The citizen with the demo's mobile number while they still have sessions ahead, else the
    citizen with the most; None when no one has a session booked ahead."""
    now = now or timezone.now()
    ahead = Attendance.objects.of_municipality(municipality).filter(
        status=AttendanceStatus.BOOKED,
        session__status=SessionStatus.PLANNED,
        session__starts_at__gt=now,
    )
    citizens = Citizen.objects.of_municipality(municipality)
    chosen = citizens.filter(phone=DEMO_MOBILE).order_by("pk").first()
    if chosen is None or not ahead.filter(course__citizen=chosen).exists():
        busiest = (
            ahead.values("course__citizen")
            .annotate(sessions=Count("id"))
            .order_by("-sessions", "course__citizen")
            .first()
        )
        if busiest is None:
            return None
        chosen = citizens.get(pk=busiest["course__citizen"])
    # One record with the demo's number, so the code reaches the citizen the tester types.
    citizens.filter(phone=DEMO_MOBILE).exclude(pk=chosen.pk).update(phone="")
    if (chosen.phone, chosen.email) != (DEMO_MOBILE, DEMO_EMAIL):
        chosen.phone, chosen.email = DEMO_MOBILE, DEMO_EMAIL
        chosen.save(update_fields=["phone", "email"])
    _with_home_programme(chosen)
    return SelfServiceDemo(chosen, ahead.filter(course__citizen=chosen).count())


def _with_home_programme(citizen: Citizen) -> None:
    """The demo citizen's running course has a home programme to see on /borger/."""
    course = (
        Course.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen, status=CourseStatus.ACTIVE, start_on__isnull=False)
        .select_related("therapist__user")
        .order_by("-start_on")
        .first()
    )
    if course is None or course.home_programmes.exists():
        return
    user = (
        course.therapist.user
        if course.therapist and course.therapist.user
        else User.objects.filter(municipality=citizen.municipality_id, is_active=True)
        .order_by("pk")
        .first()
    )
    if user is not None:
        give_programme(course=course, user=user, today=timezone.localdate(), number=1)


def login_instructions(demo: SelfServiceDemo | None, base_url: str) -> list[str]:
    """The lines the demo prints: where to go, which CPR number to type, where the code lands."""
    if demo is None:
        return ["Borgerens selvbetjening: ingen demoborger har aftaler forude."]
    citizen = demo.citizen
    if settings.REHABPLAN_SMS_GATEWAY == "file":
        where = f"som JSON-fil i {_shown_path(Path(settings.REHABPLAN_SMS_DIR))}"
    elif settings.REHABPLAN_SMS_GATEWAY == "console":
        where = "i serverens log"
    else:
        where = "hos SMS-gatewayen"
    return [
        f"Borgerens selvbetjening: {base_url}/borger/",
        f"  CPR-nummer {citizen.formatted_cpr} ({citizen.full_name}, {demo.upcoming} aftaler "
        "forude), vælg SMS.",
        f"  Koden ligger {where}: den nyeste besked, der begynder »Din kode til selvbetjening«",
        "  (vælg e-mail, og koden står her i konsollen).",
    ]


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"
