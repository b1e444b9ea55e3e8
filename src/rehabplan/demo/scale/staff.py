"""The large unit's staff and rooms: more training sites, therapists with logins and working
hours, visitators, team classes, and the days the unit is closed each year of the history.

A few hundred rows, so they go through the ORM (bulk_create); the demo's own therapists and
classes are kept and counted in, so the demo logins work on the same unit."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import THERAPIST, VISITATOR
from rehabplan.demo.names import FIRST_NAMES, LAST_NAMES
from rehabplan.demo.scale.sizes import Period, ScaleSizes
from rehabplan.demo.seed import DEMO_PASSWORD
from rehabplan.organisation.models import (
    ClosedDay,
    Location,
    Municipality,
    Profession,
    TeamClass,
    Therapist,
    TrainingLevel,
    WorkingHours,
)

# Mon-Thu 7:30-17:00, Friday 7:30-15:00, as the demo's own therapists work.
DAY_START = datetime.time(7, 30)
DAY_END = {0: datetime.time(17, 0), 1: datetime.time(17, 0), 2: datetime.time(17, 0)}
DAY_END |= {3: datetime.time(17, 0), 4: datetime.time(15, 0)}
# A large unit's therapists carry a full calendar of individual sessions.
SESSIONS_PER_WEEK = 55
EXTRA_SITES = (
    ("Træningscenter Syd", "Søndre Ringvej 40", "9993", "Demoby Syd"),
    ("Sundhedscenter Vest", "Vestervang 7", "9994", "Vestby"),
    ("Træningshuset Havnen", "Havnegade 21", "9990", "Demoby"),
    ("Aktivitetshuset Kildebakken", "Kildebakken 2", "9995", "Kildby"),
    ("Genoptræningen Østerport", "Østerport 15", "9996", "Østby"),
)
CLASS_THEMES = (
    "Balance og gang",
    "Knæ og hofte",
    "Styrke for seniorer",
    "Ryg og nakke",
    "Efter apopleksi",
    "Faldforebyggelse",
    "Hverdagsaktiviteter",
    "Skulder og arm",
    "KOL-træning",
    "Hjertetræning",
    "Parkinson-hold",
    "Let motion",
)
CLASS_WEEKDAYS = ((0,), (1,), (2,), (3,), (0, 3), (1, 3), (0, 2), (1, 4), (2, 4), (0, 2, 4))
CLASS_WEEKDAY_WEIGHTS = (3, 3, 3, 3, 14, 14, 12, 10, 8, 10)
# Morning and afternoon class times; a therapist leads at most one class at each.
CLASS_TIMES = (datetime.time(9, 0), datetime.time(13, 0))
CLOSED_DAYS = ((12, 24, "Juleaftensdag"), (12, 31, "Nytårsaftensdag"))


@dataclass(frozen=True)
class StaffMember:
    therapist_id: int
    user_id: int | None
    profession: str
    max_sessions_per_week: int


@dataclass(frozen=True)
class ClassInfo:
    class_id: int
    therapist_id: int
    location_id: int
    weekdays: tuple[int, ...]
    starts_at: datetime.time
    duration_minutes: int
    capacity: int
    level: str


@dataclass(frozen=True)
class Staff:
    therapists: list[StaffMember]
    classes: list[ClassInfo]
    visitator_ids: list[int]
    leader_ids: list[int]
    closed_days: frozenset[datetime.date]


def build_staff(
    *,
    rng: random.Random,
    municipality: Municipality,
    sizes: ScaleSizes,
    period: Period,
    visitator_ids: list[int],
    leader_ids: list[int],
    occupational_share: float,
) -> Staff:
    """Add staff and classes up to the sizes asked for; the demo's own are counted in. So
    much of the calendars as `occupational_share` of the individual sessions asks for
    belongs to occupational therapists, the rest to physiotherapists."""
    password = make_password(DEMO_PASSWORD)
    locations = list(municipality.locations.order_by("pk"))
    for name, address, postcode, city in EXTRA_SITES[: max(0, sizes.therapists // 20)]:
        locations.append(
            Location.objects.create(
                municipality=municipality, name=name, address=address, postcode=postcode, city=city
            )
        )
    existing = list(Therapist.objects.filter(municipality=municipality).order_by("pk"))
    count = max(0, sizes.therapists - len(existing))
    new_therapists = _new_therapists(
        rng=rng,
        municipality=municipality,
        professions=_professions(rng, existing, count, occupational_share),
        password=password,
    )
    visitators = _new_users(
        municipality=municipality,
        role=VISITATOR,
        names=[_person(rng) for _index in range(max(1, sizes.therapists // 20))],
        password=password,
    )
    existing_classes = list(TeamClass.objects.filter(municipality=municipality).order_by("pk"))
    _new_classes(
        rng=rng,
        municipality=municipality,
        count=max(0, sizes.classes - len(existing_classes)),
        therapists=new_therapists or existing,
        locations=locations,
    )
    _closed_days(municipality=municipality, period=period)
    therapists = Therapist.objects.filter(municipality=municipality).order_by("pk")
    classes = TeamClass.objects.filter(municipality=municipality).order_by("pk")
    return Staff(
        therapists=[
            StaffMember(t.pk, t.user_id, t.profession, t.max_sessions_per_week) for t in therapists
        ],
        classes=[
            ClassInfo(
                c.pk,
                c.therapist_id,
                c.location_id,
                c.weekdays,
                c.starts_at,
                c.duration_minutes,
                c.capacity,
                c.level,
            )
            for c in classes
        ],
        visitator_ids=visitator_ids + [user.pk for user in visitators],
        leader_ids=leader_ids,
        closed_days=frozenset(
            ClosedDay.objects.filter(municipality=municipality).values_list("day", flat=True)
        ),
    )


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _new_users(
    *, municipality: Municipality, role: str, names: list[tuple[str, str]], password: str
) -> list[User]:
    """Logins for the new staff, numbered after the role (terapeut002, ...); all share the
    demo password, hashed once."""
    taken = User.objects.filter(username__startswith=role).count()
    users = User.objects.bulk_create(
        User(
            username=f"{role}{taken + number:03d}",
            password=password,
            first_name=first,
            last_name=last,
            municipality=municipality,
        )
        for number, (first, last) in enumerate(names, start=1)
    )
    group = Group.objects.get(name=role)
    group.user_set.add(*users)
    return users


def _professions(
    rng: random.Random, existing: list[Therapist], count: int, occupational_share: float
) -> list[str]:
    """The new therapists' professions: occupational therapists in the number that brings
    their weekly sessions to `occupational_share` of all."""
    weekly = sum(t.max_sessions_per_week for t in existing) + count * SESSIONS_PER_WEEK
    occupational = sum(
        t.max_sessions_per_week for t in existing if t.profession != Profession.PHYSIOTHERAPIST
    )
    wanted = round((weekly * occupational_share - occupational) / SESSIONS_PER_WEEK)
    chosen = set(rng.sample(range(count), min(count, max(0, wanted))))
    return [
        Profession.OCCUPATIONAL_THERAPIST if index in chosen else Profession.PHYSIOTHERAPIST
        for index in range(count)
    ]


def _new_therapists(
    *, rng: random.Random, municipality: Municipality, professions: list[str], password: str
) -> list[Therapist]:
    names = [_person(rng) for _index in professions]
    users = _new_users(municipality=municipality, role=THERAPIST, names=names, password=password)
    therapists = Therapist.objects.bulk_create(
        Therapist(
            municipality=municipality,
            user=user,
            name=user.get_full_name(),
            profession=profession,
            max_sessions_per_week=SESSIONS_PER_WEEK,
        )
        for user, profession in zip(users, professions, strict=True)
    )
    WorkingHours.objects.bulk_create(
        WorkingHours(therapist=therapist, weekday=weekday, starts_at=DAY_START, ends_at=end)
        for therapist in therapists
        for weekday, end in DAY_END.items()
    )
    return therapists


def _new_classes(
    *,
    rng: random.Random,
    municipality: Municipality,
    count: int,
    therapists: list[Therapist],
    locations: list[Location],
) -> None:
    """Each class is led by one therapist at a time of day she leads nothing else."""
    classes = []
    for number in range(count):
        therapist = therapists[number % len(therapists)]
        starts_at = CLASS_TIMES[(number // len(therapists)) % len(CLASS_TIMES)]
        weekdays = rng.choices(CLASS_WEEKDAYS, weights=CLASS_WEEKDAY_WEIGHTS)[0]
        theme = CLASS_THEMES[number % len(CLASS_THEMES)]
        location = locations[number % len(locations)]
        classes.append(
            TeamClass(
                municipality=municipality,
                name=f"{theme} – {location.name}",
                location=location,
                weekday=weekdays[0],
                second_weekday=weekdays[1] if len(weekdays) > 1 else None,
                third_weekday=weekdays[2] if len(weekdays) > 2 else None,
                starts_at=starts_at,
                duration_minutes=60,
                capacity=rng.choice((8, 10, 10, 12)),
                minimum_to_run=3,
                level=rng.choice(TrainingLevel.values),
                profession=therapist.profession,
                therapist=therapist,
            )
        )
    TeamClass.objects.bulk_create(classes)


def _closed_days(*, municipality: Municipality, period: Period) -> None:
    """Christmas Eve and New Year's Eve of every year the history covers, as the demo has
    for the current year."""
    taken = set(ClosedDay.objects.filter(municipality=municipality).values_list("day", flat=True))
    days = [
        ClosedDay(municipality=municipality, day=datetime.date(year, month, day), reason=reason)
        for year in range(period.first.year, period.last.year + 1)
        for month, day, reason in CLOSED_DAYS
        if datetime.date(year, month, day) not in taken
    ]
    ClosedDay.objects.bulk_create(days)
