import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rehabplan.demo.seed import DEMO_PASSWORD
from tests.shared_demo import seed_for_module

pytestmark = pytest.mark.slow

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for the module's tests, which only look at it (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=7, today=TODAY)


@pytest.fixture
def demo(seeded_demo, db):
    return seeded_demo


def test_demo_municipality_has_its_set_up(demo):
    municipality = demo.municipality
    assert municipality.slug == "demo"
    assert municipality.locations.count() == 3
    assert municipality.team_classes.count() == 8
    assert municipality.therapists.count() == 10
    assert municipality.citizens.count() == 80
    assert {login.username for login in demo.logins} == {
        "visitator",
        "terapeut",
        "leder",
        "administrator",
    }


def test_demo_citizens_are_spread_over_every_stage(demo):
    from rehabplan.courses.models import Course, CourseStatus, Referral, ReferralStatus

    referrals = Referral.objects.filter(municipality=demo.municipality)
    assert referrals.filter(status=ReferralStatus.NEW, service_code="SUL140").exists()
    assert referrals.filter(status=ReferralStatus.AWAITING_DECISION).exists()
    courses = Course.objects.filter(municipality=demo.municipality)
    for status in (CourseStatus.AWAITING_START, CourseStatus.ACTIVE, CourseStatus.CLOSED):
        assert courses.filter(status=status).exists(), status


def test_every_demo_referral_has_deadlines_from_the_standard(demo):
    from rehabplan import rules
    from rehabplan.courses.models import Referral

    registry = rules.default_registry()
    for referral in Referral.objects.filter(municipality=demo.municipality):
        deadlines = list(referral.deadlines.all())
        # The demo standard sets no deadlines for §119 and §140a; every other service has some.
        kinds = {
            rule.params["kind"]
            for rule in registry.resolve("demo", referral.received_on).rules_for(
                referral.service_code, "deadline"
            )
        }
        assert {deadline.kind for deadline in deadlines} == kinds, referral
        assert all(deadline.standard_version.startswith("demo@") for deadline in deadlines)
        assert all(deadline.explanation for deadline in deadlines)


def test_demo_gops_arrive_through_the_real_import(demo):
    from rehabplan.audit.models import AuditEntry
    from rehabplan.courses.models import Referral

    # The year of finished cases behind the demo is history written in bulk; every plan of the
    # current cases, the inbox included, came in as a GOP file.
    gops = Referral.objects.filter(municipality=demo.municipality, source="hospital_gop").exclude(
        gop_letter_identifier__startswith="DEMO-HIST-"
    )
    assert gops.filter(status="new").count() >= 12
    for referral in gops:
        content = referral.gop_content
        # Parsed from a GOP file: the plan's own content is kept, and the import was audited.
        assert content["format"] == 2, referral
        assert content["receiving_municipality"] == {
            "code": "999",
            "name": "Demo Kommune",
            "source": "Receiver/Identifier",
        }
        assert content["diagnoses"] and content["sender"]["organisation"] == "Demo Sygehus"
        assert referral.discharge_on == datetime.date.fromisoformat(
            content["hospital_contact_expected_end"][:10]
        )
        assert AuditEntry.objects.filter(
            citizen_id=referral.citizen_id, summary__startswith="Genoptræningsplan indlæst fra"
        ).exists()


def test_demo_cpr_numbers_have_a_valid_format(demo):
    from rehabplan.citizens.cpr import normalise_cpr

    for citizen in demo.municipality.citizens.all():
        assert normalise_cpr(citizen.cpr) == citizen.cpr


@pytest.mark.parametrize("username", ["visitator", "terapeut", "leder", "administrator"])
def test_each_demo_login_opens_the_start_page(client, demo, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    response = client.get("/")
    assert response.status_code == 200
    assert "Demo Kommune" in response.content.decode()


def test_the_therapist_sees_todays_sessions(client, demo):
    client.login(username="terapeut", password=DEMO_PASSWORD)
    content = client.get("/").content.decode()
    assert "Min dag" in content


def test_demo_command_prepares_everything_and_prints_the_logins(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "rehabplan.settings",
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "rehabplan.cli", "demo", "--no-serve"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Demo Kommune: 80 borgere." in result.stdout
    assert "visitator" in result.stdout and DEMO_PASSWORD in result.stdout
    assert "Borgerens selvbetjening: http://127.0.0.1:8000/borger/" in result.stdout
    assert "CPR-nummer" in result.stdout and "var/sms/" in result.stdout
    assert (Path(tmp_path) / "var" / "secret_key").exists()


def test_the_demo_citizen_logs_in_to_the_self_service_with_a_code(client, demo, settings, tmp_path):
    from rehabplan.demo.selfservice import DEMO_MOBILE, selfservice_demo_citizen
    from tests.selfservice.conftest import log_in

    settings.REHABPLAN_SMS_GATEWAY = "file"
    settings.REHABPLAN_SMS_DIR = str(tmp_path / "sms")
    found = selfservice_demo_citizen(demo.municipality)
    assert found.citizen.phone == DEMO_MOBILE and found.upcoming > 0
    assert selfservice_demo_citizen(demo.municipality).citizen == found.citizen
    log_in(client, found.citizen, tmp_path / "sms")
    assert "Meld afbud" in client.get("/borger/").content.decode()


def test_demo_sessions_fall_on_weekdays(demo):
    from zoneinfo import ZoneInfo

    from rehabplan.courses.models import Session

    copenhagen = ZoneInfo("Europe/Copenhagen")
    days = {session.starts_at.astimezone(copenhagen).weekday() for session in Session.objects.all()}
    assert days and days <= {0, 1, 2, 3, 4}


def test_demo_sessions_never_double_book_a_therapist(demo):
    from rehabplan.courses.models import Session, SessionStatus

    sessions = list(
        Session.objects.filter(municipality=demo.municipality)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("therapist")
        .order_by("therapist_id", "starts_at")
    )
    busy = {}
    for session in sessions:
        ends_at = session.starts_at + datetime.timedelta(minutes=session.duration_minutes)
        busy.setdefault(session.therapist_id, []).append((session.starts_at, ends_at))
    for therapist_id, intervals in busy.items():
        for (_, end), (begin, _) in zip(intervals, intervals[1:], strict=False):
            assert end <= begin, f"therapist {therapist_id} double booked at {begin}"


def test_demo_individual_sessions_avoid_the_therapists_classes_and_sessions(demo):
    from rehabplan.courses.models import Session
    from rehabplan.demo.seed import COPENHAGEN, _free_start

    team = demo.municipality.team_classes.order_by("pk").first()
    therapist = team.therapist
    day = datetime.date(2026, 12, 7) + datetime.timedelta(days=team.weekday)
    Session.objects.filter(therapist=therapist, starts_at__date=day).delete()
    class_hour = team.starts_at.hour
    assert _free_start(therapist, day, first_hour=class_hour).hour != class_hour
    taken = _free_start(therapist, day, first_hour=class_hour)
    Session.objects.create(
        municipality=demo.municipality,
        kind="individual",
        contact_type="centre",
        therapist=therapist,
        starts_at=taken,
        duration_minutes=45,
    )
    after = _free_start(therapist, day, first_hour=class_hour)
    assert after not in (taken, datetime.datetime.combine(day, team.starts_at, tzinfo=COPENHAGEN))


def test_demo_has_a_year_of_finished_cases_with_some_deadlines_missed(demo):
    from django.db.models import F

    from rehabplan.courses.models import Attendance, Course, CourseStatus, Referral, StoredDeadline
    from rehabplan.organisation.standards import installation_registry

    referrals = Referral.objects.filter(municipality=demo.municipality)
    oldest = TODAY - datetime.timedelta(days=365)
    year = referrals.filter(received_on__gte=oldest, received_on__lte=TODAY)
    # Every service of the demo's standard, its own day-centre service included.
    served = installation_registry().services(demo.municipality.slug, TODAY)
    assert set(year.values_list("service_code", flat=True)) == {s.code for s in served}
    months = {(day.year, day.month) for day in year.values_list("received_on", flat=True)}
    assert len(months) >= 11
    closed = Course.objects.filter(municipality=demo.municipality, status=CourseStatus.CLOSED)
    assert closed.count() >= 150
    assert Attendance.objects.filter(course__in=closed, status="attended").count() >= 1000
    missed = StoredDeadline.objects.filter(referral__in=year, met_on__gt=F("due"))
    assert {"contact", "decision", "start"} <= set(missed.values_list("kind", flat=True))


def test_the_demo_therapist_has_a_full_week_and_her_courses_have_things_due(demo):
    from rehabplan.courses.due import DueKind
    from rehabplan.courses.selectors.calendar import therapist_calendar, week_start
    from rehabplan.courses.selectors.my_work import my_courses
    from rehabplan.organisation.models import Therapist

    therapist = Therapist.objects.get(user__username="terapeut")
    week = therapist_calendar(therapist=therapist, first_day=week_start(TODAY), days=5)
    # Sessions on every working day of this week, today included, of more than one kind.
    assert all(day.sessions for day in week.days)
    kinds = {entry.session.kind for day in week.days for entry in day.sessions}
    assert {"team", "individual", "home", "video"} <= kinds
    due = {item.kind for row in my_courses(therapist=therapist, today=TODAY) for item in row.due}
    assert {DueKind.INTAKE, DueKind.RETEST, DueKind.CLOSING} <= due


def test_every_demo_class_meets_with_three_to_eight_participants(demo):
    from django.db.models import Count

    from rehabplan.courses.models import Session

    upcoming = (
        Session.objects.filter(municipality=demo.municipality, team_class__isnull=False)
        .filter(starts_at__date__gte=TODAY, starts_at__date__lt=TODAY + datetime.timedelta(days=7))
        .annotate(seated=Count("attendances"))
    )
    assert {session.team_class_id for session in upcoming} == set(
        demo.municipality.team_classes.values_list("pk", flat=True)
    )
    assert all(3 <= session.seated <= 8 for session in upcoming), [s.seated for s in upcoming]


@pytest.mark.django_db
def test_the_demo_starts_with_one_sms_the_gateway_refused():
    from rehabplan.demo.seed import seed_demo
    from rehabplan.outbox.models import MessageState, OutboxMessage

    seed_demo(seed=2026, today=datetime.date.today())
    failed = OutboxMessage.objects.get(state=MessageState.FAILED)
    assert failed.channel == "sms" and failed.session.starts_at > failed.send_after


def test_demo_citizens_in_training_have_home_programmes(demo):
    from rehabplan.homeprogrammes.models import AdherenceSource, AdherenceWeek, HomeProgramme
    from rehabplan.selfservice.selectors import citizen_programmes

    programmes = HomeProgramme.objects.of_municipality(demo.municipality)
    courses = set(programmes.values_list("course", flat=True))
    assert len(courses) >= 6
    assert programmes.filter(version=2).count() >= 2
    assert programmes.filter(reason="retest").exists()
    handed = programmes.exclude(handed_over_on=None).select_related("course").get()
    assert handed.course.status == "closed" and handed.handed_over_on == handed.course.ended_on
    weeks = AdherenceWeek.objects.of_municipality(demo.municipality)
    assert {week.source for week in weeks} == {AdherenceSource.STAFF, AdherenceSource.CITIZEN}
    from rehabplan.citizens.models import Citizen
    from rehabplan.demo.selfservice import DEMO_MOBILE

    demo_citizen = Citizen.objects.of_municipality(demo.municipality).get(phone=DEMO_MOBILE)
    assert citizen_programmes(demo_citizen)


def test_the_demo_has_a_local_training_package_in_two_versions_with_reasons(client, demo):
    from rehabplan.trainingpackages.models import LocalPackage

    local = LocalPackage.objects.of_municipality(demo.municipality).get()
    assert local.national_key == "balance_falls_lewy_body"
    first, second = local.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert [change["field"] for change in first.changes] == [
        "weeks",
        "organisation.group_size",
        "exercise:turning_practice/main",
    ]
    assert all(change["reason"] for change in second.changes)
    assert len(second.changes) == 5
    client.login(username="leder", password=DEMO_PASSWORD)
    response = client.get(f"/traeningspakker/lokale/versioner/{second.pk}/")
    assert "Forskelle fra version 1" in response.content.decode()
