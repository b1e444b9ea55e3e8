"""The municipality's citizens with fictitious CPR numbers, their relatives and consents.

The CPR numbers follow the product's rule (rehabplan.cpr): a real birth date, the century digit
that belongs to it, never two alike in the municipality. Ages are those of the people a training
unit sees: mostly 65 to 90, some younger after an accident or illness.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from rehabplan import cpr
from rehabplan.citizens.models import Citizen, Consent, ConsentScope, Relative
from rehabplan.demo.names import FIRST_NAMES, GP_NAMES, LAST_NAMES, STREETS
from rehabplan.demo.scale.clock import local_moment
from rehabplan.demo.scale.copy_writer import TableWriter
from rehabplan.organisation.models import Municipality

AGE_BANDS = ((40, 64), (65, 74), (75, 84), (85, 97))
AGE_WEIGHTS = (15, 30, 38, 17)
TOWNS = (("9990", "Demoby"), ("9991", "Demoby Nord"), ("9992", "Engby"), ("9993", "Demoby Syd"))
TOWNS += (("9994", "Vestby"), ("9995", "Kildby"), ("9996", "Østby"))
RELATIONS = ("Ægtefælle", "Datter", "Søn", "Samlever", "Nabo")


@dataclass(slots=True)
class CitizenPlan:
    citizen_id: int
    cpr: str
    birth_date: datetime.date
    first_name: str
    last_name: str
    first_seen: datetime.date | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def plan_citizens(
    *,
    rng: random.Random,
    writer: TableWriter,
    count: int,
    today: datetime.date,
    taken: set[str],
) -> list[CitizenPlan]:
    """`count` new citizens with unique CPR numbers (not in `taken`); ids from `writer`."""
    citizens = []
    for _index in range(count):
        number = _new_cpr(rng, today, taken)
        citizens.append(
            CitizenPlan(
                citizen_id=writer.new_id(),
                cpr=number,
                birth_date=cpr.cpr_birth_date(number),
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
            )
        )
    return citizens


def _new_cpr(rng: random.Random, today: datetime.date, taken: set[str]) -> str:
    while True:
        low, high = rng.choices(AGE_BANDS, weights=AGE_WEIGHTS)[0]
        birth_year = today.year - rng.randint(low, high)
        birth = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        # Born 1900-1999: century digit 0-3; born 2000 or later: 4 (year up to 36).
        century_digit = rng.randint(0, 3) if birth_year < 2000 else 4
        number = f"{birth:%d%m%y}{century_digit}{rng.randint(0, 999):03d}"
        if number not in taken:
            taken.add(number)
            return number


def write_citizens(
    *,
    rng: random.Random,
    municipality: Municipality,
    citizens: list[CitizenPlan],
    writer: TableWriter,
    recorded_by_ids: list[int],
    today: datetime.date,
) -> dict[str, int]:
    """Write the citizens (registered on their first referral's day) with relatives and
    consents; returns the rows written per table."""
    relatives = TableWriter(Relative, ["citizen", "name", "relation", "phone", "email"])
    consents = TableWriter(
        Consent,
        ["citizen", "scope", "given_on", "withdrawn_on", "recorded_by", "recorded_at", "note"],
    )
    for citizen in citizens:
        first_seen = citizen.first_seen or today
        created_at = local_moment(first_seen, rng.randint(8 * 60, 15 * 60))
        postcode, city = rng.choice(TOWNS)
        age = (today - citizen.birth_date).days // 365
        writer.add(
            (
                citizen.citizen_id,
                municipality.pk,
                citizen.cpr,
                citizen.birth_date,
                citizen.first_name,
                citizen.last_name,
                f"{rng.choice(STREETS)} {rng.randint(1, 160)}",
                postcode,
                city,
                _phone(rng),
                "",
                rng.choice(GP_NAMES),
                "",
                "",
                age >= 67 and rng.random() < 0.5,
                created_at,
            )
        )
        if rng.random() < 0.45:
            relatives.add(
                (
                    citizen.citizen_id,
                    f"{rng.choice(FIRST_NAMES)} {citizen.last_name}",
                    rng.choice(RELATIONS),
                    _phone(rng),
                    "",
                )
            )
        _consents(rng, consents, citizen, first_seen, created_at, recorded_by_ids, today)
    return {
        "citizens": writer.close(),
        "relatives": relatives.close(),
        "consents": consents.close(),
    }


CITIZEN_FIELDS = [
    "id",
    "municipality",
    "cpr",
    "birth_date",
    "first_name",
    "last_name",
    "address",
    "postcode",
    "city",
    "phone",
    "email",
    "gp_name",
    "gp_clinic",
    "gp_phone",
    "covered_by_aeldreloven",
    "created_at",
]


def _consents(
    rng: random.Random,
    consents: TableWriter,
    citizen: CitizenPlan,
    first_seen: datetime.date,
    created_at: datetime.datetime,
    recorded_by_ids: list[int],
    today: datetime.date,
) -> None:
    """Most citizens let status go to their GP and hospital; some want SMS reminders; a few
    withdraw a consent later."""
    for scope, share in ((ConsentScope.SHARE_STATUS, 0.65), (ConsentScope.SMS_REMINDERS, 0.25)):
        if rng.random() >= share:
            continue
        withdrawn = None
        if rng.random() < 0.04:
            withdrawn = min(today, first_seen + datetime.timedelta(days=rng.randint(10, 200)))
        consents.add(
            (
                citizen.citizen_id,
                scope,
                first_seen,
                withdrawn,
                rng.choice(recorded_by_ids),
                created_at,
                "",
            )
        )


def _phone(rng: random.Random) -> str:
    return " ".join(str(rng.randint(10, 99)) for _pair in range(4))


def citizen_writer() -> TableWriter:
    return TableWriter(Citizen, CITIZEN_FIELDS)
