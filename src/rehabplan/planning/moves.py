"""Whether one course of a finished plan can start elsewhere without breaking a hard rule.

`check_plan` verifies a whole plan from scratch; asking it once per course and candidate class
or therapist costs the whole calendar each time. A move changes one course only, and taking a
course out of a plan can break no rule, so a moved start breaks a rule exactly when the start
itself does (its own extent, days, class or therapist), or when one of its sessions meets
something already in the calendar or in the rest of the plan: a full class meeting, a
therapist's or the citizen's other time, a therapist's weekly limit. `PlanCalendar` holds the
calendar and the plan once, keyed so that each of those questions is a few lookups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from rehabplan.planning.calendar import iso_week, minute_of
from rehabplan.planning.checker import check_start
from rehabplan.planning.problem import CourseRequest, PlanningProblem
from rehabplan.planning.result import PlannedStart, PlanResult, Session

# Start and end minute, and the course whose session it is (None: already in the calendar).
Span = tuple[int, int, str | None]
Week = tuple[str, tuple[int, int]]


class PlanCalendar:
    """The existing calendar plus every session of a plan, built once per plan."""

    def __init__(self, problem: PlanningProblem, result: PlanResult) -> None:
        self.problem = problem
        self.therapist_time: dict[tuple[str, date], list[Span]] = defaultdict(list)
        self.citizen_time: dict[tuple[str, date], list[Span]] = defaultdict(list)
        self.seats: Counter[tuple[str, date]] = Counter()
        self.week_sessions: Counter[Week] = Counter()
        self.class_times: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
        for team in problem.classes:
            for weekday in team.weekdays:
                self.class_times[team.therapist_id, weekday].append(
                    (team.start_minute, team.start_minute + team.minutes)
                )
        for booking in problem.bookings:
            begin = minute_of(booking.start)
            span = (begin, begin + booking.minutes, None)
            if booking.therapist_id:
                self.therapist_time[booking.therapist_id, booking.day].append(span)
                if booking.class_id is None:
                    self.week_sessions[booking.therapist_id, iso_week(booking.day)] += 1
            if booking.citizen_id:
                self.citizen_time[booking.citizen_id, booking.day].append(span)
            if booking.class_id:
                self.seats[booking.class_id, booking.day] += 1
        courses = {course.id: course for course in problem.courses}
        for start in result.starts:
            course = courses.get(start.course_id)
            if course is not None:
                self._add(course, start.sessions)

    def _add(self, course: CourseRequest, sessions: tuple[Session, ...]) -> None:
        for session in sessions:
            begin = minute_of(session.start)
            span = (begin, begin + session.minutes, course.id)
            self.citizen_time[course.citizen_id, session.day].append(span)
            if session.class_id:
                self.seats[session.class_id, session.day] += 1
            else:
                self.therapist_time[session.therapist_id, session.day].append(span)
                self.week_sessions[session.therapist_id, iso_week(session.day)] += 1

    def fits(self, course: CourseRequest, current: PlannedStart, moved: PlannedStart) -> bool:
        """True if the plan with `current` replaced by `moved` breaks no rule the plan without
        this course keeps."""
        if check_start(self.problem, course, moved):
            return False
        own_seats = Counter(
            (session.class_id, session.day) for session in current.sessions if session.class_id
        )
        own_weeks = Counter(
            (session.therapist_id, iso_week(session.day))
            for session in current.sessions
            if not session.class_id
        )
        new_weeks: Counter[Week] = Counter()
        for session in moved.sessions:
            if not self._citizen_free(course, session):
                return False
            if session.class_id:
                if not self._seat_free(session, own_seats):
                    return False
                continue
            if not self._therapist_free(course, session):
                return False
            new_weeks[session.therapist_id, iso_week(session.day)] += 1
        return all(
            self.week_sessions[week] - own_weeks[week] + count
            <= self.problem.therapist(week[0]).max_sessions_per_week
            for week, count in new_weeks.items()
        )

    def _citizen_free(self, course: CourseRequest, session: Session) -> bool:
        begin = minute_of(session.start)
        return not any(
            owner != course.id and begin < end and start < begin + session.minutes
            for start, end, owner in self.citizen_time.get((course.citizen_id, session.day), ())
        )

    def _seat_free(self, session: Session, own: Counter[tuple[str, date]]) -> bool:
        team = self.problem.team_class(session.class_id or "")
        key = (team.id, session.day)
        return team.enrolled + self.seats[key] - own[key] + 1 <= team.capacity

    def _therapist_free(self, course: CourseRequest, session: Session) -> bool:
        begin, end = minute_of(session.start), minute_of(session.start) + session.minutes
        key = (session.therapist_id, session.day)
        if any(
            owner != course.id and begin < other_end and other_begin < end
            for other_begin, other_end, owner in self.therapist_time.get(key, ())
        ):
            return False
        # (A session on a closed day, when classes do not meet, is refused by `check_start`.)
        return not any(
            begin < class_end and class_begin < end
            for class_begin, class_end in self.class_times.get(
                (session.therapist_id, session.day.weekday()), ()
            )
        )
