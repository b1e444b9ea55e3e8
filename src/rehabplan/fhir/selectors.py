"""The scoped queries the FHIR resources are read from: only the caller's municipality, with
the related rows each mapping needs selected up front."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    Course,
    Goal,
    OutcomeMeasurement,
    Referral,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


def fhir_citizens(user: User) -> QuerySet[Citizen]:
    return Citizen.objects.for_user(user).select_related("municipality").order_by("pk")


def fhir_referrals(user: User) -> QuerySet[Referral]:
    return (
        Referral.objects.for_user(user)
        .select_related("citizen", "municipality", "course")
        .order_by("pk")
    )


def fhir_courses(user: User) -> QuerySet[Course]:
    return (
        Course.objects.for_user(user)
        .select_related("citizen", "municipality", "referral", "therapist", "team_class")
        .prefetch_related("goals")
        .order_by("pk")
    )


def fhir_goals(user: User) -> QuerySet[Goal]:
    return Goal.objects.for_user(user).select_related("course__citizen").order_by("pk")


def fhir_attendances(user: User) -> QuerySet[Attendance]:
    return (
        Attendance.objects.for_user(user)
        .select_related("course__citizen", "session__therapist", "session__location")
        .order_by("pk")
    )


def fhir_attended(user: User) -> QuerySet[Attendance]:
    """The sessions the citizen came to: each is an Encounter."""
    return fhir_attendances(user).filter(status=AttendanceStatus.ATTENDED)


def fhir_measurements(user: User) -> QuerySet[OutcomeMeasurement]:
    return (
        OutcomeMeasurement.objects.for_user(user).select_related("course__citizen").order_by("pk")
    )
