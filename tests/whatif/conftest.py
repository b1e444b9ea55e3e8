"""A municipality with a known history: three referrals whose fate under a draft is known."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from rehabplan import rules

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass
class History:
    young: Any  # refused by the draft's age criterion
    old: Any
    decided: datetime.date
    started: datetime.date


def _monday_weeks_ago(weeks: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=weeks)


def build_history(
    *, municipality: Any, visitator: Any, therapist_name: str = "Maja Holm"
) -> History:
    from rehabplan.citizens.services import citizen_create
    from rehabplan.courses.models import (
        Attendance,
        AttendanceStatus,
        ContactType,
        Course,
        CourseStatus,
        Decision,
        DecisionOutcome,
        Referral,
        ReferralStatus,
        Session,
        SessionKind,
        SessionStatus,
        StoredDeadline,
    )
    from rehabplan.organisation.models import Therapist

    therapist = Therapist.objects.create(
        municipality=municipality, name=therapist_name, profession="PT"
    )
    decided = _monday_weeks_ago(20)
    received = decided - datetime.timedelta(days=7)
    # One day after the draft's 10 working days, well inside the 4 weeks in force.
    started = rules.add_working_days(decided, 10) + datetime.timedelta(days=1)

    def case(cpr: str, first: str, last: str, *, sessions: int) -> Any:
        person = citizen_create(
            user=visitator,
            cpr=cpr,
            first_name=first,
            last_name=last,
            address="Kirkevej 4",
            postcode="9990",
            city="Demoby",
        )
        referral = Referral.objects.create(
            municipality=municipality,
            citizen=person,
            service_code="SEL86-2",
            source="citizen",
            status=ReferralStatus.GRANTED,
            received_on=received,
            decided_on=decided,
            first_contact_offered_on=received + datetime.timedelta(days=1),
            first_training_offered_on=started,
        )
        Decision.objects.create(
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=decided,
            decided_by=visitator,
            standard_version="demo@2024-01-01+national@2025-07-01",
            legal_basis="Serviceloven § 86, stk. 2",
            eligibility={
                "answers": {"motivated": True, "can_train_alone": False, "judgements": {}}
            },
            granted_sessions=20,
        )
        StoredDeadline.objects.create(
            referral=referral, kind="start", due=decided, met_on=started, standard_version="x"
        )
        course = Course.objects.create(
            municipality=municipality,
            citizen=person,
            referral=referral,
            service_code="SEL86-2",
            status=CourseStatus.CLOSED,
            start_on=started,
            ended_on=started + datetime.timedelta(weeks=12),
        )
        for week in range(sessions):
            session = Session.objects.create(
                municipality=municipality,
                kind=SessionKind.INDIVIDUAL,
                contact_type=ContactType.CENTRE,
                therapist=therapist,
                starts_at=datetime.datetime.combine(
                    started + datetime.timedelta(days=week * 3),
                    datetime.time(10, 0),
                    tzinfo=COPENHAGEN,
                ),
                duration_minutes=45,
                status=SessionStatus.HELD,
            )
            Attendance.objects.create(
                session=session, course=course, status=AttendanceStatus.ATTENDED
            )
        return person

    return History(
        young=case("010565-1234", "Yrsa", "Ungeborg", sessions=10),
        old=case("010140-1234", "Olga", "Ældregaard", sessions=20),
        decided=decided,
        started=started,
    )


@pytest.fixture
def history(municipality, visitator):
    return build_history(municipality=municipality, visitator=visitator)
