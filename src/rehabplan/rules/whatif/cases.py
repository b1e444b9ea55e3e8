"""One referral or application of the past, as the replay needs it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rehabplan.rules.facts import Facts

NO_FACTS = Facts()


@dataclass(frozen=True, slots=True)
class HistoricCase:
    """What happened to one referral: its events, how much training it got, and the facts the
    visitator recorded. A date that never happened is None."""

    case_id: int
    citizen_id: int
    service: str
    received: dt.date
    discharge: dt.date | None = None
    gop_start: dt.date | None = None
    decided: dt.date | None = None
    granted: dt.date | None = None
    contacted: dt.date | None = None
    started: dt.date | None = None
    ended: dt.date | None = None
    sessions_held: int = 0
    therapist_minutes: int = 0  # the therapists' time the held sessions took, shared per seat
    facts: Facts = NO_FACTS

    @property
    def standard_date(self) -> dt.date:
        """The day whose standard governs the case: the event that started the clock."""
        return self.discharge or self.received

    @property
    def assessed_on(self) -> dt.date:
        """The day eligibility was (or would have been) judged."""
        return self.decided or self.received
