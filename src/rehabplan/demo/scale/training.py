"""Sessions and attendance: every course's training days booked as the product books them.

A team course takes a seat in its class's session of the day (one session per class occurrence,
never more citizens than the class has seats: class_seats.py has seen to that). An individual
course gets a free slot in its therapist's calendar that day; when her day is full, another day
of the same week inside the course, and when her week is full, a colleague's of the same
profession, that day or another of the week. Sessions before today are held (or cancelled)
and their attendance recorded; from today on they are planned and booked. Nothing is booked
more than four weeks ahead.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ContactType,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.demo.scale.cases import CasePlan, meeting_days
from rehabplan.demo.scale.clock import WorkingDays, local_moment
from rehabplan.demo.scale.copy_writer import TableWriter
from rehabplan.demo.scale.sizes import Period
from rehabplan.demo.scale.staff import Staff, StaffMember
from rehabplan.demo.scale.therapist_calendar import TherapistCalendar

INDIVIDUAL_KINDS = (
    (SessionKind.INDIVIDUAL, ContactType.CENTRE, 45),
    (SessionKind.HOME, ContactType.HOME, 45),
    (SessionKind.VIDEO, ContactType.VIDEO, 30),
)
INDIVIDUAL_KIND_WEIGHTS = (82, 10, 8)
# What became of a place in a session already held: most attended, a few no-shows.
PAST_STATUSES = (
    AttendanceStatus.ATTENDED,
    AttendanceStatus.CANCELLED_IN_TIME,
    AttendanceStatus.CANCELLED_LATE,
    AttendanceStatus.NO_SHOW,
    AttendanceStatus.CANCELLED_BY_THERAPIST,
)
PAST_STATUS_WEIGHTS = (86, 6.5, 2, 4, 1.5)
# An individual session the citizen or therapist cancelled did not take place.
CANCELLING = frozenset(
    {
        AttendanceStatus.CANCELLED_IN_TIME,
        AttendanceStatus.CANCELLED_LATE,
        AttendanceStatus.CANCELLED_BY_THERAPIST,
    }
)
SESSION_FIELDS = [
    "id",
    "municipality",
    "kind",
    "contact_type",
    "team_class",
    "therapist",
    "location",
    "starts_at",
    "duration_minutes",
    "status",
]
ATTENDANCE_FIELDS = ["session", "course", "status", "recorded_by", "recorded_at"]


@dataclass(frozen=True)
class Placed:
    """One booked place: what the notes and tests of the course are written against."""

    session_id: int
    day: datetime.date
    starts_at: datetime.datetime
    status: str
    author_id: int | None


@dataclass
class TrainingCounts:
    sessions: int = 0
    attendances: int = 0
    skipped: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


class Trainer:
    def __init__(
        self,
        *,
        rng: random.Random,
        staff: Staff,
        period: Period,
        municipality_id: int,
        calendar: TherapistCalendar,
        class_sessions: dict[tuple[int, datetime.date], list[int]],
    ) -> None:
        self.rng = rng
        self.period = period
        self.municipality_id = municipality_id
        self.calendar = calendar
        self.days = WorkingDays(staff.closed_days)
        self.sessions = TableWriter(Session, SESSION_FIELDS)
        self.attendance = TableWriter(Attendance, ATTENDANCE_FIELDS)
        self.counts = TrainingCounts()
        self.by_id = {member.therapist_id: member for member in staff.therapists}
        self.colleagues: dict[str, list[StaffMember]] = {}
        for member in staff.therapists:
            self.colleagues.setdefault(member.profession, []).append(member)
        self.any_author = next(m.user_id for m in staff.therapists if m.user_id)
        # Each class session's id and seats taken, those already in the database included.
        self.class_sessions = class_sessions
        self.capacity = {team.class_id: team for team in staff.classes}

    def train(self, case: CasePlan, on_placed: Callable[[CasePlan, list[Placed]], None]) -> None:
        placed = []
        for day in meeting_days(case, self.period.last, self.days):
            if case.team:
                place = self._team_place(case, day)
            else:
                place = self._individual(case, day, placed)
            if place is None:
                self.counts.skipped += 1
                continue
            placed.append(place)
        placed.sort(key=lambda place: place.starts_at)
        on_placed(case, placed)

    def close(self) -> TrainingCounts:
        self.counts.sessions = self.sessions.close()
        self.counts.attendances = self.attendance.close()
        return self.counts

    def _team_place(self, case: CasePlan, day: datetime.date) -> Placed | None:
        team = case.team
        key = (team.class_id, day)
        seats = self.class_sessions.get(key)
        starts_at = local_moment(day, team.starts_at.hour * 60 + team.starts_at.minute)
        if seats is None:
            seats = self.class_sessions[key] = [self.sessions.new_id(), 0]
            self.sessions.add(
                (
                    seats[0],
                    self.municipality_id,
                    SessionKind.TEAM,
                    ContactType.CENTRE,
                    team.class_id,
                    team.therapist_id,
                    team.location_id,
                    starts_at,
                    team.duration_minutes,
                    SessionStatus.HELD if day < self.period.today else SessionStatus.PLANNED,
                )
            )
        if seats[1] >= team.capacity:
            return None
        seats[1] += 1
        status = self._status(day, team=True)
        author = self.by_id[team.therapist_id].user_id
        self._attend(seats[0], case, status, author, starts_at, team.duration_minutes)
        return Placed(seats[0], day, starts_at, status, author or self.any_author)

    def _individual(
        self, case: CasePlan, day: datetime.date, placed: list[Placed]
    ) -> Placed | None:
        slot = self._free_slot(case, day, placed)
        if slot is None:
            return None
        member, day, minute = slot
        kind, contact, minutes = self.rng.choices(
            INDIVIDUAL_KINDS, weights=INDIVIDUAL_KIND_WEIGHTS
        )[0]
        status = self._status(day, team=False)
        if day >= self.period.today:
            session_status = SessionStatus.PLANNED
        elif status in CANCELLING:
            session_status = SessionStatus.CANCELLED
        else:
            session_status = SessionStatus.HELD
        session_id = self.sessions.new_id()
        starts_at = local_moment(day, minute)
        self.sessions.add(
            (
                session_id,
                self.municipality_id,
                kind,
                contact,
                None,
                member.therapist_id,
                None,
                starts_at,
                minutes,
                session_status,
            )
        )
        self._attend(session_id, case, status, member.user_id, starts_at, minutes)
        return Placed(session_id, day, starts_at, status, member.user_id or self.any_author)

    def _free_slot(
        self, case: CasePlan, day: datetime.date, placed: list[Placed]
    ) -> tuple[StaffMember, datetime.date, int] | None:
        """The course's therapist's slot that day or another day of the week; else a
        colleague's, in turn from a random one."""
        minute = self.calendar.take(case.therapist.therapist_id, day, case.preferred_slot)
        if minute is not None:
            return case.therapist, day, minute
        days = [day, *self._other_days_of_week(case, day, {place.day for place in placed})]
        for member in self._therapists_in_turn(case.therapist):
            for candidate in days:
                minute = self.calendar.take(member.therapist_id, candidate, case.preferred_slot)
                if minute is not None:
                    return member, candidate, minute
        return None

    def _therapists_in_turn(self, own: StaffMember) -> Iterator[StaffMember]:
        yield own
        colleagues = self.colleagues[own.profession]
        first = self.rng.randrange(len(colleagues))
        for member in colleagues[first:] + colleagues[:first]:
            if member is not own:
                yield member

    def _other_days_of_week(
        self, case: CasePlan, day: datetime.date, taken_days: set[datetime.date]
    ) -> list[datetime.date]:
        """Open days of `day`'s week the course may move a session to: inside the course,
        not on its own training days, not on a day it already trains."""
        monday = day - datetime.timedelta(days=day.weekday())
        last = min(case.last_day, self.period.last)
        days = (monday + datetime.timedelta(days=offset) for offset in range(5))
        return [
            other
            for other in days
            if other.weekday() not in case.weekdays
            and case.start <= other <= last
            and other not in taken_days
            and self.days.is_open(other)
        ]

    def _status(self, day: datetime.date, *, team: bool) -> str:
        if day >= self.period.today:
            return AttendanceStatus.BOOKED
        status = self.rng.choices(PAST_STATUSES, weights=PAST_STATUS_WEIGHTS)[0]
        if team and status == AttendanceStatus.CANCELLED_BY_THERAPIST:
            # A class is held for the others; the citizen's own cancellation is what is left.
            return AttendanceStatus.CANCELLED_IN_TIME
        return status

    def _attend(
        self,
        session_id: int,
        case: CasePlan,
        status: str,
        author_id: int | None,
        starts_at: datetime.datetime,
        minutes: int,
    ) -> None:
        recorded = status != AttendanceStatus.BOOKED
        self.attendance.add(
            (
                session_id,
                case.course_id,
                status,
                (author_id or self.any_author) if recorded else None,
                starts_at + datetime.timedelta(minutes=minutes) if recorded else None,
            )
        )
        self.counts.statuses[status] = self.counts.statuses.get(status, 0) + 1
