"""The feasibility checker: every hard rule, verified on a finished plan from scratch.

It shares no state with the methods that built the plan, so a bug in a method shows up here
as a violation. An empty list means the plan is feasible.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from rehabplan.planning.calendar import class_dates, iso_week, minute_of
from rehabplan.planning.problem import Booking, CourseRequest, Mode, PlanningProblem
from rehabplan.planning.result import PlannedStart, PlanResult, Session, Violation
from rehabplan.planning.wording import danish_date, profession_name

# Start and end minute, whether the plan adds it (not already in the calendar), and its name.
Interval = tuple[int, int, bool, str]
BOOKED = "en aftale i kalenderen"


@dataclass
class _Calendar:
    """Everyone's time as the existing calendar plus the plan has it."""

    therapist_time: dict[tuple[str, date], list[Interval]] = field(
        default_factory=lambda: defaultdict(list)
    )
    citizen_time: dict[tuple[str, date], list[Interval]] = field(
        default_factory=lambda: defaultdict(list)
    )
    seats: dict[tuple[str, date], int] = field(default_factory=lambda: defaultdict(int))
    week_sessions: dict[tuple[str, tuple[int, int]], int] = field(
        default_factory=lambda: defaultdict(int)
    )
    # Only what the plan adds can break a rule: the existing calendar is taken as given.
    planned_seats: set[tuple[str, date]] = field(default_factory=set)
    planned_weeks: set[tuple[str, tuple[int, int]]] = field(default_factory=set)

    def add_booking(self, booking: Booking) -> None:
        start = minute_of(booking.start)
        interval = (start, start + booking.minutes, False, BOOKED)
        if booking.therapist_id:
            self.therapist_time[booking.therapist_id, booking.day].append(interval)
            if booking.class_id is None:
                self.week_sessions[booking.therapist_id, iso_week(booking.day)] += 1
        if booking.citizen_id:
            self.citizen_time[booking.citizen_id, booking.day].append(interval)
        if booking.class_id:
            self.seats[booking.class_id, booking.day] += 1

    def add_session(self, course: CourseRequest, session: Session) -> None:
        begin = minute_of(session.start)
        interval = (begin, begin + session.minutes, True, course.label)
        self.citizen_time[course.citizen_id, session.day].append(interval)
        if session.class_id:
            self.seats[session.class_id, session.day] += 1
            self.planned_seats.add((session.class_id, session.day))
            return
        week = iso_week(session.day)
        self.therapist_time[session.therapist_id, session.day].append(interval)
        self.week_sessions[session.therapist_id, week] += 1
        self.planned_weeks.add((session.therapist_id, week))


def check_plan(problem: PlanningProblem, result: PlanResult) -> list[Violation]:
    calendar = _Calendar()
    for booking in problem.bookings:
        calendar.add_booking(booking)
    violations = _check_starts(problem, result, calendar)
    violations.extend(_seat_violations(problem, calendar))
    _add_class_meetings(problem, calendar)
    violations.extend(_double_bookings(problem, calendar))
    violations.extend(_week_limits(problem, calendar))
    return violations


def _check_starts(problem, result: PlanResult, calendar: _Calendar) -> list[Violation]:
    courses = {course.id: course for course in problem.courses}
    violations: list[Violation] = []
    seen: set[str] = set()
    for start in result.starts:
        course = courses.get(start.course_id)
        if course is None:
            violations.append(Violation("ukendt", start.course_id, "Forløbet findes ikke."))
            continue
        if start.course_id in seen:
            violations.append(
                Violation("dobbelt", course.id, f"{course.label}: forløbet er planlagt to gange.")
            )
        seen.add(start.course_id)
        violations.extend(_check_course(problem, course, start))
        for session in start.sessions:
            calendar.add_session(course, session)
    return violations


def _seat_violations(problem: PlanningProblem, calendar: _Calendar) -> list[Violation]:
    violations = []
    for class_id, day in sorted(calendar.planned_seats):
        taken = calendar.seats[class_id, day]
        team = problem.team_class(class_id)
        if team.enrolled + taken > team.capacity:
            violations.append(
                Violation(
                    "kapacitet",
                    None,
                    _sentence(
                        f"{team.label} har {team.enrolled + taken} deltagere "
                        f"{danish_date(day)}, men kun {team.capacity} pladser."
                    ),
                )
            )
    return violations


def _add_class_meetings(problem: PlanningProblem, calendar: _Calendar) -> None:
    """A class's meetings take its therapist's time on each of the class's days."""
    closed = problem.closed_days
    for team in problem.classes:
        for (therapist_id, day), intervals in list(calendar.therapist_time.items()):
            if (
                therapist_id == team.therapist_id
                and day.weekday() in team.weekdays
                and day not in closed
            ):
                intervals.append(
                    (team.start_minute, team.start_minute + team.minutes, False, team.label)
                )


def _double_bookings(problem: PlanningProblem, calendar: _Calendar) -> list[Violation]:
    citizens = {course.citizen_id: course.label for course in problem.courses}
    violations = []
    for (therapist_id, day), intervals in calendar.therapist_time.items():
        clash = _overlap(intervals)
        if clash:
            violations.append(
                Violation(
                    "dobbeltbooking",
                    None,
                    _sentence(
                        f"{problem.therapist(therapist_id).label} er dobbeltbooket "
                        f"{danish_date(day)}: {clash}."
                    ),
                )
            )
    for (citizen_id, day), intervals in calendar.citizen_time.items():
        clash = _overlap(intervals)
        if clash:
            violations.append(
                Violation(
                    "borger",
                    None,
                    f"{citizens.get(citizen_id, 'Borgeren')} er dobbeltbooket "
                    f"{danish_date(day)}: {clash}.",
                )
            )
    return violations


def _week_limits(problem: PlanningProblem, calendar: _Calendar) -> list[Violation]:
    violations = []
    for therapist_id, week in sorted(calendar.planned_weeks):
        count = calendar.week_sessions[therapist_id, week]
        limit = problem.therapist(therapist_id).max_sessions_per_week
        if count > limit:
            violations.append(
                Violation(
                    "ugemaks",
                    None,
                    _sentence(
                        f"{problem.therapist(therapist_id).label} har {count} træninger i uge "
                        f"{week[1]}, højst {limit}."
                    ),
                )
            )
    return violations


def check_start(
    problem: PlanningProblem, course: CourseRequest, start: PlannedStart
) -> list[Violation]:
    """The rules one start keeps on its own, whatever else the plan holds: its dates, extent,
    weekdays, and its class or therapist."""
    return _check_course(problem, course, start)


def _check_course(
    problem: PlanningProblem, course: CourseRequest, start: PlannedStart
) -> list[Violation]:
    found: list[Violation] = []

    def add(rule: str, message: str) -> None:
        found.append(Violation(rule, course.id, f"{course.label}: {message}"))

    sessions = sorted(start.sessions, key=lambda session: session.day)
    _check_start_and_extent(problem, course, start, sessions, add)
    _check_days(problem, course, sessions, add)
    if course.mode is Mode.TEAM or (start.class_id is not None and course.joins_classes):
        _check_team(problem, course, start, sessions, add)
    else:
        _check_individual(problem, course, start, sessions, add)
    return found


def _check_start_and_extent(problem, course, start, sessions, add) -> None:
    if start.start_date < course.earliest_start:
        add(
            "tidligst",
            f"starter {danish_date(start.start_date)} før tidligste start "
            f"{danish_date(course.earliest_start)}.",
        )
    if not problem.horizon.contains(start.start_date):
        add("periode", f"starter {danish_date(start.start_date)} uden for planperioden.")
    if not sessions or sessions[0].day != start.start_date:
        add("start", "startdatoen er ikke dagen for første træning.")
    if len(sessions) != course.session_count:
        add("omfang", f"har {len(sessions)} træninger, omfanget er {course.session_count}.")


def _check_days(problem, course, sessions, add) -> None:
    if len({session.day for session in sessions}) != len(sessions):
        add("frekvens", "har to træninger samme dag.")
    per_week: dict[tuple[int, int], int] = defaultdict(int)
    for session in sessions:
        per_week[iso_week(session.day)] += 1
        if session.day in problem.closed_days:
            add("lukket", f"har træning på en lukkedag, {danish_date(session.day)}.")
        if session.day.weekday() in course.blocked_weekdays:
            add(
                "ugedag",
                f"har træning på en ugedag, borgeren ikke kan ({danish_date(session.day)}).",
            )
    if any(count > course.sessions_per_week for count in per_week.values()):
        add("frekvens", f"har flere end {course.sessions_per_week} træninger i en uge.")


def _check_team(problem, course, start, sessions, add) -> None:
    if start.class_id is None:
        add("form", "er et holdforløb uden hold.")
        return
    team = problem.team_class(start.class_id)
    if team.level != course.level:
        add(
            "niveau",
            f"{team.label} har niveau {team.level}, men forløbet er på niveau {course.level}.",
        )
    if problem.therapist(team.therapist_id).profession is not course.profession:
        add("faggruppe", f"{team.label} ledes ikke af en {profession_name(course.profession)}.")
    if len(team.weekdays) > course.sessions_per_week:
        add(
            "frekvens",
            f"{team.label} mødes {len(team.weekdays)} gange om ugen, "
            f"forløbet har {course.sessions_per_week}.",
        )
    expected = class_dates(problem, team, start.start_date, course.session_count)
    if [session.day for session in sessions] != expected or any(
        session.class_id != team.id or session.start != team.start for session in sessions
    ):
        add("hold", f"træningerne følger ikke mødedage og mødetid for {team.label}.")


def _check_individual(problem, course, start, sessions, add) -> None:
    if start.class_id is not None:
        add("form", "er et individuelt forløb på et hold.")
    therapist = problem.therapist(start.therapist_id)
    if therapist.profession is not course.profession:
        add("faggruppe", f"{therapist.label} er ikke {profession_name(course.profession)}.")
    for session in sessions:
        if session.therapist_id != therapist.id:
            add(
                "kontinuitet",
                f"træningen {danish_date(session.day)} er hos en anden terapeut.",
            )
        if session.minutes != course.session_minutes:
            add(
                "varighed",
                f"træningen {danish_date(session.day)} varer {session.minutes} minutter.",
            )
        hours = therapist.hours_on(session.day.weekday())
        begin = minute_of(session.start)
        if (
            hours is None
            or begin < minute_of(hours.start)
            or begin + session.minutes > minute_of(hours.end)
        ):
            add(
                "arbejdstid",
                f"træningen {danish_date(session.day)} kl. {session.start:%H.%M} er uden for "
                f"{therapist.label}s arbejdstid.",
            )
        if therapist.is_absent(session.day):
            add("fravær", f"{therapist.label} er fraværende {danish_date(session.day)}.")


def _overlap(intervals: list[Interval]) -> str:
    """The first two overlapping intervals of which at least one is planned (not a booking)."""
    active: list[Interval] = []
    for interval in sorted(intervals):
        active = [other for other in active if other[1] > interval[0]]
        for other in active:
            if other[2] or interval[2]:
                return f"{other[3]} og {interval[3]}"
        active.append(interval)
    return ""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
