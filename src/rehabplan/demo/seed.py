"""The demo municipality: locations, team classes, therapists, staff logins and 80 citizens spread
over every stage of a course, with a year of finished cases behind them (demo/history.py).
Reproducible: the same seed and day give the same data."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import (
    ADMINISTRATOR,
    LEADER,
    ROLES,
    THERAPIST,
    VISITATOR,
    ensure_roles,
)
from rehabplan.citizens.models import Consent, ConsentScope, Relative
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.models import (
    Assessment,
    AssessmentItem,
    AssessmentPhase,
    Attendance,
    AttendanceStatus,
    ContactType,
    Course,
    CourseStatus,
    Decision,
    DecisionOutcome,
    DeliveryType,
    GopLevel,
    ReferralSource,
    ReferralStatus,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.courses.selectors.decisions import DecisionAnswers, decision_basis
from rehabplan.courses.services.booking.therapist_time import overlapping_session
from rehabplan.courses.services.decisions import (
    decision_make,
    decision_record_receipt,
    decision_set_plan,
)
from rehabplan.courses.services.gop_import import gop_import
from rehabplan.courses.services.referrals import referral_register
from rehabplan.demo.alerts import seed_alerts
from rehabplan.demo.history import HISTORY_HOSPITAL_EAN, seed_history
from rehabplan.demo.homeprogrammes import seed_home_programmes
from rehabplan.demo.messages import seed_failed_sms
from rehabplan.demo.names import FIRST_NAMES, GP_NAMES, LAST_NAMES, STREETS
from rehabplan.demo.package_courses import seed_package_courses
from rehabplan.demo.packages import seed_local_package
from rehabplan.demo.research import seed_research_consents
from rehabplan.demo.selfservice import selfservice_demo_citizen
from rehabplan.demo.week import seed_therapist_week
from rehabplan.gop.sample import SampleDiagnosis, build_gop_xml
from rehabplan.organisation.models import (
    ClosedDay,
    HospitalUnit,
    Location,
    Municipality,
    Profession,
    TeamClass,
    Therapist,
    TrainingLevel,
    WorkingHours,
)
from rehabplan.organisation.standards.services import standard_upload
from rehabplan.reference.fsiii import fsiii_code
from rehabplan.rules.registry import shipped_standards_dir

DEMO_SLUG = "demo"
DEMO_STANDARD_FILE = "demo.toml"
DEMO_PASSWORD = "rehabplan-demo"
DEMO_HOSPITAL_EAN = HISTORY_HOSPITAL_EAN
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

LOCATIONS = (
    ("Sundhedshuset", "Torvegade 4", "9990", "Demoby"),
    ("Træningscenter Nord", "Nordre Allé 12", "9991", "Demoby Nord"),
    ("Aktivitetscentret Engly", "Englyvej 3", "9992", "Engby"),
)
THERAPISTS = (
    ("Maja Holm", Profession.PHYSIOTHERAPIST),
    ("Jonas Vestergaard", Profession.PHYSIOTHERAPIST),
    ("Sofie Kjær", Profession.PHYSIOTHERAPIST),
    ("Mads Bech", Profession.PHYSIOTHERAPIST),
    ("Ida Lauridsen", Profession.PHYSIOTHERAPIST),
    ("Frederik Dam", Profession.PHYSIOTHERAPIST),
    ("Emma Skov", Profession.PHYSIOTHERAPIST),
    ("Louise Friis", Profession.OCCUPATIONAL_THERAPIST),
    ("Camilla Bak", Profession.OCCUPATIONAL_THERAPIST),
    ("Rasmus Krogh", Profession.OCCUPATIONAL_THERAPIST),
)
# name, location index, weekdays (1-3, most twice weekly), start, level, therapist index
TEAM_CLASSES = (
    ("Balance og gang", 0, (0, 3), datetime.time(9, 0), TrainingLevel.BASAL, 0),
    ("Knæ og hofte", 0, (1, 4), datetime.time(10, 0), TrainingLevel.ADVANCED, 1),
    ("Styrke for seniorer", 1, (2,), datetime.time(9, 30), TrainingLevel.MAINTENANCE, 2),
    ("Ryg og nakke", 1, (1, 3), datetime.time(13, 0), TrainingLevel.BASAL, 3),
    ("Efter apopleksi", 0, (0, 2, 4), datetime.time(13, 0), TrainingLevel.ADVANCED, 4),
    ("Faldforebyggelse", 2, (1, 3), datetime.time(9, 0), TrainingLevel.MAINTENANCE, 5),
    ("Hverdagsaktiviteter", 2, (0, 3), datetime.time(10, 0), TrainingLevel.BASAL, 7),
    ("Skulder og arm", 1, (2, 4), datetime.time(9, 0), TrainingLevel.ADVANCED, 6),
)
STAGES = (
    ("new_gop", 12),
    ("awaiting_decision", 10),
    ("planned", 12),
    # Enough running courses to give every class three or more participants.
    ("in_training", 36),
    ("closed", 10),
)
DIAGNOSES = (
    "Hoftebrud, opereret (DS720)",
    "Knæalloplastik (DZ966)",
    "Apopleksi (DI639)",
    "Lungebetændelse, svækket almen tilstand (DJ189)",
    "Skulderfraktur (DS422)",
    "Ryglidelse, opereret (DM511)",
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class DemoSummary:
    municipality: Municipality
    logins: tuple[DemoLogin, ...]
    citizens: int
    created: bool


def demo_exists() -> bool:
    return Municipality.objects.filter(slug=DEMO_SLUG).exists()


@transaction.atomic
def seed_demo(*, seed: int = 2026, today: datetime.date | None = None) -> DemoSummary:
    """Create the demo municipality once; a second call leaves the existing data alone."""
    ensure_roles()
    existing = Municipality.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return DemoSummary(existing, _logins(), existing.citizens.count(), created=False)
    today = today or datetime.date.today()
    rng = random.Random(seed)
    # The demo municipality comes from its standard file by the same path as any other.
    standard_file = shipped_standards_dir() / DEMO_STANDARD_FILE
    municipality = standard_upload(
        text=standard_file.read_text("utf-8"), file_name=standard_file.name, operator="seed-demo"
    ).municipality
    municipality.unit_name = "Træning og Sundhed"
    municipality.address = "Torvegade 4, 9990 Demoby"
    municipality.phone = "99 99 00 00"
    municipality.ean = "5790000999999"
    # Fictitious SOR codes (digits in SOR's format) so the KL Gateway report can name the
    # training unit and the hospital that sends the demo's plans.
    municipality.sor_code = "999991000016005"
    municipality.save(update_fields=["unit_name", "address", "phone", "ean", "sor_code"])
    HospitalUnit.objects.create(
        municipality=municipality,
        name="Demo Sygehus, Ortopædkirurgisk afdeling",
        ean=DEMO_HOSPITAL_EAN,
        sor_code="999992000016001",
    )
    users = _create_users(municipality)
    locations = [
        Location.objects.create(
            municipality=municipality, name=name, address=address, postcode=postcode, city=city
        )
        for name, address, postcode, city in LOCATIONS
    ]
    therapists = _create_therapists(municipality, users[THERAPIST])
    classes = [
        TeamClass.objects.create(
            municipality=municipality,
            name=name,
            location=locations[location_index],
            weekday=weekdays[0],
            second_weekday=weekdays[1] if len(weekdays) > 1 else None,
            third_weekday=weekdays[2] if len(weekdays) > 2 else None,
            starts_at=starts_at,
            duration_minutes=60,
            capacity=8,
            minimum_to_run=3,
            level=level,
            profession=therapists[therapist_index].profession,
            therapist=therapists[therapist_index],
        )
        for name, location_index, weekdays, starts_at, level, therapist_index in TEAM_CLASSES
    ]
    ClosedDay.objects.create(
        municipality=municipality,
        day=datetime.date(today.year, 12, 24),
        reason="Juleaftensdag",
    )
    ClosedDay.objects.create(
        municipality=municipality,
        day=datetime.date(today.year, 12, 31),
        reason="Nytårsaftensdag",
    )
    citizen_number = 0
    for stage, count in STAGES:
        for _index in range(count):
            citizen_number += 1
            _create_case(
                rng=rng,
                stage=stage,
                number=citizen_number,
                municipality=municipality,
                visitator=users[VISITATOR],
                therapist_user=users[THERAPIST],
                therapists=therapists,
                classes=classes,
                today=today,
            )
    seed_history(
        rng=rng,
        municipality=municipality,
        citizens=list(municipality.citizens.order_by("pk")),
        visitator=users[VISITATOR],
        therapists=therapists,
        classes=classes,
        today=today,
    )
    seed_therapist_week(rng=rng, therapists=therapists, today=today)
    seed_research_consents(
        seed=seed, municipality=municipality, recorded_by=users[THERAPIST], today=today
    )
    seed_alerts(municipality=municipality, users=users, today=today)
    seed_failed_sms(municipality=municipality)
    seed_local_package(leader=users[LEADER])
    seed_package_courses(
        municipality=municipality, user=users[THERAPIST], leader=users[LEADER], classes=classes
    )
    _refresh_planner_statistics()
    seed_home_programmes(municipality=municipality, user=users[THERAPIST], today=today)
    # The self-service's demo citizen is chosen among the sessions booked above.
    selfservice_demo_citizen(municipality)
    return DemoSummary(municipality, _logins(), citizen_number, created=True)


def _logins() -> tuple[DemoLogin, ...]:
    return tuple(DemoLogin(role, DEMO_PASSWORD, role) for role in ROLES)


def _create_users(municipality: Municipality) -> dict[str, User]:
    from django.contrib.auth.models import Group

    names = {
        VISITATOR: ("Vibeke", "Visitator"),
        THERAPIST: ("Maja", "Holm"),
        LEADER: ("Lise", "Leder"),
        ADMINISTRATOR: ("Anders", "Administrator"),
    }
    users = {}
    for role in ROLES:
        first_name, last_name = names[role]
        user = User.objects.create_user(
            username=role,
            password=DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            municipality=municipality,
            is_staff=role == ADMINISTRATOR,
        )
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return users


def _create_therapists(municipality: Municipality, therapist_user: User) -> list[Therapist]:
    therapists = []
    for index, (name, profession) in enumerate(THERAPISTS):
        therapist = Therapist.objects.create(
            municipality=municipality,
            name=name,
            profession=profession,
            max_sessions_per_week=28,
            user=therapist_user if index == 0 else None,
        )
        for weekday in range(4):
            WorkingHours.objects.create(
                therapist=therapist,
                weekday=weekday,
                starts_at=datetime.time(7, 30),
                ends_at=datetime.time(17, 0),
            )
        WorkingHours.objects.create(
            therapist=therapist,
            weekday=4,
            starts_at=datetime.time(7, 30),
            ends_at=datetime.time(15, 0),
        )
        therapists.append(therapist)
    return therapists


# Series that Danish mobile numbers start with; a demo number is one of them and six digits.
MOBILE_SERIES = ("20", "21", "22", "24", "26", "28", "30", "31", "40", "42", "50", "52", "60", "61")


def _mobile_number(pairs: list[int]) -> str:
    series = MOBILE_SERIES[pairs[0] % len(MOBILE_SERIES)]
    return " ".join([series, *(f"{pair:02d}" for pair in pairs[1:])])


def _fictitious_cpr(rng: random.Random, age: int, today: datetime.date) -> str:
    birth_year = today.year - age
    birth = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    # Century digit 0-3 means born 1900-1999; 4 with a year up to 36 means 2000-2036.
    century_digit = rng.randint(0, 3) if birth_year < 2000 else 4
    sequence = rng.randint(0, 999)
    return f"{birth:%d%m%y}{century_digit}{sequence:03d}"


def _create_case(
    *,
    rng: random.Random,
    stage: str,
    number: int,
    municipality: Municipality,
    visitator: User,
    therapist_user: User,
    therapists: list[Therapist],
    classes: list[TeamClass],
    today: datetime.date,
) -> None:
    age = rng.randint(62, 92)
    citizen = citizen_create(
        user=visitator,
        municipality=municipality,
        cpr=_fictitious_cpr(rng, age, today),
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
        postcode=rng.choice(("9990", "9991", "9992")),
        city="Demoby",
        phone=_mobile_number([rng.randint(10, 99) for _pair in range(4)]),
        gp_name=rng.choice(GP_NAMES),
        covered_by_aeldreloven=age >= 67 and rng.random() < 0.5,
    )
    if number % 2 == 0:
        # Half the citizens want SMS reminders (decided without a draw, so the rest of the
        # demo stays as it is).
        Consent.objects.create(
            citizen=citizen,
            scope=ConsentScope.SMS_REMINDERS,
            given_on=today - datetime.timedelta(days=30),
            recorded_by=visitator,
        )
    if rng.random() < 0.6:
        Relative.objects.create(
            citizen=citizen,
            name=f"{rng.choice(FIRST_NAMES)} {citizen.last_name}",
            relation=rng.choice(("Ægtefælle", "Datter", "Søn")),
            phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00",
        )
    if rng.random() < 0.7:
        Consent.objects.create(
            citizen=citizen,
            scope=ConsentScope.SHARE_STATUS,
            given_on=today - datetime.timedelta(days=rng.randint(5, 60)),
            recorded_by=visitator,
        )
    is_gop = stage == "new_gop" or (stage != "awaiting_decision" and rng.random() < 0.6)
    days_ago = {
        "new_gop": rng.randint(0, 5),
        "awaiting_decision": rng.randint(1, 12),
        "planned": rng.randint(3, 10),
        "in_training": rng.randint(20, 50),
        "closed": rng.randint(90, 150),
    }[stage]
    received_on = today - datetime.timedelta(days=days_ago)
    if is_gop:
        referral = _receive_gop(
            visitator=visitator,
            citizen=citizen,
            number=number,
            received_on=received_on,
            discharge_on=received_on - datetime.timedelta(days=rng.randint(0, 1)),
            diagnosis=rng.choice(DIAGNOSES),
        )
    else:
        referral = referral_register(
            user=visitator,
            citizen=citizen,
            # Demo Kommune's standard declares its own day-centre service beside § 86.
            service_code=rng.choice(("SEL86-1", "SEL86-2", "SEL86-2-DAG")),
            source=rng.choice((ReferralSource.CITIZEN, ReferralSource.RELATIVE, ReferralSource.GP)),
            received_on=received_on,
            diagnosis_text="Svækket efter sygdom i eget hjem",
        )
        if stage == "awaiting_decision":
            referral.status = ReferralStatus.AWAITING_DECISION
            referral.save(update_fields=["status"])
    if stage in ("new_gop", "awaiting_decision"):
        return
    _create_course(
        rng=rng,
        stage=stage,
        number=number,
        referral=referral,
        visitator=visitator,
        therapist_user=therapist_user,
        therapists=therapists,
        classes=classes,
        today=today,
    )


def _receive_gop(
    *,
    visitator: User,
    citizen,
    number: int,
    received_on: datetime.date,
    discharge_on: datetime.date,
    diagnosis: str,
):
    """The hospital's plan arrives as a GOP file and goes through the real import, as an
    upload or `import-gop` would: parsed, checked, stored with its content and audited."""
    municipality = citizen.municipality
    text, code = diagnosis.rsplit(" (", 1)
    discharged = datetime.datetime.combine(discharge_on, datetime.time(11, 0))
    data = build_gop_xml(
        layout="ggop",
        letter_identifier=f"DEMO-GOP-{number:04d}",
        episode_of_care_identifier=f"DEMO-EPISODE-{number:04d}",
        authorised_at=discharged - datetime.timedelta(hours=2),
        sender_organisation="Demo Sygehus",
        sender_department="Ortopædkirurgisk afdeling",
        sender_unit=None,
        sender_ean=DEMO_HOSPITAL_EAN,
        receiver_ean=municipality.ean,
        receiver_organisation=municipality.name,
        receiver_unit=municipality.unit_name or None,
        receiver_municipality_code=f"{municipality.code:03d}",
        cpr=citizen.cpr,
        given_name=citizen.first_name,
        surname=citizen.last_name,
        street=citizen.address,
        postcode=citizen.postcode,
        district=citizen.city,
        phone=citizen.phone.replace(" ", "") or None,
        email=None,
        relatives=(),
        hospital_contact_start=discharged - datetime.timedelta(days=6),
        discharge_at=discharged,
        diagnoses=(SampleDiagnosis(code.rstrip(")"), text),),
        gp_name=citizen.gp_name or None,
    )
    result = gop_import(user=visitator, data=data, received_on=received_on)
    return result.referral


def _class_and_therapist(
    *,
    rng: random.Random,
    stage: str,
    number: int,
    classes: list[TeamClass],
    therapists: list[Therapist],
) -> tuple[TeamClass | None, Therapist]:
    """Running courses go to the classes by turn, four in five of them, so every class has
    three or more participants; every other individual one is the demo therapist's (the first)."""
    if stage == "in_training":
        team_class = classes[number % len(classes)] if number % 5 else None
        if team_class is None and number % 2 == 0:
            return None, therapists[0]
    else:
        team_class = rng.choice(classes) if rng.random() < 0.6 else None
    return team_class, team_class.therapist if team_class else rng.choice(therapists)


def _create_course(
    *,
    rng: random.Random,
    stage: str,
    number: int,
    referral,
    visitator: User,
    therapist_user: User,
    therapists: list[Therapist],
    classes: list[TeamClass],
    today: datetime.date,
) -> None:
    decided_on = min(referral.received_on + datetime.timedelta(days=rng.randint(1, 4)), today)
    decision = _decide(rng=rng, referral=referral, visitator=visitator, decided_on=decided_on)
    decision_record_receipt(
        user=visitator,
        decision=decision,
        received_on=min(decided_on + datetime.timedelta(days=2), today),
    )
    referral.refresh_from_db()
    referral.first_contact_offered_on = referral.received_on + datetime.timedelta(days=1)
    referral.save(update_fields=["first_contact_offered_on"])
    team_class, therapist = _class_and_therapist(
        rng=rng, stage=stage, number=number, classes=classes, therapists=therapists
    )
    start_on = _weekday_on_or_after(
        referral.received_on + datetime.timedelta(days=rng.randint(4, 7))
    )
    status = {
        "planned": CourseStatus.AWAITING_START,
        "in_training": CourseStatus.ACTIVE,
        "closed": CourseStatus.CLOSED,
    }[stage]
    if stage == "planned":
        start_on = _weekday_on_or_after(today + datetime.timedelta(days=rng.randint(1, 6)))
    course = Course.objects.get(referral=referral)
    _update(
        course,
        status=status,
        delivery_type=DeliveryType.TEAM if team_class else DeliveryType.INDIVIDUAL,
        level=team_class.level if team_class else referral.gop_level,
        therapist=therapist,
        team_class=team_class,
        start_on=start_on,
        intake_on=start_on if stage != "planned" else None,
        planned_end_on=start_on + datetime.timedelta(weeks=8),
        ended_on=start_on + datetime.timedelta(weeks=8) if stage == "closed" else None,
        end_reason="goals_reached" if stage == "closed" else "",
        standard_version=referral.deadlines.first().standard_version,
    )
    if stage != "planned" and referral.service.process.has_gop:
        _assess_at_intake(course=course, therapist_user=therapist_user, number=number)
    if stage == "planned" and rng.random() < 0.5:
        # Decided but not yet booked: these are what the leader's "Planlæg" distributes.
        course.start_on = None
        course.planned_end_on = None
        course.team_class = None
        course.therapist = None
        course.save(update_fields=["start_on", "planned_end_on", "team_class", "therapist"])
        referral.deadlines.filter(kind="contact").update(met_on=referral.first_contact_offered_on)
        referral.deadlines.filter(kind="decision").update(met_on=referral.decided_on)
        return
    referral.first_training_offered_on = start_on
    referral.save(update_fields=["first_training_offered_on"])
    referral.deadlines.filter(kind="start").update(met_on=start_on)
    referral.deadlines.filter(kind="contact").update(met_on=referral.first_contact_offered_on)
    referral.deadlines.filter(kind="decision").update(met_on=referral.decided_on)
    last_day = min(
        course.ended_on or today + datetime.timedelta(days=14), today + datetime.timedelta(days=14)
    )
    day = start_on
    while day <= last_day:
        if day.weekday() in (team_class.weekdays if team_class else (start_on.weekday(),)):
            _book(
                rng=rng,
                course=course,
                team_class=team_class,
                therapist=therapist,
                day=day,
                today=today,
            )
        day += datetime.timedelta(days=1)


# §140 conditions (FSIII genoptræningstilstande) the intake assessment finds limited, by turn;
# chosen without the random source so the rest of the demo stays as it was.
INTAKE_CONDITIONS = (
    ("dd41df82-3c13-4523-b9c5-e83676425299", 2),  # Mobilitet og bevægelse
    ("86e1982c-f459-4658-9071-e4bf3453a687", 1),  # Forflytte sig
    ("c6f49b84-58af-43df-bb3e-0d6a67fa0aba", 3),  # Bevægeapparat
    ("243ae4ae-4e36-4192-88cb-399711ac3766", 1),  # Personlig pleje
)


def _assess_at_intake(*, course: Course, therapist_user: User, number: int) -> None:
    """The therapist's FSIII assessment at the intake talk of a §140 course: two conditions
    with a limitation and one without, which the KL Gateway report names as conditions."""
    assessment = Assessment.objects.create(
        citizen_id=course.citizen_id,
        referral_id=course.referral_id,
        course=course,
        phase=AssessmentPhase.START,
        assessed_on=course.intake_on or course.start_on,
        assessed_by=therapist_user,
    )
    chosen = [INTAKE_CONDITIONS[(number + shift) % len(INTAKE_CONDITIONS)] for shift in (0, 1)]
    items = list(chosen)
    items.append(("3c685f14-5d48-4b1c-a451-9da780e2b41c", 0))  # Sanser og smerter: no limitation
    AssessmentItem.objects.bulk_create(
        AssessmentItem(
            assessment=assessment, code=code, label=fsiii_code(code).display, level=level
        )
        for code, level in items
    )


def _decide(
    *,
    rng: random.Random,
    referral,
    visitator: User,
    decided_on: datetime.date,
) -> Decision:
    """The visitator's decision through the same services the screens use, letter included."""
    if referral.service.process.has_gop:
        return decision_set_plan(
            user=visitator,
            referral=referral,
            level=rng.choice(GopLevel.values),
            plan_text="Træning af gang, balance og styrke med fokus på hverdagens aktiviteter.",
            decided_on=decided_on,
        )
    answers = DecisionAnswers(motivated=True, can_train_alone=False, needs_pt_and_ot=False)
    basis = decision_basis(referral, on=decided_on, answers=answers)
    # The demo visitator judges every criterion that needs professional judgement as met.
    judged = DecisionAnswers(
        motivated=True,
        can_train_alone=False,
        needs_pt_and_ot=False,
        judgements={criterion.key: True for criterion in basis.answerable},
    )
    # The standard's extent does not depend on the judgements: the first basis gives it.
    defaults = basis.defaults
    tiers = basis.extent.tiers
    return decision_make(
        # Where the standard has tiers, the demo visitator grants the widest (the last).
        extent_tier=tiers[-1].name if tiers else "",
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.GRANTED,
        decided_on=decided_on,
        answers=judged,
        granted_sessions=defaults.sessions,
        granted_weeks=defaults.weeks,
        sessions_per_week=defaults.sessions_per_week,
        period_start=defaults.period_start,
        period_end=defaults.period_end,
    )


def _weekday_on_or_after(day: datetime.date) -> datetime.date:
    """Training happens on weekdays: a Saturday or Sunday moves to the Monday after."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _update(instance, **fields) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save(update_fields=list(fields))


def _free_start(therapist: Therapist, day: datetime.date, *, first_hour: int) -> datetime.datetime:
    """The first whole hour from `first_hour` (8-15, wrapping round) at which the therapist
    leads no class and has no other session, so the demo calendar has no double bookings."""
    classes = [
        team
        for team in therapist.team_classes.filter(active=True)
        if day.weekday() in team.weekdays
    ]
    candidates = [8 + (first_hour - 8 + step) % 8 for step in range(8)]
    for hour in candidates:
        starts_at = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=COPENHAGEN)
        ends_at = starts_at + datetime.timedelta(minutes=45)
        in_class = any(
            starts_at < end and begin < ends_at
            for team in classes
            for begin in [datetime.datetime.combine(day, team.starts_at, tzinfo=COPENHAGEN)]
            for end in [begin + datetime.timedelta(minutes=team.duration_minutes)]
        )
        if not in_class and not overlapping_session(
            therapist=therapist, starts_at=starts_at, minutes=45
        ):
            return starts_at
    return datetime.datetime.combine(day, datetime.time(candidates[0], 0), tzinfo=COPENHAGEN)


def _book(
    *,
    rng: random.Random,
    course: Course,
    team_class: TeamClass | None,
    therapist: Therapist,
    day: datetime.date,
    today: datetime.date,
) -> None:
    if team_class is not None:
        starts_at = datetime.datetime.combine(day, team_class.starts_at, tzinfo=COPENHAGEN)
        session, _created = Session.objects.get_or_create(
            municipality=course.municipality,
            team_class=team_class,
            starts_at=starts_at,
            defaults={
                "kind": SessionKind.TEAM,
                "contact_type": ContactType.CENTRE,
                "therapist": therapist,
                "location": team_class.location,
                "duration_minutes": team_class.duration_minutes,
                "status": SessionStatus.HELD if day < today else SessionStatus.PLANNED,
            },
        )
    else:
        session = Session.objects.create(
            municipality=course.municipality,
            kind=SessionKind.INDIVIDUAL,
            contact_type=ContactType.CENTRE,
            therapist=therapist,
            starts_at=_free_start(therapist, day, first_hour=8 + (course.pk % 8)),
            duration_minutes=45,
            status=SessionStatus.HELD if day < today else SessionStatus.PLANNED,
        )
    if day < today:
        status = rng.choices(
            (
                AttendanceStatus.ATTENDED,
                AttendanceStatus.CANCELLED_IN_TIME,
                AttendanceStatus.NO_SHOW,
            ),
            weights=(85, 10, 5),
        )[0]
    else:
        status = AttendanceStatus.BOOKED
    Attendance.objects.create(session=session, course=course, status=status)


def _refresh_planner_statistics() -> None:
    """PostgreSQL plans by its statistics, which a bulk load leaves empty until autovacuum
    comes by; without them the key figures' joins are planned as if every table had one row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
