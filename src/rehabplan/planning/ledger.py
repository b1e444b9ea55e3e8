"""The calendar as it fills up: who is busy when, and how many seats each class meeting has.

All planning methods place courses through one `Ledger`, so they all obey the same hard rules;
the feasibility checker then verifies the finished plan independently of it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from rehabplan.planning.calendar import iso_week, mask, minute_of
from rehabplan.planning.problem import PlanningProblem, Therapist
from rehabplan.planning.result import Session


class Ledger:
    def __init__(self, problem: PlanningProblem) -> None:
        self.problem = problem
        self.therapist_busy: dict[tuple[str, date], int] = defaultdict(int)
        self.citizen_busy: dict[tuple[str, date], int] = defaultdict(int)
        self.seats_taken: dict[tuple[str, date], int] = defaultdict(int)
        self.week_sessions: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
        self.working_mask: dict[tuple[str, int], int] = {}
        self.class_mask: dict[tuple[str, int], int] = defaultdict(int)
        self.compatible: dict[str | tuple[str, str], list] = {}
        # Citizens with anything in the calendar (an appointment, or sessions placed here).
        self.citizens_with_time: set[str] = set()
        for therapist in problem.therapists:
            for hours in therapist.working_hours:
                start = minute_of(hours.start)
                self.working_mask[therapist.id, hours.weekday] = mask(
                    start, minute_of(hours.end) - start
                )
        for team in problem.classes:
            for weekday in team.weekdays:
                self.class_mask[team.therapist_id, weekday] |= mask(team.start_minute, team.minutes)
        for booking in problem.bookings:
            booked = mask(minute_of(booking.start), booking.minutes)
            if booking.therapist_id:
                self.therapist_busy[booking.therapist_id, booking.day] |= booked
                if booking.class_id is None:
                    self.week_sessions[booking.therapist_id, iso_week(booking.day)] += 1
            if booking.citizen_id:
                self.citizen_busy[booking.citizen_id, booking.day] |= booked
                self.citizens_with_time.add(booking.citizen_id)
            if booking.class_id:
                self.seats_taken[booking.class_id, booking.day] += 1

    def therapist_free(self, therapist: Therapist, day: date, wanted: int) -> bool:
        """True if `wanted` (a mask) lies inside working hours and clashes with nothing."""
        working = self.working_mask.get((therapist.id, day.weekday()), 0)
        if wanted & ~working:
            return False
        busy = self.therapist_busy.get((therapist.id, day), 0)
        if day not in self.problem.closed_days:
            busy |= self.class_mask.get((therapist.id, day.weekday()), 0)
        return not wanted & busy

    def therapist_blocked(self, therapist: Therapist, days: list[date]) -> int:
        """The union of everything that rules out a time on all `days` (same weekday)."""
        weekday = days[0].weekday()
        blocked = ~self.working_mask.get((therapist.id, weekday), 0)
        busy = self.therapist_busy
        for day in days:
            blocked |= busy.get((therapist.id, day), 0)
        if any(day not in self.problem.closed_days for day in days):
            blocked |= self.class_mask.get((therapist.id, weekday), 0)
        return blocked

    def citizen_blocked(self, citizen_id: str, days: list[date]) -> int:
        blocked = 0
        for day in days:
            blocked |= self.citizen_busy.get((citizen_id, day), 0)
        return blocked

    def citizen_free(self, citizen_id: str, day: date, wanted: int) -> bool:
        return not wanted & self.citizen_busy.get((citizen_id, day), 0)

    def seats_free(self, class_id: str, day: date) -> int:
        team = self.problem.team_class(class_id)
        return team.capacity - team.enrolled - self.seats_taken.get((class_id, day), 0)

    def sessions_left(self, therapist: Therapist, day: date) -> int:
        return therapist.max_sessions_per_week - self.week_sessions.get(
            (therapist.id, iso_week(day)), 0
        )

    def fit_index(self):
        """A `FitIndex` of this calendar. The calendar only fills up, so a weekly pattern that
        does not fit on its own now never fits later: a quick no for the placement."""
        found = self.__dict__.get("_fit_index")
        if found is None:
            from rehabplan.planning.fit import FitIndex

            found = FitIndex(self)
            self.__dict__["_fit_index"] = found
        return found

    def release(self, citizen_id: str, sessions: tuple[Session, ...]) -> None:
        """Take back what `commit` booked (a plan's sessions never overlap anything else, so
        clearing their time frees exactly them). The fit index goes too: it was built on a
        fuller calendar and would refuse what now fits."""
        for session in sessions:
            booked = mask(minute_of(session.start), session.minutes)
            self.citizen_busy[citizen_id, session.day] &= ~booked
            if session.class_id:
                self.seats_taken[session.class_id, session.day] -= 1
            else:
                self.therapist_busy[session.therapist_id, session.day] &= ~booked
                self.week_sessions[session.therapist_id, iso_week(session.day)] -= 1
        self.__dict__.pop("_fit_index", None)
        self.__dict__.pop("_no_room", None)

    def commit(self, citizen_id: str, sessions: tuple[Session, ...]) -> None:
        self.citizens_with_time.add(citizen_id)
        for session in sessions:
            booked = mask(minute_of(session.start), session.minutes)
            self.citizen_busy[citizen_id, session.day] |= booked
            if session.class_id:
                self.seats_taken[session.class_id, session.day] += 1
            else:
                self.therapist_busy[session.therapist_id, session.day] |= booked
                self.week_sessions[session.therapist_id, iso_week(session.day)] += 1
