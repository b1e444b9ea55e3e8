"""Each therapist's free time over the history, so no therapist is ever booked twice at once.

Individual sessions take 45-minute slots from 7:30 (twelve Monday to Thursday, ten on Friday,
inside the working hours). A slot is taken by a session already in the database (the demo's),
by a class the therapist leads, or by a session placed here; and a therapist never gets more
individual sessions in a week than her `max_sessions_per_week`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from rehabplan.demo.scale.staff import ClassInfo, StaffMember

FIRST_SLOT_MINUTE = 7 * 60 + 30
SLOT_MINUTES = 45
SLOTS_PER_WEEKDAY = (12, 12, 12, 12, 10, 0, 0)
SLOTS = max(SLOTS_PER_WEEKDAY)


def slot_start(slot: int) -> int:
    """The slot's start in minutes after midnight."""
    return FIRST_SLOT_MINUTE + slot * SLOT_MINUTES


def _slots_touching(start_minute: int, minutes: int) -> range:
    first = max(0, (start_minute - FIRST_SLOT_MINUTE) // SLOT_MINUTES)
    end = start_minute + minutes
    last = (end - FIRST_SLOT_MINUTE + SLOT_MINUTES - 1) // SLOT_MINUTES
    return range(first, min(SLOTS, max(first, last)))


class TherapistCalendar:
    def __init__(
        self,
        *,
        therapists: list[StaffMember],
        classes: list[ClassInfo],
        first: datetime.date,
        last: datetime.date,
    ) -> None:
        # Weeks are counted from the Monday on or before the first day.
        self.monday = first - datetime.timedelta(days=first.weekday())
        self.days = (last - self.monday).days + 1
        self.index = {member.therapist_id: number for number, member in enumerate(therapists)}
        self.limits = [member.max_sessions_per_week for member in therapists]
        self.taken = [bytearray(self.days * SLOTS) for _member in therapists]
        self.week_counts = [[0] * (self.days // 7 + 1) for _member in therapists]
        self.class_slots: dict[tuple[int, int], set[int]] = {}
        for team in classes:
            start = team.starts_at.hour * 60 + team.starts_at.minute
            for weekday in team.weekdays:
                key = (self.index[team.therapist_id], weekday)
                self.class_slots.setdefault(key, set()).update(
                    _slots_touching(start, team.duration_minutes)
                )

    def block_existing(self, sessions: Iterable[tuple[int, datetime.datetime, int, bool]]) -> None:
        """Mark sessions already in the database: (therapist id, local start, minutes,
        counts toward the weekly limit)."""
        for therapist_id, starts_at, minutes, counts in sessions:
            number = self.index.get(therapist_id)
            day = (starts_at.date() - self.monday).days
            if number is None or not 0 <= day < self.days:
                continue
            for slot in _slots_touching(starts_at.hour * 60 + starts_at.minute, minutes):
                self.taken[number][day * SLOTS + slot] = 1
            if counts:
                self.week_counts[number][day // 7] += 1

    def take(self, therapist_id: int, day: datetime.date, preferred: int) -> int | None:
        """Book the first free slot from `preferred` on (wrapping round); its start minute,
        or None when the therapist's day or week is full."""
        number = self.index[therapist_id]
        offset = (day - self.monday).days
        week = offset // 7
        if self.week_counts[number][week] >= self.limits[number]:
            return None
        slots = SLOTS_PER_WEEKDAY[day.weekday()]
        if not slots:
            return None
        blocked = self.class_slots.get((number, day.weekday()), ())
        taken = self.taken[number]
        base = offset * SLOTS
        for step in range(slots):
            slot = (preferred + step) % slots
            if not taken[base + slot] and slot not in blocked:
                taken[base + slot] = 1
                self.week_counts[number][week] += 1
                return slot_start(slot)
        return None
