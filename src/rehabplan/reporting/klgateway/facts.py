"""What one citizen's §140 report says, as plain values read from the product (no Django in the
builder): the citizen, the hospital units, each GOP referral with its course, diagnoses, FSIII
conditions and the sessions held in the period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Period:
    """A calendar month, "2026-11"."""

    year: int
    month: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self) -> datetime.date:
        following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)


@dataclass(frozen=True)
class OrganisationFacts:
    key: str  # stable name for the entry's id
    name: str
    sor_code: str


@dataclass(frozen=True)
class DiagnosisFacts:
    code: str  # SKS, e.g. "DS720"
    text: str


@dataclass(frozen=True)
class ConditionFacts:
    code: str  # FSIII condition (Conditions140)
    display: str
    recorded_on: datetime.date


@dataclass(frozen=True)
class EncounterFacts:
    key: str
    contact_type: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime


@dataclass(frozen=True)
class CourseFacts:
    key: str
    status: str
    end_reason: str
    granted_on: datetime.date
    intake_on: datetime.date | None
    start_on: datetime.date | None
    ended_on: datetime.date | None
    delivery_type: str
    profession: str  # the course's therapist's (PT, OT), which says what training it is
    encounters: tuple[EncounterFacts, ...] = ()


@dataclass(frozen=True)
class ReferralFacts:
    key: str
    status: str
    plan_type: str
    gop_level: str
    received_on: datetime.date
    authored_on: datetime.date
    discharge_on: datetime.date | None
    first_contact_offered_on: datetime.date | None
    free_choice: str
    requester: OrganisationFacts | None
    replaces_key: str | None
    diagnoses: tuple[DiagnosisFacts, ...]
    conditions: tuple[ConditionFacts, ...]
    course: CourseFacts | None


@dataclass(frozen=True)
class CitizenFacts:
    key: str
    citizen_id: int  # the product's id: kept on the delivery row, never put in the Bundle
    cpr: str
    deceased: bool
    managing_organisation: OrganisationFacts
    referrals: tuple[ReferralFacts, ...] = field(default_factory=tuple)
