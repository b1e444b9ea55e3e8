"""Whether a course fits one therapist on its own, in every week it runs.

An option of the assignment model is a start on one therapist. It is exact only if some weekly
pattern from that start has a free time on every date the course needs (working hours,
existing bookings, class meetings, the citizen's own appointments), skips closed and absent
days the way the placement does, and stays within the therapist's weekly limit. Asking that
date by date for every course, therapist, start and pattern would repeat the same questions
hundreds of thousands of times, so `FitIndex` keeps, per therapist, weekly pattern and session
length, one `PatternLine`: the pattern's open dates in order, which of them have no free time,
and where each week begins. A start and a number of sessions is then a slice of that line:
it fits if no full date lies in the slice and no week of it asks more sessions than the
therapist has left that week.

Days are counted from the planning period's first Monday, so a day's week is `day // 7`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rehabplan.planning.calendar import MAX_COURSE_SPAN_DAYS, mask
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.placement import slot_starts
from rehabplan.planning.problem import CourseRequest, Therapist

Pattern = tuple[int, ...]


@dataclass
class PatternLine:
    days: list[int]  # the pattern's open days from the period's start, in order
    first_full: list[int]  # per position, the first position at or after it with no free time
    position: dict[int, int]  # day -> position in `days`
    week_begins: dict[int, int]  # week -> first position in that week (or after it)
    short_weeks: list[tuple[int, int]]  # (week, sessions left) where fewer than the pattern's


class FitIndex:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.problem = ledger.problem
        self.origin = self.problem.horizon.first_day
        self.span_days = 7 * self.problem.horizon.weeks + MAX_COURSE_SPAN_DAYS
        self._lines: dict[tuple[str, Pattern, int], PatternLine] = {}
        self._full_days: dict[tuple[str, int, int], set[int]] = {}
        self._left: dict[str, list[int]] = {}
        self._skipped_days: dict[str, set[int]] = {}

    def day_number(self, day: date) -> int:
        return (day - self.origin).days

    def date_of(self, day: int) -> date:
        return self.origin + timedelta(days=day)

    def pattern_days(
        self, course: CourseRequest, therapist: Therapist, start: date, pattern: Pattern
    ) -> tuple[int, ...] | None:
        """The course's session days (numbered from the period's start) with this weekly
        pattern from `start`, or None if the pattern does not fit on its own: a date without a
        free time, a week over the therapist's limit, or too few open days in reach."""
        line = self._line(therapist, pattern, course.session_minutes)
        first = line.position.get(self.day_number(start))
        count = course.session_count
        if (
            first is None
            or first + count > len(line.days)
            or line.first_full[first] < first + count
        ):
            return None
        days = line.days[first : first + count]
        for week, left in line.short_weeks:
            if days[0] // 7 <= week <= days[-1] // 7:
                begins, ends = line.week_begins[week], line.week_begins[week + 1]
                if min(ends, first + count) - max(begins, first) > left:
                    return None
        # Only a citizen with something in the calendar needs a look of their own; everyone
        # else is free whenever the therapist is.
        if course.citizen_id in self.ledger.citizens_with_time and not all(
            self._citizen_can(course, therapist, self.date_of(day)) for day in days
        ):
            return None
        return tuple(days)

    def _line(self, therapist: Therapist, pattern: Pattern, minutes: int) -> PatternLine:
        key = (therapist.id, pattern, minutes)
        line = self._lines.get(key)
        if line is None:
            line = self._build_line(therapist, pattern, minutes)
            self._lines[key] = line
        return line

    def _build_line(self, therapist: Therapist, pattern: Pattern, minutes: int) -> PatternLine:
        skipped = self._skipped(therapist)
        full_days = {weekday: self._full(therapist, weekday, minutes) for weekday in pattern}
        days: list[int] = []
        full: list[bool] = []
        week_begins: dict[int, int] = {}
        weeks = -(-self.span_days // 7)
        for week in range(weeks + 1):
            week_begins[week] = len(days)
            if week == weeks:
                break
            for weekday in pattern:
                day = 7 * week + weekday
                if day in skipped:
                    continue  # no session that day: the course goes on at its next pattern day
                days.append(day)
                full.append(day in full_days[weekday])
        first_full = [len(days)] * len(days)
        following = len(days)
        for position in range(len(days) - 1, -1, -1):
            if full[position]:
                following = position
            first_full[position] = following
        left = self._sessions_left(therapist)
        short_weeks = [(week, left[week]) for week in range(weeks) if left[week] < len(pattern)]
        return PatternLine(
            days, first_full, {day: i for i, day in enumerate(days)}, week_begins, short_weeks
        )

    def _full(self, therapist: Therapist, weekday: int, minutes: int) -> set[int]:
        """Open days on this weekday on which no session of `minutes` fits the therapist's
        free time (every day, if the therapist does not work that weekday)."""
        key = (therapist.id, weekday, minutes)
        found = self._full_days.get(key)
        if found is not None:
            return found
        found = set()
        starts = slot_starts(therapist, weekday, minutes)
        for day in range(weekday, self.span_days, 7):
            when = self.origin + timedelta(days=day)
            blocked = self.ledger.therapist_blocked(therapist, [when])
            if all(mask(minute, minutes) & blocked for minute in starts):
                found.add(day)
        self._full_days[key] = found
        return found

    def _skipped(self, therapist: Therapist) -> set[int]:
        """Days without sessions for this therapist: closed days and absences."""
        found = self._skipped_days.get(therapist.id)
        if found is None:
            found = {self.day_number(day) for day in self.problem.closed_days}
            for absence in therapist.absences:
                day = absence.first_day
                while day <= absence.last_day:
                    found.add(self.day_number(day))
                    day += timedelta(days=1)
            self._skipped_days[therapist.id] = found
        return found

    def _sessions_left(self, therapist: Therapist) -> list[int]:
        found = self._left.get(therapist.id)
        if found is None:
            found = [
                self.ledger.sessions_left(therapist, self.origin + timedelta(days=7 * week))
                for week in range(-(-self.span_days // 7) + 1)
            ]
            self._left[therapist.id] = found
        return found

    def session_minutes_free(self, therapist: Therapist, day: int, length: int = 60) -> int:
        """The most minutes sessions of `length` can fill on this day: `length` for each of
        the most grid times of that length that are free and do not overlap. With one hour,
        no plan fills more: every session takes whole hours on the grid (a home visit covers
        two). With two hours, the count bounds the home visits that day."""
        when = self.date_of(day)
        if day in self._skipped(therapist):
            return 0
        blocked = self.ledger.therapist_blocked(therapist, [when])
        count, free_from = 0, -1
        for minute in slot_starts(therapist, when.weekday(), length):
            if minute >= free_from and not mask(minute, length) & blocked:
                count += 1
                free_from = minute + length
        return length * count

    def _citizen_can(self, course: CourseRequest, therapist: Therapist, day: date) -> bool:
        blocked = self.ledger.therapist_blocked(therapist, [day]) | self.ledger.citizen_blocked(
            course.citizen_id, [day]
        )
        return any(
            not mask(minute, course.session_minutes) & blocked
            for minute in slot_starts(therapist, day.weekday(), course.session_minutes)
        )
