"""Twelve months of finished cases for the demo, so that statistics and what-if have a history.

Every service of the demo standard gets referrals spread over the last year: decided, started,
trained and closed, with attendance, and some deadlines missed. The history is in the past and
nobody works on it any more, so it is written in bulk (a few thousand rows in well under a
second) rather than through the services one case at a time; the deadlines and the eligibility
stored with each decision still come from the rules engine, as the services would store them.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import Count

from rehabplan import rules
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ContactType,
    Course,
    CourseStatus,
    Decision,
    DecisionOutcome,
    DeliveryType,
    PlanType,
    Referral,
    ReferralSource,
    ReferralStatus,
    Session,
    SessionKind,
    SessionStatus,
    StoredDeadline,
)
from rehabplan.courses.models.referrals import MissReason
from rehabplan.courses.standard_services import GOP_SERVICE
from rehabplan.demo.history_outcomes import seed_history_outcomes
from rehabplan.organisation.standards import installation_registry

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen
    from rehabplan.organisation.models import Municipality, TeamClass, Therapist


COPENHAGEN = ZoneInfo("Europe/Copenhagen")
HISTORY_DAYS = 365
NEWEST_DAYS_AGO = 35
# The EAN number of the demo's hospital unit, the sender of every demo plan.
HISTORY_HOSPITAL_EAN = "5790000000005"
# service, referrals in the year, sessions held (fewest, most)
HISTORY_SERVICES = (
    # The services of Demo Kommune's standard (demo.toml), its own day-centre service included.
    (GOP_SERVICE, 70, (6, 12)),
    ("SEL86-1", 45, (8, 16)),
    ("SEL86-2", 50, (14, 20)),
    ("SEL86-2-DAG", 10, (4, 16)),
    ("RAAD", 20, (1, 3)),
    ("SUL119", 15, (8, 12)),
    ("SUL140a", 15, (10, 20)),
)
# The hour of the history's individual sessions: after every class and every session of the
# current demo courses (8-15), inside the therapists' working hours Monday to Thursday.
INDIVIDUAL_HOUR = 16


def seed_history(
    *,
    rng: random.Random,
    municipality: Municipality,
    citizens: list[Citizen],
    visitator: User,
    therapists: list[Therapist],
    classes: list[TeamClass],
    today: datetime.date,
) -> int:
    """Create the year's finished cases for `citizens`; returns how many referrals."""
    registry = installation_registry()
    plans = []
    for service, count, session_range in HISTORY_SERVICES:
        for _index in range(count):
            days_ago = rng.randint(NEWEST_DAYS_AGO, HISTORY_DAYS - 1)
            plans.append((service, today - datetime.timedelta(days=days_ago), session_range))
    plans.sort(key=lambda plan: plan[1])
    referrals = []
    details = []
    for number, (service, received, session_range) in enumerate(plans, start=1):
        citizen = rng.choice(citizens)
        is_gop = service == GOP_SERVICE
        discharge = received - datetime.timedelta(days=rng.randint(0, 1)) if is_gop else None
        # Most decisions within the 10 working days; some late.
        decided = rules.add_working_days(received, rng.randint(1, 8) if rng.random() < 0.85 else 13)
        grant = registry.resolve(municipality.slug, received).service(service).is_grant
        refused = grant and rng.random() < 0.08
        # Training starts from a few days to six weeks after the decision: some within 10
        # working days, most within 4 weeks, some late.
        started = _weekday_on_or_after(decided + datetime.timedelta(days=rng.choice(_START_DAYS)))
        if is_gop:
            started = _weekday_on_or_after(discharge + datetime.timedelta(days=rng.randint(2, 9)))
        contacted = (discharge or received) + datetime.timedelta(days=rng.randint(1, 6))
        referrals.append(
            Referral(
                municipality=municipality,
                citizen=citizen,
                service_code=service,
                source=ReferralSource.HOSPITAL_GOP
                if is_gop
                else rng.choice((ReferralSource.CITIZEN, ReferralSource.GP)),
                status=ReferralStatus.REFUSED
                if refused
                else (ReferralStatus.GRANTED if grant else ReferralStatus.PLANNED),
                received_on=received,
                discharge_on=discharge,
                diagnosis_text="Svækket efter sygdom"
                if not is_gop
                else "Hoftebrud, opereret (DS720)",
                decided_on=decided,
                decision_received_on=decided + datetime.timedelta(days=2),
                first_contact_offered_on=contacted,
                first_training_offered_on=None if refused else started,
                gop_letter_identifier=f"DEMO-HIST-GOP-{number:04d}" if is_gop else "",
                # The same hospital unit as the current demo plans, a general plan.
                gop_sender_ean=HISTORY_HOSPITAL_EAN if is_gop else "",
                plan_type=PlanType.GENERAL if is_gop else "",
            )
        )
        details.append((refused, grant, contacted, started, session_range))
    Referral.objects.bulk_create(referrals)
    decisions, deadlines, courses = [], [], []
    for referral, (refused, grant, contacted, started, _range) in zip(
        referrals, details, strict=True
    ):
        answers = {
            "motivated": True,
            "can_train_alone": refused,
            "needs_pt_and_ot": False,
            "programme": "kol" if referral.service_code == "SUL119" else None,
            "judgements": {"SEL86-1.target": True} if referral.service_code == "SEL86-1" else {},
        }
        facts = {
            "birth_date": referral.citizen.birth_date,
            "motivated": True,
            "can_train_alone": refused,
            "programme": answers["programme"],
            "assessments": answers["judgements"],
        }
        on = referral.decided_on
        eligibility = rules.eligibility(
            registry, municipality.slug, referral.service_code, on=on, facts=facts
        )
        extent = rules.extent(registry, municipality.slug, referral.service_code, on=on, facts={})
        basis = rules.legal_basis(registry, municipality.slug, referral.service_code, on=on)
        outcome = (
            DecisionOutcome.REFUSED
            if refused
            else (DecisionOutcome.GRANTED if grant else DecisionOutcome.PLAN)
        )
        decisions.append(
            Decision(
                referral=referral,
                outcome=outcome,
                decided_on=on,
                decided_by=visitator,
                standard_version=eligibility.standard_version,
                legal_basis=basis.text,
                eligibility={**eligibility.to_dict(), "answers": answers},
                granted_sessions=None if refused else extent.max_sessions,
                refusal_reason="Du kan nå dit mål ved at træne på egen hånd." if refused else "",
                letter_received_on=referral.decision_received_on,
            )
        )
        events = referral.event_dates
        computed = rules.deadlines(
            registry,
            municipality.slug,
            referral.service_code,
            discharge=events["discharge"],
            received=events["received"],
            granted=events["granted"],
            decided=events["decided"],
        )
        met = {"contact": contacted, "decision": on, "start": None if refused else started}
        for deadline in computed.deadlines:
            met_on = met[deadline.kind]
            missed = met_on is not None and deadline.due is not None and met_on > deadline.due
            reason, note = _miss_reason(len(deadlines)) if missed else ("", "")
            deadlines.append(
                StoredDeadline(
                    referral=referral,
                    kind=deadline.kind,
                    due=deadline.due,
                    basis=deadline.basis or "",
                    depends_on=deadline.depends_on or "",
                    falls_on_closed_day=deadline.falls_on_closed_day,
                    met_on=met_on,
                    explanation=[item.to_dict() for item in deadline.explanation],
                    standard_version=computed.standard_version,
                    miss_reason=reason,
                    miss_reason_note=note,
                )
            )
        if not refused:
            courses.append(
                Course(
                    municipality=municipality,
                    citizen=referral.citizen,
                    referral=referral,
                    service_code=referral.service_code,
                    status=CourseStatus.CLOSED,
                    start_on=started,
                    intake_on=started,
                    end_reason="goals_reached",
                    standard_version=computed.standard_version,
                )
            )
    Decision.objects.bulk_create(decisions)
    StoredDeadline.objects.bulk_create(deadlines)
    Course.objects.bulk_create(courses)
    _train(
        rng=rng,
        municipality=municipality,
        courses=courses,
        ranges={r.pk: d[4] for r, d in zip(referrals, details, strict=True)},
        therapists=therapists,
        classes=classes,
        today=today,
    )
    seed_history_outcomes(
        municipality=municipality,
        courses=courses,
        therapists=therapists,
        recorded_by=(therapists[0].user if therapists else None) or visitator,
        today=today,
    )
    return len(referrals)


# The reasons recorded for the history's missed deadlines, in turn; a blank one is a missed
# deadline nobody has explained yet. Taken in turn, not drawn, so the demo's other random
# choices stay as they were.
_MISS_REASONS = (
    (MissReason.CAPACITY, ""),
    (MissReason.CITIZEN_WISH, ""),
    ("", ""),
    (MissReason.CAPACITY, ""),
    (MissReason.FREE_CHOICE, ""),
    (MissReason.OTHER, "Borgeren blev indlagt igen, før træningen kunne starte."),
    ("", ""),
)


def _miss_reason(number: int) -> tuple[str, str]:
    return _MISS_REASONS[number % len(_MISS_REASONS)]


_START_DAYS = (3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 24, 26, 30, 34, 40)


def _weekday_on_or_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _train(
    *,
    rng: random.Random,
    municipality: Municipality,
    courses: list[Course],
    ranges: dict[int, tuple[int, int]],
    therapists: list[Therapist],
    classes: list[TeamClass],
    today: datetime.date,
) -> None:
    """Held sessions for every course: a team class where one has a seat, else individual."""
    occupied: dict[tuple[int, datetime.datetime], int] = defaultdict(int)
    shared: dict[tuple[int, datetime.datetime], Session] = {}
    for session in (
        Session.objects.of_municipality(municipality)
        .filter(team_class__isnull=False)
        .annotate(seats=Count("attendances"))
    ):
        shared[(session.team_class_id, session.starts_at)] = session
        occupied[(session.team_class_id, session.starts_at)] = session.seats
    taken: set[tuple[int, datetime.date]] = set()
    new_sessions: list[Session] = []
    places: list[tuple[Course, Session]] = []
    for course in courses:
        fewest, most = ranges[course.referral_id]
        wanted = rng.randint(fewest, most)
        team_class = rng.choice(classes) if rng.random() < 0.5 and wanted <= 12 else None
        therapist = team_class.therapist if team_class else rng.choice(therapists)
        days = _days(course.start_on, team_class, wanted, today)
        held_days = []
        for day in days:
            if team_class is not None:
                starts_at = datetime.datetime.combine(day, team_class.starts_at, tzinfo=COPENHAGEN)
                session = shared.get((team_class.pk, starts_at))
                if session is None:
                    session = Session(
                        municipality=municipality,
                        kind=SessionKind.TEAM,
                        contact_type=ContactType.CENTRE,
                        team_class=team_class,
                        therapist=therapist,
                        location=team_class.location,
                        starts_at=starts_at,
                        duration_minutes=team_class.duration_minutes,
                        status=SessionStatus.HELD,
                    )
                    shared[(team_class.pk, starts_at)] = session
                    new_sessions.append(session)
                if occupied[(team_class.pk, starts_at)] >= team_class.capacity:
                    continue
                occupied[(team_class.pk, starts_at)] += 1
            else:
                if (therapist.pk, day) in taken:
                    continue
                taken.add((therapist.pk, day))
                session = Session(
                    municipality=municipality,
                    kind=SessionKind.INDIVIDUAL,
                    contact_type=ContactType.CENTRE,
                    therapist=therapist,
                    starts_at=datetime.datetime.combine(
                        day, datetime.time(INDIVIDUAL_HOUR, 0), tzinfo=COPENHAGEN
                    ),
                    duration_minutes=45,
                    status=SessionStatus.HELD,
                )
                new_sessions.append(session)
            places.append((course, session))
            held_days.append(day)
        course.delivery_type = DeliveryType.TEAM if team_class else DeliveryType.INDIVIDUAL
        course.team_class = team_class
        course.therapist = therapist
        course.ended_on = held_days[-1] if held_days else course.start_on
        course.planned_end_on = course.ended_on
        course.closing_talk_on = course.ended_on
    Session.objects.bulk_create(new_sessions)
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            course=course,
            status=rng.choices(
                (
                    AttendanceStatus.ATTENDED,
                    AttendanceStatus.CANCELLED_IN_TIME,
                    AttendanceStatus.NO_SHOW,
                ),
                weights=(88, 8, 4),
            )[0],
        )
        for course, session in places
    )
    Course.objects.bulk_update(
        courses,
        [
            "delivery_type",
            "team_class",
            "therapist",
            "ended_on",
            "planned_end_on",
            "closing_talk_on",
        ],
    )


def _days(
    start: datetime.date, team_class: Any, wanted: int, today: datetime.date
) -> list[datetime.date]:
    """The days of `wanted` sessions from `start`, all before today: the class's weekday each
    week, or Monday and Wednesday (individual, Tuesday and Thursday when that is the start)."""
    if team_class is not None:
        weekdays = set(team_class.weekdays)
    else:
        weekdays = {start.weekday() % 4, (start.weekday() % 4 + 2) % 4}
    days = []
    day = start
    while len(days) < wanted and day < today:
        if day.weekday() in weekdays:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days
