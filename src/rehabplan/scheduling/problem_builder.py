"""From the database to the planner's plain problem data: the courses waiting to start, the
therapists, team classes and everything already booked in the planning period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from rehabplan import planning, rules
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    Course,
    CourseStatus,
    DecisionOutcome,
    DeliveryType,
    Session,
    SessionStatus,
)
from rehabplan.courses.selectors.counting import count_per_row
from rehabplan.organisation.models import (
    Absence,
    ClosedDay,
    Municipality,
    TeamClass,
    Therapist,
)
from rehabplan.organisation.standards import installation_registry
from rehabplan.scheduling.weeks import first_bookable_day

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# The planning period: the week planned plus the weeks a course's first sessions may fall in.
HORIZON_WEEKS = 4
# Used only when neither a decision nor the standard gives a weekly frequency or a length.
FALLBACK_SESSIONS_PER_WEEK = 2
FALLBACK_WEEKS = 8
ACTIVE_COURSE_STATUSES = (CourseStatus.ACTIVE, CourseStatus.PROPOSED_FOR_ENDING)
# Session ids per query for their participants: well under SQLite's limit on parameters.
PARTICIPANT_CHUNK = 5000
# Read once per course instead of once per course and question.
COURSE_PREFETCH = ("referral__deadlines", "referral__decisions")


@dataclass(frozen=True)
class BuiltProblem:
    problem: planning.PlanningProblem
    courses: dict[str, Course]
    skipped: dict[str, str]  # course id -> Danish reason it could not be planned at all


def courses_waiting(municipality: Municipality) -> list[Course]:
    """Courses that have no session booked yet and are waiting to start."""
    return list(
        Course.objects.filter(municipality=municipality, status=CourseStatus.AWAITING_START)
        .exclude(Exists(Attendance.objects.filter(course=OuterRef("pk"))))
        .select_related("citizen", "referral", "therapist", "team_class", "municipality")
        .prefetch_related(*COURSE_PREFETCH)
        .order_by("referral__received_on", "id")
    )


def build_problem(
    *,
    municipality: Municipality,
    first_day: datetime.date,
    courses: list[Course] | None = None,
    today: datetime.date | None = None,
) -> BuiltProblem:
    """The planning problem for the weeks from the Monday `first_day`. Every planning step
    (computing, adjusting and accepting a proposal) builds it here, so no course may start before
    the first bookable day (tomorrow, once the week has begun) and a week that is over is refused
    here, however long ago the proposal was made."""
    bookable_from = first_bookable_day(first_day, today or timezone.localdate())
    horizon = planning.Horizon(first_day=first_day, weeks=HORIZON_WEEKS)
    last_day = horizon.last_day
    therapists = _therapists(municipality, first_day)
    therapist_ids = {therapist.id for therapist in therapists}
    classes = _classes(municipality, therapist_ids)
    requests: list[planning.CourseRequest] = []
    # One registry for every course: asking for it costs a query (is there a newer upload?).
    registry = installation_registry()
    by_id: dict[str, Course] = {}
    skipped: dict[str, str] = {}
    for order, course in enumerate(
        courses if courses is not None else courses_waiting(municipality)
    ):
        request, reason = _course_request(course, order, bookable_from, therapist_ids, registry)
        if request is None:
            skipped[str(course.pk)] = reason
            continue
        requests.append(request)
        by_id[request.id] = course
    problem = planning.PlanningProblem(
        horizon=horizon,
        courses=tuple(requests),
        therapists=tuple(therapists),
        classes=tuple(classes),
        bookings=tuple(_bookings(municipality, first_day, last_day, therapist_ids)),
        closed_days=frozenset(_closed_days(municipality, first_day, last_day)),
    )
    return BuiltProblem(problem=problem, courses=by_id, skipped=skipped)


def _therapists(municipality: Municipality, first_day: datetime.date) -> list[planning.Therapist]:
    # Only absences that reach into the planning period matter: nothing is planned before it.
    absences = Absence.objects.filter(last_day__gte=first_day).order_by("first_day", "pk")
    result = []
    for therapist in Therapist.objects.filter(
        municipality=municipality, active=True
    ).prefetch_related("working_hours", Prefetch("absences", queryset=absences)):
        if therapist.profession not in planning.Profession.__members__.values():
            continue
        hours = tuple(
            planning.WorkingHours(weekday=hours.weekday, start=hours.starts_at, end=hours.ends_at)
            for hours in therapist.working_hours.all()
        )
        if not hours:
            continue
        result.append(
            planning.Therapist(
                id=str(therapist.pk),
                name=therapist.name,
                profession=therapist.profession,
                working_hours=hours,
                max_sessions_per_week=therapist.max_sessions_per_week,
                absences=tuple(
                    planning.Absence(first_day=absence.first_day, last_day=absence.last_day)
                    for absence in therapist.absences.all()
                ),
            )
        )
    return result


def _seats_held(team_class: OuterRef) -> Subquery:
    """Courses holding a seat on a class: running ones, and those waiting with a session
    booked. One aggregate per class over the (team_class, status) index, instead of joining
    every course the class ever had with its attendances."""
    holding = Course.objects.filter(team_class=team_class).filter(
        Q(status__in=ACTIVE_COURSE_STATUSES)
        | Q(
            Exists(Attendance.objects.filter(course=OuterRef("pk"))),
            status=CourseStatus.AWAITING_START,
        )
    )
    return count_per_row(holding, "team_class")


def _classes(municipality: Municipality, therapist_ids: set[str]) -> list[planning.TeamClass]:
    # In id order, as the planner has always seen them (its tie-breaks follow this order).
    classes = (
        TeamClass.objects.filter(municipality=municipality, active=True)
        .annotate(enrolled=_seats_held(OuterRef("pk")))
        .order_by("pk")
    )
    return [
        planning.TeamClass(
            id=str(team.pk),
            location=team.location.name,
            weekdays=team.weekdays,
            start=team.starts_at,
            minutes=team.duration_minutes,
            capacity=team.capacity,
            minimum_to_run=team.minimum_to_run,
            level=team.level,
            therapist_id=str(team.therapist_id),
            enrolled=min(team.enrolled, team.capacity),
            name=team.name,
        )
        for team in classes.select_related("location")
        if str(team.therapist_id) in therapist_ids
    ]


def _course_request(
    course: Course,
    order: int,
    first_day: datetime.date,
    therapist_ids: set[str],
    registry: rules.StandardsRegistry,
) -> tuple[planning.CourseRequest | None, str]:
    referral = course.referral
    if referral is None:
        return None, "Forløbet har ingen henvisning, og derfor ingen startfrist."
    start_deadline = next(
        (deadline for deadline in referral.deadlines.all() if deadline.kind == "start"), None
    )
    if start_deadline is None or start_deadline.due is None:
        return None, "Startfristen er ikke kendt endnu (afventer afgørelse)."
    service = _service(registry, course, referral.standard_date)
    if service is None:
        return None, "Kvalitetsstandarden kender ikke forløbets indsats."
    sessions_per_week, weeks, max_sessions = _extent(course, registry)
    mode = (
        planning.Mode.TEAM
        if course.delivery_type == DeliveryType.TEAM
        else planning.Mode.INDIVIDUAL
    )
    earliest = max(first_day, referral.gop_start_on or first_day, referral.received_on)
    profession = (
        course.team_class.profession
        if course.team_class_id
        else course.therapist.profession
        if course.therapist_id
        else planning.Profession.PT
    )
    preferred = str(course.therapist_id) if str(course.therapist_id) in therapist_ids else None
    request = planning.CourseRequest(
        id=str(course.pk),
        citizen_id=str(course.citizen_id),
        earliest_start=earliest,
        start_deadline=max(start_deadline.due, referral.received_on),
        service_code=course.service_code,
        sessions_per_week=sessions_per_week,
        weeks=weeks,
        mode=mode,
        # The decision's level, the GOP's, else the team-class level the standard gives.
        level=course.level or referral.gop_level or service.level,
        profession=profession,
        received=referral.received_on,
        arrival_order=order,
        preferred_therapist_id=preferred,
        blocked_weekdays=frozenset(course.blocked_weekdays),
        free_choice_applies=_free_choice_when_late(registry, course, referral.standard_date),
        max_sessions=max_sessions,
        # Individual is the default when nobody chose a class or a therapist: such a course may
        # take a free seat on a suitable class instead of a therapist's hours.
        may_join_class=mode is planning.Mode.INDIVIDUAL and course.therapist_id is None,
        name=course.citizen.full_name,
    )
    return request, ""


def _service(
    registry: rules.StandardsRegistry, course: Course, on: datetime.date
) -> rules.Service | None:
    try:
        return registry.resolve(course.municipality.slug, on).service(course.service_code)
    except rules.RulesError:
        return None


def _free_choice_when_late(
    registry: rules.StandardsRegistry, course: Course, on: datetime.date
) -> bool:
    """Whether the standard's `provider` rule gives free choice when the start is late."""
    try:
        choice = rules.provider_choice(
            registry, course.municipality.slug, course.service_code, on=on
        )
    except rules.RulesError:
        return False
    return choice.applies_when_late


def _extent(course: Course, registry: rules.StandardsRegistry) -> tuple[int, int, int | None]:
    """Weekly frequency, length and the cap on sessions: the decision's grant, else the
    standard's extent (for the tier the decision chose, where the standard has tiers)."""
    granted = [
        decision
        for decision in (course.referral.decisions.all() if course.referral_id else ())
        if decision.outcome == DecisionOutcome.GRANTED
    ]
    decision = max(granted, key=lambda decision: decision.pk, default=None)
    granted_sessions = decision.granted_sessions if decision else None
    if decision and decision.sessions_per_week and decision.granted_weeks:
        return (
            min(decision.sessions_per_week, 5),
            min(decision.granted_weeks, 52),
            granted_sessions,
        )
    try:
        extent = rules.extent(
            registry,
            course.municipality.slug,
            course.service_code,
            on=course.standard_date,
            facts={},
            tier=(decision.extent_tier or None) if decision else None,
        )
    except rules.RulesError:
        return FALLBACK_SESSIONS_PER_WEEK, FALLBACK_WEEKS, granted_sessions
    per_week = (
        (decision.sessions_per_week if decision else None)
        or extent.max_sessions_per_week
        or FALLBACK_SESSIONS_PER_WEEK
    )
    # A decided length (a range's choice) comes first, then the standard's typical or maximum.
    weeks = (
        (decision.granted_weeks if decision else None)
        or extent.typical_weeks
        or extent.max_weeks
        or FALLBACK_WEEKS
    )
    return min(per_week, 5), min(weeks, 52), granted_sessions or extent.max_sessions


def _bookings(
    municipality: Municipality,
    first_day: datetime.date,
    last_day: datetime.date,
    therapist_ids: set[str],
) -> list[planning.Booking]:
    """Everything booked in the period, read as plain rows: the sessions by a `starts_at`
    range (the Copenhagen day bounds, so the index on `starts_at` serves it) and their
    participants by session id."""
    period = Q(
        municipality=municipality,
        starts_at__gte=_day_start(first_day),
        starts_at__lt=_day_start(last_day + datetime.timedelta(days=1)),
    )
    sessions = list(
        Session.objects.filter(period)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")
        .values_list("pk", "starts_at", "duration_minutes", "therapist_id", "team_class_id")
    )
    participants = _participants([session[0] for session in sessions])
    bookings = []
    for session_id, starts_at, minutes, therapist, team_class in sessions:
        local = starts_at.astimezone(COPENHAGEN)
        day, start = local.date(), local.time()
        citizens = participants.get(session_id, ())
        if team_class is None:
            bookings.append(
                planning.Booking(
                    id=f"s{session_id}",
                    day=day,
                    start=start,
                    minutes=minutes,
                    therapist_id=str(therapist) if str(therapist) in therapist_ids else None,
                    citizen_id=citizens[0] if citizens else None,
                )
            )
            continue
        # A class occurrence: seats are counted through the class's enrolment; here only the
        # participants' own time is taken.
        bookings.extend(
            planning.Booking(
                id=f"s{session_id}-{index}",
                day=day,
                start=start,
                minutes=minutes,
                citizen_id=citizen,
            )
            for index, citizen in enumerate(citizens)
        )
    return bookings


def _participants(session_ids: list[int]) -> dict[int, list[str]]:
    """Per session, the citizens who still take part (in booking order). Asked by session id,
    in chunks, so the database looks them up by the attendance's session index instead of
    joining the sessions again (which PostgreSQL answers with a scan of every attendance)."""
    participants: dict[int, list[str]] = {}
    for first in range(0, len(session_ids), PARTICIPANT_CHUNK):
        rows = (
            Attendance.objects.filter(session_id__in=session_ids[first : first + PARTICIPANT_CHUNK])
            .exclude(
                status__in=(
                    AttendanceStatus.CANCELLED_BY_THERAPIST,
                    AttendanceStatus.CANCELLED_IN_TIME,
                )
            )
            .order_by("session_id", "pk")
            .values_list("session_id", "course__citizen_id")
        )
        for session_id, citizen_id in rows:
            participants.setdefault(session_id, []).append(str(citizen_id))
    return participants


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight in Copenhagen: the bound of a day as the calendar shows it."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=COPENHAGEN)


def _closed_days(
    municipality: Municipality, first_day: datetime.date, last_day: datetime.date
) -> set[datetime.date]:
    days = set(
        ClosedDay.objects.filter(
            municipality=municipality, day__gte=first_day, day__lte=last_day
        ).values_list("day", flat=True)
    )
    day = first_day
    # Far enough for the last sessions of a course that starts at the end of the period.
    until = last_day + datetime.timedelta(weeks=60)
    while day <= until:
        if rules.is_public_holiday(day):
            days.add(day)
        day += datetime.timedelta(days=1)
    # The standard's own closed days (the customary 5 June, 24 and 31 December and any a
    # municipality lists) are days without training too.
    try:
        standard = rules.closed_days(
            installation_registry(), municipality.slug, start=first_day, end=until
        )
    except rules.RulesError:
        return days
    days.update(closed.day for closed in standard.days if closed.day.weekday() < 5)
    return days
