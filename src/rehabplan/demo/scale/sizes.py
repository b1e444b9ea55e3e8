"""How much of everything: a large municipality's proportions, scaled to the numbers asked for.

The full size is 30,000 citizens and 1,000,000 attended places in sessions (fremmøde), which
comes out at about 40,000 referrals, 850,000 sessions (a class session has several citizens),
2,000,000 audit entries, 120 therapists and 100 team classes. Citizens set the number of people
and cases; sessions set the volume of training and of everything that grows with it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

FULL_CITIZENS = 30_000
FULL_ATTENDANCES = 1_000_000
FULL_THERAPISTS = 120
FULL_CLASSES = 100
REFERRALS_PER_CITIZEN = 4 / 3
AUDIT_ENTRIES_PER_ATTENDANCE = 2
# 850,000 sessions for 1,000,000 places: the rest are citizens sharing a class session.
SESSIONS_PER_ATTENDANCE = 0.85
# Some three years of history and four weeks of booked sessions ahead.
HISTORY_DAYS = 3 * 365
BOOKED_AHEAD_DAYS = 28


@dataclass(frozen=True)
class ScaleSizes:
    citizens: int
    attendances: int
    sessions: int
    referrals: int
    therapists: int
    classes: int
    audit_entries: int

    @classmethod
    def for_counts(cls, *, citizens: int, attendances: int) -> ScaleSizes:
        training_share = attendances / FULL_ATTENDANCES
        return cls(
            citizens=citizens,
            attendances=attendances,
            sessions=round(attendances * SESSIONS_PER_ATTENDANCE),
            referrals=max(1, round(citizens * REFERRALS_PER_CITIZEN)),
            # Never fewer than a small unit has: the calendar needs people to book.
            therapists=max(12, round(FULL_THERAPISTS * training_share)),
            classes=max(10, round(FULL_CLASSES * training_share)),
            audit_entries=attendances * AUDIT_ENTRIES_PER_ATTENDANCE,
        )


@dataclass(frozen=True)
class Period:
    """The history's first day, today, and the last day with booked sessions."""

    first: datetime.date
    today: datetime.date
    last: datetime.date

    @classmethod
    def ending(cls, today: datetime.date, *, standard_from: datetime.date) -> Period:
        # The history never reaches back before the municipality's standard takes effect: no
        # case can be decided under a standard that did not exist.
        first = max(today - datetime.timedelta(days=HISTORY_DAYS), standard_from)
        return cls(first, today, today + datetime.timedelta(days=BOOKED_AHEAD_DAYS))

    @property
    def days(self) -> int:
        return (self.today - self.first).days
