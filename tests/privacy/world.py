"""Two municipalities, each with a full set of citizen data, for the tests that walk every URL.

Every citizen, relative and CPR number has a name found nowhere else, so a page that shows one
can be told apart from a page that shows none.
"""

from __future__ import annotations

import datetime
import json
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR, ensure_roles
from rehabplan.rules.registry import shipped_standards_dir

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
_REFUSE_EVERYONE = """
[[version.rule]]
id = "SEL86-1.age"
type = "criterion"
services = ["SEL86-1"]
condition = "min_age"
years = 200
source = "%s"
section = "Målgruppe"
text = "Kun for borgere på 200 år og derover."
"""
PASSWORD = "secret-pass-123"


@dataclass
class Marker:
    """Text that identifies one citizen on a page."""

    citizen_id: int
    texts: tuple[str, ...]


@dataclass
class Unit:
    municipality: Any
    users: dict[str, User]
    # URL parameter name -> an id of this unit (a FHIR Condition's id is text: "12-1")
    ids: dict[str, int | str] = field(default_factory=dict)
    markers: list[Marker] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [text for marker in self.markers for text in marker.texts]


def _weekday_before(day: datetime.date, days: int) -> datetime.date:
    day -= datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=COPENHAGEN)


def build_unit(
    *, slug: str, code: int, name: str, letter: str, cpr_day: str, today: datetime.date
) -> Unit:
    from rehabplan.citizens.models import Relative
    from rehabplan.citizens.services import citizen_create, consent_record
    from rehabplan.courses.models import AttendanceStatus, Course, DecisionOutcome, ReferralStatus
    from rehabplan.courses.selectors.decisions import DecisionAnswers
    from rehabplan.courses.services.closing import course_closing
    from rehabplan.courses.services.course_state import course_create, course_start
    from rehabplan.courses.services.decisions import decision_make
    from rehabplan.courses.services.goals import goal_create
    from rehabplan.courses.services.measurements import measurement_record
    from rehabplan.courses.services.referrals import referral_register
    from rehabplan.courses.services.sessions import (
        ParticipantEntry,
        session_book,
        session_document,
    )
    from rehabplan.organisation.models import Location, Municipality, TeamClass, Therapist
    from rehabplan.outbox.models import MessageKind, OutboxMessage
    from rehabplan.scheduling.models import ProposalState
    from rehabplan.scheduling.services import proposal_compute, proposal_request
    from rehabplan.whatif.models import WhatIfState
    from rehabplan.whatif.services import whatif_compute, whatif_request

    ensure_roles()
    municipality = Municipality.objects.create(
        slug=slug, code=code, name=name, unit_name="Træningsenheden"
    )
    users = {}
    for role in (VISITATOR, THERAPIST, LEADER, ADMINISTRATOR):
        user = User.objects.create_user(
            username=f"{slug}-{role}", password=PASSWORD, municipality=municipality
        )
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    visitator, therapist_user, leader = users[VISITATOR], users[THERAPIST], users[LEADER]
    pt = Therapist.objects.create(
        municipality=municipality,
        user=therapist_user,
        name=f"{letter} Fysioterapeut",
        profession="PT",
    )
    location = Location.objects.create(
        municipality=municipality, name="Træningscentret", address="Sundvej 1", postcode="7000"
    )
    team_class = TeamClass.objects.create(
        municipality=municipality,
        name="Balancehold",
        location=location,
        weekday=0,
        starts_at=datetime.time(10, 0),
        capacity=8,
        minimum_to_run=3,
        level="basal",
        profession="PT",
        therapist=pt,
    )
    unit = Unit(municipality=municipality, users=users)

    def citizen(number: int, last_name: str) -> Any:
        cpr = f"{cpr_day}-{number:04d}"
        person = citizen_create(
            user=visitator,
            cpr=cpr,
            first_name=f"{letter}fornavn{number}",
            last_name=last_name,
            address="Kirkevej 4",
            postcode="7000",
            city="Byen",
            gp_name="Læge Lund",
            gp_clinic="Lægehuset, Torvet 1",
        )
        unit.markers.append(Marker(person.pk, (last_name, cpr, cpr.replace("-", ""))))
        return person

    def granted_course(person: Any, received_on: datetime.date, *, start: bool) -> Any:
        referral = referral_register(
            user=visitator,
            citizen=person,
            service_code="SEL86-1",
            source="citizen",
            received_on=received_on,
        )
        referral.status = ReferralStatus.GRANTED
        referral.decided_on = received_on
        referral.save()
        course = course_create(user=visitator, referral=referral, therapist=pt, team_class=None)
        if start:
            course_start(
                user=therapist_user,
                course=course,
                intake_on=received_on,
                note="Forundersøgelse: går med rollator.",
                plan_text="Styrke og balance.",
            )
        return course

    # 1. A citizen with a relative, a consent, an open referral and a refused application.
    first = citizen(1, f"{letter}qvilon")
    relative = Relative.objects.create(citizen=first, name=f"{letter}qvirelativ", relation="datter")
    unit.markers.append(Marker(first.pk, (relative.name,)))
    consent = consent_record(
        user=visitator, citizen=first, scope="contact_gp", given_on=today - datetime.timedelta(5)
    )
    open_referral = referral_register(
        user=visitator,
        citizen=first,
        service_code="SEL86-1",
        source="citizen",
        received_on=today - datetime.timedelta(days=3),
    )
    refused = referral_register(
        user=visitator,
        citizen=first,
        service_code="SEL86-1",
        source="citizen",
        received_on=today - datetime.timedelta(days=20),
    )
    decision = decision_make(
        user=visitator,
        referral=refused,
        outcome=DecisionOutcome.REFUSED,
        decided_on=today - datetime.timedelta(days=10),
        answers=DecisionAnswers(motivated=True, can_train_alone=True),
        refusal_reason="Du kan træne på egen hånd med det program, du har fået.",
    )

    # 2. A citizen in an active course: a documented session, today's session, a goal, a test.
    second = citizen(2, f"{letter}qvarel")
    course = granted_course(second, today - datetime.timedelta(days=30), start=True)
    past = session_book(
        user=therapist_user,
        course=course,
        kind="individual",
        starts_at=_at(_weekday_before(today, 7), 10),
        confirmed=True,
    )
    attendance = past.attendances.get()
    session_document(
        user=therapist_user,
        session=past,
        test_code="chair_stand_30s",
        entries=[ParticipantEntry(attendance.pk, AttendanceStatus.ATTENDED, "Godt fremmøde.", "9")],
    )
    if today.weekday() < 5:
        session_book(
            user=therapist_user,
            course=course,
            kind="individual",
            starts_at=_at(today, 13),
            confirmed=True,
        )
    goal = goal_create(
        user=therapist_user,
        course=course,
        text="Jeg vil kunne gå til købmanden",
        set_on=today - datetime.timedelta(days=29),
    )
    measurement = measurement_record(
        user=therapist_user,
        course=course,
        test_code="timed_up_and_go",
        value="18.4",
        phase="start",
        measured_on=today - datetime.timedelta(days=29),
    )
    note = course.notes.order_by("id").first()
    from rehabplan.homeprogrammes.services import adherence_record, programme_from_template

    home_programme = programme_from_template(
        course=course,
        user=therapist_user,
        template_key="balance_falls",
        start_on=today - datetime.timedelta(days=29),
    )
    adherence_record(
        course=course,
        week_start=today - datetime.timedelta(days=today.weekday() + 7),
        sessions_done=2,
        by_user=therapist_user,
    )

    # 3. A citizen whose course is closed, with a status report in the outbox.
    third = citizen(3, f"{letter}qvamar")
    closed = granted_course(third, today - datetime.timedelta(days=60), start=True)
    course_closing(
        user=therapist_user,
        course=closed,
        closing_talk_on=today - datetime.timedelta(days=2),
        end_reason="goals_reached",
        self_training_programme="Rejse-sætte-sig 3 x 10 dagligt",
        continue_training_at="Idræt i dagtimerne",
        equipment_returned=True,
        end_values={},
        send_to_citizen=True,
    )
    report = OutboxMessage.objects.filter(citizen=third, kind=MessageKind.STATUS_REPORT).first()

    # 4. A citizen waiting to start, placed in a planning proposal.
    fourth = citizen(4, f"{letter}qvasir")
    gop = referral_register(
        user=visitator,
        citizen=fourth,
        service_code="SUL140",
        source="hospital_gop",
        received_on=today - datetime.timedelta(days=2),
        discharge_on=today - datetime.timedelta(days=2),
        gop_level="basal",
        diagnosis_text="Hoftebrud, opereret (DS720)",
    )
    waiting = Course.objects.create(
        municipality=municipality,
        citizen=fourth,
        referral=gop,
        service_code="SUL140",
        delivery_type="team",
        level="basal",
    )
    start_day = today + datetime.timedelta(days=7 - today.weekday())
    week = start_day.isocalendar()
    proposal = proposal_request(user=leader, week=f"{week.year}-W{week.week:02d}", method="fcfs")
    proposal = proposal_compute(proposal.pk)
    assert proposal.state == ProposalState.READY, proposal.error
    placed = proposal.result["starts"] + proposal.result["unplanned"]
    assert str(waiting.pk) in {str(item["course_id"]) for item in placed}

    # 5. A what-if run of a draft that refuses every maintenance applicant under 200 years of
    # age, so the result names the first citizen.
    standard = (shipped_standards_dir() / f"{slug}.toml").read_text("utf-8")
    source_key = tomllib.loads(standard)["sources"].popitem()[0]
    draft = standard + _REFUSE_EVERYONE % source_key
    run = whatif_request(user=leader, draft=draft.encode("utf-8"), file_name="udkast.toml")
    run = whatif_compute(run.pk)
    run.refresh_from_db()
    assert run.state == WhatIfState.DONE, run.error

    # 6. A KL Gateway delivery whose file names the first citizen by CPR number.
    from rehabplan.reporting.models import KlGatewayBundle, KlGatewayDelivery

    delivery_file = Path(tempfile.mkdtemp(prefix="kl-gateway-")) / f"{slug}.json"
    delivery_file.write_text(json.dumps({"cpr": first.cpr}), "utf-8")
    delivery = KlGatewayDelivery.objects.create(
        municipality=municipality,
        period=f"{today:%Y-%m}",
        citizens_count=1,
        sha256="0" * 64,
        file_path=str(delivery_file),
    )
    KlGatewayBundle.objects.create(delivery=delivery, citizen=first, sha256="0" * 64, entries=1)

    # 7. A deadline alert to the visitator about the first citizen's open referral.
    from rehabplan.alerts.models import DeadlineAlert

    alerted = open_referral.deadlines.exclude(due=None).order_by("due").first()
    alert = DeadlineAlert.objects.create(
        municipality=municipality, deadline=alerted, user=visitator, due=alerted.due, alert_on=today
    )

    # 8. A local training package adapted from a national one (no citizen data).
    from rehabplan.exercises.packages import default_catalogue
    from rehabplan.trainingpackages.services.adaptation import local_package_create

    national_package = default_catalogue().get("aerobic_mild_alzheimers")
    local_version = local_package_create(
        user=leader,
        national_key=national_package.key,
        name=f"{letter} Konditionshold",
        content=national_package.to_mapping(),
        reasons={},
    )

    from rehabplan.audit.models import AuditEntry

    entry = AuditEntry.objects.filter(municipality=municipality, citizen_id=first.pk).first()
    unit.ids = {
        "citizen_id": first.pk,
        "consent_id": consent.pk,
        "referral_id": open_referral.pk,
        "decision_id": decision.pk,
        "course_id": course.pk,
        "goal_id": goal.pk,
        "session_id": past.pk,
        "attendance_id": attendance.pk,
        "note_id": note.pk,
        "message_id": report.pk,
        "proposal_id": proposal.pk,
        "run_id": run.pk,
        "entry_id": entry.pk,
        "delivery_id": delivery.pk,
        "alert_id": alert.pk,
        "programme_id": home_programme.pk,
        "local_package_id": local_version.local_package_id,
        "local_version_id": local_version.pk,
        "team_class_id": team_class.pk,
        # The FHIR endpoint's ids that are no web URL's: an attended session's Encounter, a
        # test result's Observation, the GOP's diagnosis as a Condition.
        "encounter_id": attendance.pk,
        "measurement_id": measurement.pk,
        "condition_id": f"{gop.pk}-1",
    }
    return unit


def build_world(today: datetime.date) -> tuple[Unit, Unit]:
    """Municipality A and municipality B, built the same way."""
    a = build_unit(
        slug="naestved",
        code=370,
        name="Næstved Kommune",
        letter="A",
        cpr_day="110345",
        today=today,
    )
    b = build_unit(
        slug="demo", code=999, name="Demo Kommune", letter="B", cpr_day="220456", today=today
    )
    return a, b
