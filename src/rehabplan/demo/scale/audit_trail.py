"""The audit log of three years' work: logins, searches, citizens' pages, referrals, lists.

Entries are what the product's own selectors and login signals write (the same actions,
summaries, targets and shown citizens), day by day in working hours, in time order, by the
unit's staff; a citizen is looked at only once known to the unit.
"""

from __future__ import annotations

import bisect
import datetime
import random
from dataclasses import dataclass

from rehabplan.audit.models import AuditAction
from rehabplan.demo.scale.clock import WorkingDays, local_moment
from rehabplan.demo.scale.copy_writer import TableWriter
from rehabplan.demo.scale.people import CitizenPlan
from rehabplan.demo.scale.sizes import Period

KINDS = ("citizen", "referral", "search", "my_courses", "calendar", "login", "logout")
KIND_WEIGHTS = (42, 13, 9, 9, 9, 11, 7)


@dataclass(frozen=True)
class Reader:
    user_id: int
    username: str
    therapist_name: str


class AuditTrail:
    def __init__(
        self,
        *,
        rng: random.Random,
        municipality_id: int,
        citizens: list[CitizenPlan],
        first_referrals: dict[int, int],
        readers: list[Reader],
        period: Period,
        closed_days: frozenset[datetime.date],
    ) -> None:
        self.rng = rng
        self.municipality_id = municipality_id
        self.citizens = sorted(citizens, key=lambda c: c.first_seen or period.today)
        self.known_from = [c.first_seen or period.today for c in self.citizens]
        self.first_referrals = first_referrals
        self.readers = readers
        self.period = period
        self.days = WorkingDays(closed_days)

    def write(self, writer: TableWriter, count: int) -> int:
        """Append `count` entries spread evenly over the history's working days."""
        days = []
        day = self.period.first
        while day < self.period.today:
            if self.days.is_open(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        written = 0
        for number, day in enumerate(days):
            due = count * (number + 1) // len(days) - written
            known = bisect.bisect_right(self.known_from, day)
            if known == 0 or due <= 0:
                continue
            minutes = sorted(self.rng.randint(7 * 60 + 30, 16 * 60) for _entry in range(due))
            for minute in minutes:
                writer.add(self._entry(local_moment(day, minute), known))
            written += due
        return written

    def _entry(self, at: datetime.datetime, known: int) -> tuple:
        reader = self.rng.choice(self.readers)
        kind = self.rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
        citizen = self.citizens[self.rng.randrange(known)]
        base = (self.municipality_id, reader.user_id, reader.username, at)
        if kind == "citizen":
            return base + (
                citizen.citizen_id,
                citizen.full_name,
                AuditAction.VIEW,
                "citizen",
                str(citizen.citizen_id),
                "Borgerens side vist",
                "",
                {},
                [],
            )
        if kind == "referral":
            referral = self.first_referrals[citizen.citizen_id]
            return base + (
                citizen.citizen_id,
                citizen.full_name,
                AuditAction.VIEW,
                "referral",
                str(referral),
                "Henvisning vist",
                "",
                {},
                [],
            )
        return base + self._without_citizen(kind, reader, citizen, known)

    def _without_citizen(
        self, kind: str, reader: Reader, citizen: CitizenPlan, known: int
    ) -> tuple:
        if kind == "search":
            found = [citizen.citizen_id] + [
                self.citizens[self.rng.randrange(known)].citizen_id
                for _other in range(self.rng.randint(0, 4))
            ]
            shown = sorted(set(found))
            summary = f"Søgning efter borger ({len(shown)} fundet)"
            return (None, "", AuditAction.SEARCH, "", "", summary, citizen.last_name, {}, shown)
        if kind in ("my_courses", "calendar"):
            shown = sorted(
                {self.citizens[self.rng.randrange(known)].citizen_id for _c in range(12)}
            )
            summary = (
                "Mine forløb vist"
                if kind == "my_courses"
                else f"Kalender vist: {reader.therapist_name or reader.username}"
            )
            return (None, "", AuditAction.VIEW, "", "", summary, "", {}, shown)
        action, summary = (
            (AuditAction.LOGIN, "Logget ind")
            if kind == "login"
            else (AuditAction.LOGOUT, "Logget af")
        )
        return (None, "", action, "", "", summary, "", {}, [])
