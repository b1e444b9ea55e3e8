"""The leader's week planning end to end: proposal in a task, adjustment, acceptance, conflicts."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from rehabplan.accounts.roles import LEADER
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.models import (
    Attendance,
    Course,
    CourseStatus,
    DeliveryType,
    FreeChoice,
    ReferralSource,
    Session,
)
from rehabplan.courses.services.referrals import referral_register
from rehabplan.organisation.models import (
    Location,
    Municipality,
    Profession,
    TeamClass,
    Therapist,
    WorkingHours,
)
from rehabplan.scheduling.models import PlanProposal, ProposalState
from rehabplan.scheduling.moves import feasible_moves
from rehabplan.scheduling.services import (
    proposal_accept,
    proposal_adjust,
    proposal_compute,
    proposal_request,
)

WEEK = "2026-W49"  # Monday 30 November 2026
DISCHARGE = datetime.date(2026, 11, 27)  # Friday: the SUL140 start deadline is day 7, 4 December
WEDNESDAY = datetime.date(2026, 12, 2)


def _today_is(monkeypatch, day: datetime.date) -> None:
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


@pytest.fixture(autouse=True)
def planned_before_the_week(monkeypatch):
    """The leader plans week 49 on the Friday before it, unless a test moves the day."""
    _today_is(monkeypatch, DISCHARGE)


@pytest.fixture
def fredericia(db):
    return Municipality.objects.create(slug="fredericia", code=607, name="Fredericia Kommune")


@pytest.fixture
def unit(fredericia, make_user):
    leader = make_user("fredericia-leder", LEADER, fredericia)
    location = Location.objects.create(
        municipality=fredericia,
        name="Sundhedscenter",
        address="Vej 1",
        postcode="7000",
        city="Fredericia",
    )
    therapist = Therapist.objects.create(
        municipality=fredericia, name="Maja Holm", profession=Profession.PHYSIOTHERAPIST
    )
    other = Therapist.objects.create(
        municipality=fredericia, name="Jonas Dam", profession=Profession.PHYSIOTHERAPIST
    )
    for person in (therapist, other):
        for weekday in range(5):
            WorkingHours.objects.create(
                therapist=person,
                weekday=weekday,
                starts_at=datetime.time(7, 30),
                ends_at=datetime.time(15, 0),
            )
    monday = TeamClass.objects.create(
        municipality=fredericia,
        name="Balance mandag",
        location=location,
        weekday=0,
        starts_at=datetime.time(9, 0),
        capacity=2,
        minimum_to_run=1,
        level="basal",
        profession=Profession.PHYSIOTHERAPIST,
        therapist=therapist,
    )
    wednesday = TeamClass.objects.create(
        municipality=fredericia,
        name="Balance onsdag",
        location=location,
        weekday=2,
        starts_at=datetime.time(9, 0),
        capacity=1,
        minimum_to_run=1,
        level="basal",
        profession=Profession.PHYSIOTHERAPIST,
        therapist=other,
    )
    return {"leader": leader, "monday": monday, "wednesday": wednesday}


def _waiting_course(user, number: int) -> Course:
    citizen = citizen_create(
        user=user,
        municipality=user.municipality,
        cpr=f"01014{number}-1234",
        first_name=f"Borger{number}",
        last_name="Hansen",
    )
    referral = referral_register(
        user=user,
        citizen=citizen,
        service_code="SUL140",
        source=ReferralSource.HOSPITAL_GOP,
        received_on=DISCHARGE,
        discharge_on=DISCHARGE,
        gop_level="basal",
    )
    return Course.objects.create(
        municipality=user.municipality,
        citizen=citizen,
        referral=referral,
        service_code="SUL140",
        delivery_type=DeliveryType.TEAM,
        level="basal",
    )


@pytest.fixture
def waiting(unit):
    return [_waiting_course(unit["leader"], number) for number in range(3)]


def _ready_proposal(leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = proposal_request(user=leader, week=WEEK)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.READY, proposal.error
    return proposal


def test_the_proposal_fills_the_classes_and_explains_who_cannot_start(
    unit, waiting, django_capture_on_commit_callbacks
):
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    starts = proposal.result["starts"]
    # Three seats in all (2 on Monday, 1 on Wednesday) before the deadline of 4 December.
    assert len(starts) == 3
    assert all(start["on_time"] for start in starts)
    assert {start["start_date"] for start in starts} <= {"2026-11-30", "2026-12-02"}
    assert proposal.result["bound"] == 3


def test_accepting_books_every_session_in_one_go(unit, waiting, django_capture_on_commit_callbacks):
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    outcome = proposal_accept(user=unit["leader"], proposal=proposal)
    assert outcome.courses_started == 3
    for course in waiting:
        course.refresh_from_db()
        assert course.start_on is not None
        assert course.team_class_id in (unit["monday"].pk, unit["wednesday"].pk)
        assert (
            course.attendances.count() == outcome.sessions_booked // 3
            or course.attendances.exists()
        )
        assert course.referral.first_training_offered_on == course.start_on
        assert course.referral.deadlines.get(kind="start").met_on == course.start_on
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    # Each class occurrence exists once, however many participants it has.
    first_monday = Session.objects.filter(team_class=unit["monday"]).order_by("starts_at").first()
    assert first_monday.attendances.count() == 2


def test_a_course_that_cannot_start_in_time_is_offered_free_choice(
    unit, waiting, django_capture_on_commit_callbacks
):
    fourth = _waiting_course(unit["leader"], 3)
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    late = [start for start in proposal.result["starts"] if not start["on_time"]]
    unplanned = proposal.result["unplanned"]
    assert len(late) + len(unplanned) == 1
    proposal_accept(user=unit["leader"], proposal=proposal)
    from rehabplan.courses.models import Referral

    assert fourth.pk
    assert Referral.objects.filter(free_choice=FreeChoice.OFFERED).count() == 1


def test_a_change_made_meanwhile_is_reported_not_overwritten(
    unit, waiting, django_capture_on_commit_callbacks
):
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    # Someone books the first citizen by hand before the leader accepts.
    session = Session.objects.create(
        municipality=unit["leader"].municipality,
        kind="individual",
        contact_type="centre",
        therapist=unit["monday"].therapist,
        starts_at=datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC),
    )
    Attendance.objects.create(session=session, course=waiting[0])
    with pytest.raises(ValidationError) as error:
        proposal_accept(user=unit["leader"], proposal=proposal)
    assert "ændret siden forslaget" in error.value.messages[0]
    assert Session.objects.count() == 1
    assert not Course.objects.filter(start_on__isnull=False).exists()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.READY


def test_moving_a_citizen_to_a_full_class_is_refused_with_the_reason(
    unit, waiting, django_capture_on_commit_callbacks
):
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    on_monday = [s for s in proposal.result["starts"] if s["class_id"] == str(unit["monday"].pk)]
    with pytest.raises(ValidationError):
        proposal_adjust(
            user=unit["leader"],
            proposal=proposal,
            course_id=on_monday[0]["course_id"],
            class_id=str(unit["wednesday"].pk),
        )
    proposal.refresh_from_db()
    still = [s for s in proposal.result["starts"] if s["course_id"] == on_monday[0]["course_id"]]
    assert still[0]["class_id"] == str(unit["monday"].pk)


def test_moving_a_citizen_to_a_class_with_room_is_accepted(
    unit, waiting, django_capture_on_commit_callbacks
):
    Course.objects.filter(pk=waiting[2].pk).update(status=CourseStatus.CANCELLED)
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    monday, wednesday = str(unit["monday"].pk), str(unit["wednesday"].pk)
    starts = proposal.result["starts"]
    on_wednesday = [start for start in starts if start["class_id"] == wednesday]
    # Two citizens, three seats: whichever class one is in, the other class has room for them.
    mover = on_wednesday[0] if on_wednesday else starts[0]
    target, first_day = (monday, "2026-11-30") if on_wednesday else (wednesday, "2026-12-02")
    proposal_adjust(
        user=unit["leader"], proposal=proposal, course_id=mover["course_id"], class_id=target
    )
    proposal.refresh_from_db()
    moved = [s for s in proposal.result["starts"] if s["course_id"] == mover["course_id"]]
    assert moved[0]["class_id"] == target
    assert moved[0]["start_date"] == first_day


def test_the_command_line_dry_run_books_nothing(unit, waiting):
    output = StringIO()
    call_command("plan", municipality="fredericia", week=WEEK, dry_run=True, stdout=output)
    assert "3 af 3 forløb planlagt" in output.getvalue()
    assert not Session.objects.exists()


def test_the_command_line_books_the_plan(unit, waiting):
    output = StringIO()
    call_command("plan", municipality="fredericia", week=WEEK, stdout=output)
    assert "Godkendt: 3 forløb" in output.getvalue()
    assert Attendance.objects.count() >= 3


def test_a_bad_week_gets_a_danish_error(unit):
    with pytest.raises(ValidationError) as error:
        proposal_request(user=unit["leader"], week="uge 49")
    assert "2026-W49" in error.value.messages[0]


def test_the_leader_plans_in_the_browser_screens(
    client, unit, waiting, django_capture_on_commit_callbacks
):
    client.force_login(unit["leader"])
    assert "Planlæg nye forløb" in client.get("/planlaeg/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/planlaeg/", {"week": WEEK, "method": "optimiser"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Hvem starter hvor og hvornår" in page
    assert "Borger0 Hansen" in page
    accept_url = response["Location"] + "godkend/"
    follow = client.post(accept_url, follow=True).content.decode()
    assert "Godkendt: 3 forløb startet" in follow


def test_other_roles_cannot_plan(client, visitator):
    client.force_login(visitator)
    assert client.get("/planlaeg/").status_code == 403


def test_the_planner_never_books_a_weekday_the_citizen_cannot(
    unit, waiting, django_capture_on_commit_callbacks
):
    from rehabplan.courses.services.course_state import course_set_blocked_weekdays

    # The first citizen cannot come on Mondays: only the Wednesday class is left for them.
    course_set_blocked_weekdays(user=unit["leader"], course=waiting[0], weekdays=[0])
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    first = [s for s in proposal.result["starts"] if s["course_id"] == str(waiting[0].pk)]
    assert first, proposal.result["unplanned"]
    assert first[0]["class_id"] == str(unit["wednesday"].pk)
    assert all(
        datetime.date.fromisoformat(session["day"]).weekday() != 0
        for session in first[0]["sessions"]
    )


def test_blocked_weekdays_are_validated_in_danish(unit, waiting):
    from rehabplan.courses.services.course_state import course_set_blocked_weekdays

    with pytest.raises(ValidationError) as error:
        course_set_blocked_weekdays(user=unit["leader"], course=waiting[0], weekdays=range(7))
    assert "mindst én dag" in error.value.messages[0]


def test_a_week_that_has_begun_is_planned_from_tomorrow(
    monkeypatch, unit, waiting, django_capture_on_commit_callbacks
):
    _today_is(monkeypatch, WEDNESDAY)
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    starts = proposal.result["starts"]
    assert starts
    for start in starts:
        assert start["start_date"] > WEDNESDAY.isoformat()
        assert all(session["day"] > WEDNESDAY.isoformat() for session in start["sessions"])
        # The deadline is Friday 4 December and the classes meet Monday and Wednesday: no one
        # starts in time any more, and the plan must not say so.
        assert not start["on_time"]
    proposal_accept(user=unit["leader"], proposal=proposal)
    booked = Session.objects.filter(attendances__course__in=waiting)
    assert booked.exists()
    assert all(timezone.localtime(session.starts_at).date() > WEDNESDAY for session in booked)


def test_a_proposal_is_not_accepted_once_its_first_sessions_have_passed(
    monkeypatch, unit, waiting, django_capture_on_commit_callbacks
):
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    assert any(start["start_date"] == "2026-11-30" for start in proposal.result["starts"])
    _today_is(monkeypatch, datetime.date(2026, 11, 30))
    with pytest.raises(ValidationError):
        proposal_accept(user=unit["leader"], proposal=proposal)
    assert not Attendance.objects.exists()


def test_a_past_week_is_refused_in_danish(unit):
    with pytest.raises(ValidationError) as error:
        proposal_request(user=unit["leader"], week="2020-W10")
    assert error.value.messages == [
        "Uge 2020-W10 er forbi. Der planlægges kun fra i morgen; vælg en senere uge."
    ]
    assert not PlanProposal.objects.exists()


def test_a_week_whose_last_day_is_today_is_refused(monkeypatch, unit):
    _today_is(monkeypatch, datetime.date(2026, 12, 6))  # Sunday of week 49
    with pytest.raises(ValidationError):
        proposal_request(user=unit["leader"], week=WEEK)


def test_a_proposal_for_a_week_that_passed_before_it_was_computed_fails(monkeypatch, unit):
    proposal = PlanProposal.objects.create(
        municipality=unit["leader"].municipality, week=WEEK, created_by=unit["leader"]
    )
    _today_is(monkeypatch, datetime.date(2026, 12, 7))
    proposal = proposal_compute(proposal.pk)
    assert proposal.state == ProposalState.FAILED
    assert "Uge 2026-W49 er forbi" in proposal.error


def test_the_command_line_refuses_a_past_week(unit, waiting):
    with pytest.raises(CommandError) as error:
        call_command("plan", municipality="fredericia", week="2020-W10", stdout=StringIO())
    assert "Uge 2020-W10 er forbi" in str(error.value)
    assert not PlanProposal.objects.exists()
    assert not Session.objects.exists()


def test_the_planning_form_refuses_a_past_week(client, unit):
    client.force_login(unit["leader"])
    response = client.post("/planlaeg/", {"week": "2026-W47", "method": "optimiser"})
    assert response.status_code == 200
    assert "Uge 2026-W47 er forbi" in response.content.decode()
    assert not PlanProposal.objects.exists()


def test_an_open_individual_course_takes_a_free_class_seat_and_becomes_a_team_course(
    unit, django_capture_on_commit_callbacks
):
    """Nobody chose a therapist or a class: a free seat on a suitable class is cheaper than a
    therapist's individual hours. A course with its therapist chosen stays individual."""
    open_course = _waiting_course(unit["leader"], 7)
    open_course.delivery_type = DeliveryType.INDIVIDUAL
    open_course.save(update_fields=["delivery_type"])
    chosen = _waiting_course(unit["leader"], 8)
    chosen.delivery_type = DeliveryType.INDIVIDUAL
    chosen.therapist = unit["monday"].therapist
    chosen.save(update_fields=["delivery_type", "therapist"])
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    starts = {start["course_id"]: start for start in proposal.result["starts"]}
    assert starts[str(open_course.pk)]["class_id"] is not None
    assert starts[str(open_course.pk)]["on_time"]
    assert starts[str(chosen.pk)]["class_id"] is None
    proposal_accept(user=unit["leader"], proposal=proposal)
    open_course.refresh_from_db()
    assert open_course.delivery_type == DeliveryType.TEAM
    assert str(open_course.team_class_id) == starts[str(open_course.pk)]["class_id"]
    chosen.refresh_from_db()
    assert chosen.delivery_type == DeliveryType.INDIVIDUAL
    assert chosen.team_class is None


# The move list and the planner's wording: only feasible moves, names instead of ids.


@pytest.fixture
def maintenance_class(unit):
    monday = unit["monday"]
    return TeamClass.objects.create(
        municipality=monday.municipality,
        name="Vedligehold fredag",
        location=Location.objects.get(municipality=monday.municipality),
        weekday=4,
        starts_at=datetime.time(10, 0),
        capacity=10,
        minimum_to_run=1,
        level="vedligehold",
        profession=Profession.PHYSIOTHERAPIST,
        therapist=monday.therapist,
    )


def test_the_move_list_offers_a_class_with_room_and_never_one_the_plan_refuses(
    client, unit, waiting, maintenance_class, django_capture_on_commit_callbacks
):
    Course.objects.filter(pk=waiting[2].pk).update(status=CourseStatus.CANCELLED)
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    moves = feasible_moves(proposal)
    monday, wednesday = str(unit["monday"].pk), str(unit["wednesday"].pk)
    for start in proposal.result["starts"]:
        offered = set(moves[start["course_id"]].class_ids)
        assert str(maintenance_class.pk) not in offered  # wrong level
        assert start["class_id"] in offered
    # Two citizens and three seats: someone can move to the other class.
    assert any(set(option.class_ids) == {monday, wednesday} for option in moves.values())
    client.force_login(unit["leader"])
    page = client.get(f"/planlaeg/{proposal.pk}/").content.decode()
    # The class is named in the fill report, but never offered in a move list.
    assert ">Vedligehold fredag, fredag" not in page


def test_a_full_plan_offers_no_move_and_says_so(
    client, unit, waiting, maintenance_class, django_capture_on_commit_callbacks
):
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    moves = feasible_moves(proposal)
    assert all(len(option.class_ids) == 1 for option in moves.values())
    client.force_login(unit["leader"])
    page = client.get(f"/planlaeg/{proposal.pk}/").content.decode()
    assert 'data-testid="move-form"' not in page
    assert "Intet andet hold passer." in page


def test_a_refused_move_is_worded_with_names_and_no_ids(
    unit, waiting, maintenance_class, django_capture_on_commit_callbacks
):
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    start = proposal.result["starts"][0]
    course = Course.objects.get(pk=start["course_id"])
    with pytest.raises(ValidationError) as error:
        proposal_adjust(
            user=unit["leader"],
            proposal=proposal,
            course_id=start["course_id"],
            class_id=str(maintenance_class.pk),
        )
    text = " ".join(error.value.messages)
    assert (
        f"{course.citizen.full_name}: holdet Vedligehold fredag har niveau vedligehold, "
        "men forløbet er på niveau basal." in text
    )
    assert f"Forløb {course.pk}" not in text
    assert f"hold {maintenance_class.pk}" not in text


# The proposal page: its moves are stored with the proposal, its queries do not grow with it.


def _page_queries(client, leader, proposal) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(leader)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/planlaeg/{proposal.pk}/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_proposal_page_reads_the_same_number_of_queries_for_more_rows(
    client, unit, waiting, django_capture_on_commit_callbacks
):
    small = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    TeamClass.objects.filter(pk=unit["monday"].pk).update(capacity=20)
    for number in range(3, 9):
        _waiting_course(unit["leader"], number)
    large = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    assert len(large.result["starts"]) >= 3 * len(small.result["starts"])
    small_queries, _ = _page_queries(client, unit["leader"], small)
    large_queries, page = _page_queries(client, unit["leader"], large)
    assert large_queries == small_queries
    rows = page.count('data-testid="move-form"') + page.count('data-testid="no-move"')
    assert rows == len(large.result["starts"])


def test_the_page_offers_the_moves_stored_with_the_proposal_without_planning_again(
    client, unit, waiting, monkeypatch, django_capture_on_commit_callbacks
):
    Course.objects.filter(pk=waiting[2].pk).update(status=CourseStatus.CANCELLED)
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    stored = proposal.result["moves"]
    assert set(stored) == {start["course_id"] for start in proposal.result["starts"]}

    def no_planning(**_kwargs):
        raise AssertionError("the proposal page must not build the planning problem")

    monkeypatch.setattr("rehabplan.scheduling.moves.build_problem", no_planning)
    _queries, page = _page_queries(client, unit["leader"], proposal)
    assert any(len(options["class_ids"]) > 1 for options in stored.values())
    for course_id, options in stored.items():
        offered = len(options["class_ids"]) > 1
        assert page.count(f'name="course_id" value="{course_id}"') == offered
        for class_id in options["class_ids"] if offered else ():
            assert f'<option value="{class_id}"' in page


def test_a_move_stores_the_moves_of_the_changed_plan(
    unit, waiting, django_capture_on_commit_callbacks
):
    Course.objects.filter(pk=waiting[2].pk).update(status=CourseStatus.CANCELLED)
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    moves = proposal.result["moves"]
    start = next(
        s for s in proposal.result["starts"] if len(moves[s["course_id"]]["class_ids"]) > 1
    )
    target = moves[start["course_id"]]["class_ids"][1]
    proposal_adjust(
        user=unit["leader"], proposal=proposal, course_id=start["course_id"], class_id=target
    )
    proposal.refresh_from_db()
    moved = proposal.result["moves"][start["course_id"]]["class_ids"]
    assert moved[0] == target and start["class_id"] in moved
