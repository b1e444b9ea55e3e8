"""Seats in the team classes, settled before any session is booked.

A class session never seats more citizens than the class has: a team course that would find
its class full on one of its days trains individually instead, on the same weekdays. And since
a class session seats several citizens while an individual session has one, the share trained
on a team decides how many sessions the places come to: team courses, drawn at random, train
individually until the sessions come to the number asked for.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from rehabplan.demo.scale.staff import ClassInfo

if TYPE_CHECKING:
    from rehabplan.demo.scale.cases import CasePlan

SeatKey = tuple[int, datetime.date]  # a class and a day: one class session


class ClassSeats:
    """The citizens seated in each class session, those already in the database counted in."""

    def __init__(self, existing: dict[SeatKey, int]) -> None:
        self.existing = existing
        self.taken: dict[SeatKey, int] = dict(existing)

    def fits(self, team: ClassInfo, days: list[datetime.date]) -> bool:
        return all(self.taken.get((team.class_id, day), 0) < team.capacity for day in days)

    def seat(self, team: ClassInfo, days: list[datetime.date]) -> None:
        for day in days:
            key = (team.class_id, day)
            self.taken[key] = self.taken.get(key, 0) + 1

    def unseat(self, team: ClassInfo, days: list[datetime.date]) -> int:
        """Free the seats; the number of class sessions this leaves empty (so never held)."""
        emptied = 0
        for day in days:
            key = (team.class_id, day)
            self.taken[key] -= 1
            emptied += self.taken[key] == 0 and key not in self.existing
        return emptied

    def new_sessions(self) -> int:
        return sum(1 for key, seated in self.taken.items() if seated and key not in self.existing)


def settle_classes(
    *,
    rng: random.Random,
    cases: list[CasePlan],
    existing: dict[SeatKey, int],
    sessions: int,
    meetings: Callable[[CasePlan], list[datetime.date]],
    train_individually: Callable[[CasePlan], None],
) -> int:
    """Seat the team courses (`cases`: the planned cases in booking order); returns the number
    of sessions the places will come to. `meetings` gives a case's training days,
    `train_individually` moves a case off its class (its weekdays stay)."""
    seats = ClassSeats(existing)
    individual = 0
    seated = []
    for case in cases:
        days = meetings(case)
        if case.team is not None and seats.fits(case.team, days):
            seats.seat(case.team, days)
            seated.append((case, days))
            continue
        if case.team is not None:
            train_individually(case)
        individual += len(days)
    total = individual + seats.new_sessions()
    for case, days in rng.sample(seated, len(seated)):
        if total >= sessions:
            break
        total += len(days) - seats.unseat(case.team, days)
        train_individually(case)
    return total
