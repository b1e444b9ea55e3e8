"""A municipality whose history can be made longer, for the tests that count queries.

`World.grow()` adds one more helping of everything the pages list: citizens with referrals in
every state, open deadlines, courses with sessions, attendance, notes and goals, decisions with
letters, audit entries, and more history for one heavy citizen and one heavy course. Rows are
written with bulk_create, so three helpings take a fraction of a second.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import (
    Assessment,
    Attendance,
    AttendanceStatus,
    ClinicalNote,
    Course,
    CourseStatus,
    DeadlineKind,
    Decision,
    DecisionOutcome,
    Goal,
    Referral,
    ReferralStatus,
    Session,
    SessionStatus,
    StoredDeadline,
)
from rehabplan.organisation.models import Location, TeamClass, Therapist
from rehabplan.outbox.models import Channel, MessageKind, OutboxMessage, RecipientKind

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# The pages read the real day (the start page shows today's sessions): so does the world.
TODAY = timezone.localdate()
# The small world has fewer rows than a page of any list, so that a query per row would show
# as a difference; the large one adds fifteen times as much, more than a page of every list.
SMALL = 6
LARGE = 90
EXPLANATION = [
    {
        "rule_id": "SUL140.contact",
        "text": "Kontakt senest 7 dage efter udskrivning.",
        "source": {"issuer": "Sundhedsministeriet", "title": "Bekendtgørelse"},
    }
]
_numbers = itertools.count(1)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=COPENHAGEN)


@dataclass
class World:
    municipality: Any
    users: dict[str, Any]
    therapist: Any
    team_class: Any
    location: Any
    heavy_citizen: Any = None
    heavy_course: Any = None
    heavy_undecided: Any = None
    helpings: int = 0
    citizens: list[Any] = field(default_factory=list)

    def ids(self) -> dict[str, int]:
        """The records the detail pages show: the heavy citizen's, and today's team session."""
        referral = self.heavy_course.referral
        return {
            "citizen": self.heavy_citizen.pk,
            "course": self.heavy_course.pk,
            "referral": referral.pk,
            "undecided": self.heavy_undecided.pk,
            "decision": Decision.objects.filter(referral=referral).first().pk,
            "team_session": Session.objects.get(team_class=self.team_class, starts_at=at(TODAY)).pk,
            "entry": AuditEntry.objects.order_by("pk").first().pk,
        }

    def grow(self, size: int = LARGE) -> None:
        """One more helping of every list's rows: `size` citizens (a third at each stage) and as
        many sessions and notes for the heavy citizen."""
        self.helpings += 1
        citizens = _citizens(self.municipality, size)
        self.citizens += citizens
        referrals = _referrals(self, citizens)
        _deadlines(referrals)
        _alerts(self, referrals)
        courses = _courses(self, [r for r in referrals if r.status == ReferralStatus.GRANTED])
        _decisions(self, [r for r in referrals if r.status == ReferralStatus.GRANTED])
        _assessments(self, [r for r in referrals if r.status == ReferralStatus.AWAITING_DECISION])
        _sessions(self, courses)
        _heavy_history(self, size)
        _audit(self, citizens)


def make_world(make_user: Any, municipality: Any) -> World:
    therapist_user = make_user("terapeut", THERAPIST, municipality)
    therapist = Therapist.objects.create(
        municipality=municipality, user=therapist_user, name="Pia Fys", profession="PT"
    )
    location = Location.objects.create(
        municipality=municipality, name="Centret", address="Sundvej 1", postcode="7000", city="By"
    )
    team_class = TeamClass.objects.create(
        municipality=municipality,
        name="Balancehold",
        location=location,
        weekday=TODAY.weekday(),
        starts_at=datetime.time(10, 0),
        capacity=200,
        minimum_to_run=3,
        level="basal",
        profession="PT",
        therapist=therapist,
    )
    users = {
        "visitator": make_user("visitator", VISITATOR, municipality),
        "terapeut": therapist_user,
        "leder": make_user("leder", LEADER, municipality),
    }
    return World(municipality, users, therapist, team_class, location)


def _citizens(municipality: Any, count: int) -> list[Citizen]:
    rows = []
    for _ in range(count):
        number = next(_numbers)
        rows.append(
            Citizen(
                municipality=municipality,
                cpr=f"0101{number % 100:02d}{number:04d}"[:10],
                birth_date=datetime.date(1940 + number % 50, 1, 1),
                first_name="Karen",
                last_name=f"Hansen{number:04d}",
                address="Kirkevej 4",
                postcode="7000",
                city="Byen",
            )
        )
    return Citizen.objects.bulk_create(rows)


# The stages a helping's citizens are at, in turn: new GOPs and applications, undecided,
# granted with a running course.
STAGES = (ReferralStatus.NEW, ReferralStatus.AWAITING_DECISION, ReferralStatus.GRANTED)


def _referrals(world: World, citizens: list[Citizen]) -> list[Referral]:
    rows = []
    for index, citizen in enumerate(citizens):
        status = STAGES[index % len(STAGES)]
        is_gop = index % 2 == 0
        received = TODAY - datetime.timedelta(days=index % 9)
        rows.append(
            Referral(
                municipality=world.municipality,
                citizen=citizen,
                service_code="SUL140" if is_gop else "SEL86-1",
                source="hospital_gop" if is_gop else "citizen",
                status=status,
                received_on=received,
                discharge_on=received if is_gop else None,
                decided_on=received if status == ReferralStatus.GRANTED else None,
                valid_until=TODAY + datetime.timedelta(days=10) if not is_gop else None,
                gop_content={"ability_at_discharge_summary": "Går med rollator. " * 50},
                diagnosis_text="Hoftefraktur. " * 50,
            )
        )
    return Referral.objects.bulk_create(rows)


def _deadlines(referrals: list[Referral]) -> None:
    rows = []
    for index, referral in enumerate(referrals):
        for offset, kind in enumerate(DeadlineKind.values):
            rows.append(
                StoredDeadline(
                    referral=referral,
                    kind=kind,
                    due=TODAY + datetime.timedelta(days=(index % 5) - 1 + offset),
                    explanation=EXPLANATION * 20,
                    standard_version="demo@2024-01-01",
                )
            )
    StoredDeadline.objects.bulk_create(rows)


def _alerts(world: World, referrals: list[Referral]) -> None:
    """An alert to the visitator about every deadline: her list and the leader's grow alike."""
    from rehabplan.alerts.models import DeadlineAlert

    deadlines = StoredDeadline.objects.filter(referral__in=referrals).order_by("pk")
    DeadlineAlert.objects.bulk_create(
        DeadlineAlert(
            municipality=world.municipality,
            deadline=deadline,
            user=world.users["visitator"],
            due=deadline.due,
            alert_on=TODAY,
        )
        for deadline in deadlines
    )


def _courses(world: World, referrals: list[Referral]) -> list[Course]:
    rows = [
        Course(
            municipality=world.municipality,
            citizen=referral.citizen,
            referral=referral,
            service_code=referral.service_code,
            status=CourseStatus.ACTIVE,
            therapist=world.therapist,
            team_class=world.team_class if index % 2 else None,
            start_on=TODAY - datetime.timedelta(days=30),
            planned_end_on=TODAY + datetime.timedelta(days=30),
            plan_text="Styrke og balance. " * 100,
        )
        for index, referral in enumerate(referrals)
    ]
    courses = Course.objects.bulk_create(rows)
    Goal.objects.bulk_create(
        Goal(course=course, text="Gå til bageren", set_on=TODAY, set_by=world.users["terapeut"])
        for course in courses
    )
    return courses


def _letter(world: World, citizen: Citizen, kind: str = MessageKind.DECISION_LETTER) -> Any:
    return OutboxMessage(
        municipality=world.municipality,
        citizen=citizen,
        kind=kind,
        channel=Channel.DIGITAL_POST,
        recipient_kind=RecipientKind.CITIZEN,
        recipient_name=citizen.full_name,
        subject="Afgørelse om genoptræning",
        body_text="Kære borger. " * 200,
        document=b"%PDF-1.4 " + b"x" * 20_000,
    )


def _decisions(world: World, referrals: list[Referral]) -> None:
    letters = OutboxMessage.objects.bulk_create(_letter(world, r.citizen) for r in referrals)
    Decision.objects.bulk_create(
        Decision(
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=TODAY - datetime.timedelta(days=3),
            decided_by=world.users["visitator"],
            standard_version="demo@2024-01-01",
            legal_basis="Serviceloven § 86, stk. 1",
            granted_sessions=12,
            letter=letter,
        )
        for referral, letter in zip(referrals, letters, strict=True)
    )


def _assessments(world: World, referrals: list[Referral]) -> None:
    Assessment.objects.bulk_create(
        Assessment(
            citizen=referral.citizen,
            referral=referral,
            phase="visitation",
            assessed_on=TODAY,
            assessed_by=world.users["visitator"],
        )
        for referral in referrals[::2]
    )


def _sessions(world: World, courses: list[Course]) -> None:
    """Today's individual sessions for some courses, and a team session today and next week."""
    sessions = Session.objects.bulk_create(
        Session(
            municipality=world.municipality,
            kind="individual",
            contact_type="centre",
            therapist=world.therapist,
            location=world.location,
            starts_at=at(TODAY, 8 + index % 8),
        )
        for index, course in enumerate(courses)
        if not course.team_class_id
    )
    individual = [course for course in courses if not course.team_class_id]
    attendances = [
        Attendance(session=session, course=course)
        for session, course in zip(sessions, individual, strict=True)
    ]
    team = [course for course in courses if course.team_class_id]
    for day in (TODAY, TODAY + datetime.timedelta(days=7)):
        session, _created = Session.objects.get_or_create(
            team_class=world.team_class,
            starts_at=at(day, 10),
            replaces=None,
            defaults={
                "municipality": world.municipality,
                "kind": "team",
                "contact_type": "centre",
                "therapist": world.therapist,
                "location": world.location,
            },
        )
        attendances += [Attendance(session=session, course=course) for course in team]
    Attendance.objects.bulk_create(attendances)


def _heavy_history(world: World, size: int) -> None:
    """One citizen whose history grows with every helping: another course, `size` past sessions
    (some missed, some cancelled by the therapist), `size` notes and some corrections."""
    if world.heavy_citizen is None:
        (world.heavy_citizen,) = _citizens(world.municipality, 1)
        (world.heavy_undecided,) = Referral.objects.bulk_create(
            [
                Referral(
                    municipality=world.municipality,
                    citizen=world.heavy_citizen,
                    service_code="SEL86-1",
                    source="citizen",
                    status=ReferralStatus.AWAITING_DECISION,
                    received_on=TODAY - datetime.timedelta(days=2),
                )
            ]
        )
        _deadlines([world.heavy_undecided])
    citizen = world.heavy_citizen
    (referral,) = Referral.objects.bulk_create(
        [
            Referral(
                municipality=world.municipality,
                citizen=citizen,
                service_code="SEL86-1",
                source="citizen",
                status=ReferralStatus.GRANTED,
                received_on=TODAY - datetime.timedelta(days=100 + world.helpings),
                decided_on=TODAY - datetime.timedelta(days=99),
            )
        ]
    )
    _deadlines([referral])
    (course,) = _courses(world, [referral])
    if world.heavy_course is None:
        world.heavy_course = course
    _decisions(world, [referral])
    first = TODAY - datetime.timedelta(days=120)
    sessions = Session.objects.bulk_create(
        Session(
            municipality=world.municipality,
            kind="individual",
            contact_type="centre",
            therapist=world.therapist,
            location=world.location,
            starts_at=at(first + datetime.timedelta(days=index), 7 + world.helpings),
            status=SessionStatus.CANCELLED if index % 7 == 0 else SessionStatus.HELD,
        )
        for index in range(size)
    )
    statuses = itertools.cycle(
        [
            AttendanceStatus.ATTENDED,
            AttendanceStatus.NO_SHOW,
            AttendanceStatus.CANCELLED_LATE,
            AttendanceStatus.CANCELLED_IN_TIME,
            AttendanceStatus.CANCELLED_BY_THERAPIST,
        ]
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, course=world.heavy_course, status=next(statuses))
        for session in sessions
    )
    notes = ClinicalNote.objects.bulk_create(
        ClinicalNote(
            citizen=citizen,
            course=target,
            kind="general",
            text="Træning gennemført. " * 30,
            author=world.users["terapeut"],
        )
        for target in (course, world.heavy_course)
        for _ in range(size // 2)
    )
    ClinicalNote.objects.bulk_create(
        ClinicalNote(
            citizen=citizen,
            course=note.course,
            kind="general",
            text="Rettelse.",
            author=world.users["terapeut"],
            corrects=note,
        )
        for note in notes[::5]
    )
    OutboxMessage.objects.bulk_create(
        _letter(world, citizen, MessageKind.NOTICE) for _ in range(size // 6)
    )


def _audit(world: World, citizens: list[Citizen]) -> None:
    now = timezone.now()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            municipality=world.municipality,
            user=world.users["visitator"],
            user_name="visitator",
            citizen_id=citizen.pk,
            citizen_name=citizen.full_name,
            action=AuditAction.CHANGE,
            object_type="referral",
            object_id="1",
            summary="Henvisning ændret",
            changes={
                "standard_version": ["demo@2024-01-01", "demo@2024-01-01+national@2025-07-01"]
            },
            at=now,
        )
        for citizen in citizens
        for _ in range(5)
    )
