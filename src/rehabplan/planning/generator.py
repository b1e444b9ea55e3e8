"""Seeded planning instances for a municipality of N inhabitants, for tests and the benchmark.

Every rate below is an assumption of this generator, stated where it is used, and a parameter:
- SUL140 GOPs: 30 a year per 1,000 inhabitants (177,225 GOPs in 2021 for ~5.9 million people,
  Folketingets Sundhedsudvalg, SUU spm. 568).
- SEL86-1 3, SEL86-2 4 and SUL119 3 a year per 1,000 inhabitants (assumed; no national count).
- Deadlines follow the quality standards: SUL140 day 7 after discharge (Sundhedsloven), SEL86
  10 calendar days after the decision (Næstved), SEL86-2 6 weeks after the grant (Varde); SUL119
  4 weeks (assumed). 10 % of GOPs set their own later start (assumed), with the week before it
  as the earliest start.
- Modes 55 % team, 30 % individual at a centre, 15 % home; 75 % PT, 25 % OT.
- Individual courses 1-3 sessions a week, team classes meet twice a week; 4-12 weeks, at most
  20 sessions. Therapists work Mon-Thu 07:30-17:00 and Fri 07:30-15:00.
- `load` is demand / capacity in steady state: therapists' weekly session caps and the number of
  class seats are set so that the sessions referred each week, times their average length in
  weeks, divided by capacity, equals `load`. The calendar is pre-filled with the courses that
  earlier weeks' referrals still have running, so the first weeks are almost full and free
  capacity appears as those courses end.
- 15 % of individual and home courses ask for a therapist the citizen had before (assumed).
- 30 % of individual courses at the centre leave the form open (assumed): a free seat on a
  suitable class may replace the therapist's hours (never for a citizen asking for a
  therapist). Chosen by arrival number, not by the random stream, so the rest of an instance
  is the same as before this option existed.
- The instance is one week's referrals (received the week before the period), planned on the
  Monday the period starts. Above 100,000 inhabitants the municipality has districts of about
  150,000 inhabitants, each with its own therapists and classes.

Two scenarios (`scenario_settings`): "mild" is the above. "harsh" is a large municipality's
winter week, each difference an assumption and a parameter:
- 60 % of referrals must start within 7 calendar days of receipt, whatever the service (the
  rest keep their service's deadline, or a GOP's own later start).
- Demand above capacity: capacity is sized for `load`, and the week brings 10 % more referrals
  than the steady state (a winter surge).
- Individual courses train more often (15 % once, 55 % twice, 30 % three times a week); classes
  meet twice a week, as in the mild scenario.
- No districts: every therapist and class serves the whole municipality.
- Capacity still held by ongoing courses: they run 60 % longer into the period than in the
  mild scenario, so later weeks free up more slowly.
- A quarter of the therapists work four days (Monday-Thursday or Tuesday-Friday), and one in
  six is away 1-5 working days somewhere in the first six weeks (winter illness, courses).
- Courses planned in earlier weeks start in week 1-3: a further 15 % of each therapist's
  weekly sessions are free now and taken from then on, for 4-10 weeks.
- Other duties fill whole working days: on average two per therapist in weeks 1-8 (a course,
  a theme day), booked in the calendar (at work, so courses are not moved past them).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from rehabplan.planning.problem import (
    Absence,
    Booking,
    CourseRequest,
    Horizon,
    Mode,
    PlanningProblem,
    Profession,
    TeamClass,
    Therapist,
    WorkingHours,
)

WORKING_HOURS = tuple(
    WorkingHours(day, time(7, 30), time(17, 0) if day < 4 else time(15, 0)) for day in range(5)
)
CLASS_TIMES = (time(9, 0), time(10, 30), time(13, 0), time(14, 30))
CLASS_WEEKDAY_PAIRS = ((0, 3), (1, 4))


@dataclass(frozen=True)
class Service:
    code: str
    per_1000_a_year: float
    deadline_days: int
    levels: tuple[tuple[str, float], ...]


SERVICES = (
    Service("SUL140", 30.0, 7, (("basal", 0.7), ("avanceret", 0.3))),
    Service("SEL86-1", 3.0, 10, (("basal", 1.0),)),
    Service("SEL86-2", 4.0, 42, (("vedligehold", 1.0),)),
    Service("SUL119", 3.0, 28, (("forebyggelse", 1.0),)),
)


@dataclass(frozen=True)
class GeneratorSettings:
    inhabitants: int
    load: float = 1.0
    seed: int = 0
    first_day: date = date(2026, 11, 30)
    horizon_weeks: int = 4
    services: tuple[Service, ...] = SERVICES
    team_share: float = 0.55
    home_share: float = 0.15
    pt_share: float = 0.75
    deferred_gop_share: float = 0.10
    blocked_weekday_share: float = 0.2
    preferred_therapist_share: float = 0.15
    open_form_per_10: int = 3
    class_capacity: int = 8
    class_minimum: int = 3
    class_minutes: int = 60
    district_inhabitants: int = 150_000
    max_pre_fill: float = 0.97
    # The harsh scenario's knobs; the defaults are the mild scenario.
    short_deadline_share: float | None = None  # None: each service's own deadline
    short_deadline_days: int = 7
    demand_surge: float = 1.0
    individual_frequencies: tuple[float, float, float] = (0.3, 0.5, 0.2)
    use_districts: bool = True
    ongoing_stretch: float = 1.0
    part_time_share: float = 0.0
    absence_share: float = 0.0
    later_start_fill: float = 0.0
    duty_days_per_therapist: float = 0.0
    closed_days: frozenset[date] = frozenset(
        {date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 31), date(2027, 1, 1)}
    )


SCENARIOS = ("mild", "harsh")


def scenario_settings(scenario: str, **fields) -> GeneratorSettings:
    """The settings of a named scenario (see the module's notes), with `fields` on top."""
    if scenario == "mild":
        return GeneratorSettings(**fields)
    if scenario == "harsh":
        harsh = dict(
            short_deadline_share=0.6,
            demand_surge=1.1,
            individual_frequencies=(0.15, 0.55, 0.3),
            use_districts=False,
            ongoing_stretch=1.6,
            part_time_share=0.25,
            absence_share=1 / 6,
            later_start_fill=0.15,
            duty_days_per_therapist=2.0,
        )
        return GeneratorSettings(**{**harsh, **fields})
    raise ValueError(f"unknown scenario {scenario!r}; choose one of {', '.join(SCENARIOS)}")


def generate(settings: GeneratorSettings) -> PlanningProblem:
    rng = random.Random(settings.seed)
    districts = _districts(settings)
    therapists, classes = _capacity(settings, rng, districts)
    courses = _courses(settings, rng, districts, therapists)
    bookings = _pre_fill(settings, rng, therapists, classes)
    return PlanningProblem(
        horizon=Horizon(settings.first_day, settings.horizon_weeks),
        courses=tuple(courses),
        therapists=tuple(therapists),
        classes=tuple(classes),
        bookings=tuple(bookings),
        closed_days=settings.closed_days,
    )


def _districts(settings: GeneratorSettings) -> list[str]:
    if settings.inhabitants <= 100_000 or not settings.use_districts:
        return [""]
    count = max(2, round(settings.inhabitants / settings.district_inhabitants))
    return [f"distrikt-{number + 1}" for number in range(count)]


def _weekly_rate(settings: GeneratorSettings, service: Service) -> float:
    return service.per_1000_a_year * settings.inhabitants / 1000 / 52


def _poisson(rng: random.Random, mean: float) -> int:
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, count = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        count += 1
    return count


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    roll, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if roll < total:
            return value
    return weighted[-1][0]


def _extent(rng: random.Random, mode: Mode, frequencies) -> tuple[int, int]:
    sessions_per_week = 2 if mode is Mode.TEAM else rng.choices((1, 2, 3), frequencies)[0]
    weeks = rng.randint(4, 12)
    weeks = min(weeks, 20 // sessions_per_week)
    return sessions_per_week, weeks


def _courses(settings, rng, districts, therapists) -> list[CourseRequest]:
    courses: list[CourseRequest] = []
    week_before = settings.first_day - timedelta(days=7)
    for service in settings.services:
        for _ in range(_poisson(rng, _weekly_rate(settings, service) * settings.demand_surge)):
            number = len(courses) + 1
            received = week_before + timedelta(days=rng.randrange(7))
            deadline = received + timedelta(days=service.deadline_days)
            earliest = received + timedelta(days=1 if service.code == "SUL140" else 0)
            if service.code == "SUL140" and rng.random() < settings.deferred_gop_share:
                deadline = received + timedelta(days=rng.randint(14, 35))
                earliest = deadline - timedelta(days=7)
            if settings.short_deadline_share is not None:
                deadline, earliest = _harsh_deadline(settings, rng, received, deadline, earliest)
            roll = rng.random()
            mode = (
                Mode.TEAM
                if roll < settings.team_share
                else Mode.HOME
                if roll < settings.team_share + settings.home_share
                else Mode.INDIVIDUAL
            )
            sessions_per_week, weeks = _extent(rng, mode, settings.individual_frequencies)
            blocked = (
                frozenset({rng.randrange(5)})
                if mode is not Mode.TEAM and rng.random() < settings.blocked_weekday_share
                else frozenset()
            )
            profession = Profession.PT if rng.random() < settings.pt_share else Profession.OT
            district = rng.choice(districts)
            preferred = None
            if mode is not Mode.TEAM and rng.random() < settings.preferred_therapist_share:
                # A citizen who trained here before and asks for the same therapist.
                preferred = rng.choice(
                    [
                        therapist.id
                        for therapist in therapists
                        if therapist.profession is profession and therapist.district == district
                    ]
                )
            courses.append(
                CourseRequest(
                    id=f"F{number:05d}",
                    citizen_id=f"B{number:05d}",
                    earliest_start=max(earliest, settings.first_day),
                    start_deadline=deadline,
                    service_code=service.code,
                    sessions_per_week=sessions_per_week,
                    weeks=weeks,
                    mode=mode,
                    level=_pick(rng, service.levels),
                    profession=profession,
                    received=received,
                    arrival_order=number,
                    blocked_weekdays=blocked,
                    free_choice_applies=service.code == "SUL140",
                    district=district,
                    preferred_therapist_id=preferred,
                    may_join_class=mode is Mode.INDIVIDUAL
                    and preferred is None
                    and number % 10 < settings.open_form_per_10,
                )
            )
    courses.sort(key=lambda course: (course.received, course.arrival_order))
    return [
        CourseRequest(**{**course.__dict__, "arrival_order": order})
        for order, course in enumerate(courses, start=1)
    ]


def _harsh_deadline(settings, rng, received, deadline, earliest) -> tuple[date, date]:
    """A short deadline for the set share; the others keep a deadline longer than it."""
    short = received + timedelta(days=settings.short_deadline_days)
    if rng.random() < settings.short_deadline_share:
        return short, min(earliest, short)
    if deadline > short:
        return deadline, earliest
    # A service whose own deadline is short (SUL140): the GOP sets a later start itself.
    deadline = received + timedelta(days=rng.randint(14, 35))
    return deadline, deadline - timedelta(days=7)


def _mean_weeks(team: bool) -> float:
    if team:
        return 8.0  # weeks 4-12 uniform, at most 10 at two a week
    return 7.9


def _capacity(settings, rng, districts):
    """Therapists and classes sized so that steady-state demand / capacity = load."""
    therapists: list[Therapist] = []
    classes: list[TeamClass] = []
    total_rate = sum(_weekly_rate(settings, service) for service in settings.services)
    per_district = total_rate / len(districts)
    individual_share = 1 - settings.team_share
    for district in districts:
        for profession, share in (
            (Profession.PT, settings.pt_share),
            (Profession.OT, 1 - settings.pt_share),
        ):
            arrivals = per_district * share
            individual_sessions = arrivals * individual_share * 1.9 * _mean_weeks(False)
            needed = individual_sessions / settings.load
            count = max(1, math.ceil(needed / 25))
            cap = max(1, round(needed / count))
            prefix = f"{district or 'T'}-{profession}"
            staff = [
                Therapist(
                    id=f"{prefix}-{number + 1}",
                    profession=profession,
                    working_hours=_working_hours(settings, rng),
                    max_sessions_per_week=cap,
                    absences=_absences(settings, rng),
                    district=district,
                )
                for number in range(count)
            ]
            therapists.extend(staff)
            classes.extend(_classes_for(settings, district, profession, arrivals, staff))
    return therapists, classes


def _working_hours(settings, rng) -> tuple[WorkingHours, ...]:
    """Full time, or (for the part-time share) four days: Monday-Thursday or Tuesday-Friday."""
    if not settings.part_time_share or rng.random() >= settings.part_time_share:
        return WORKING_HOURS
    days_off = rng.choice((4, 0))
    return tuple(hours for hours in WORKING_HOURS if hours.weekday != days_off)


def _absences(settings, rng) -> tuple[Absence, ...]:
    """For the absent share: 1-5 working days away, starting on a weekday of weeks 1-6."""
    if not settings.absence_share or rng.random() >= settings.absence_share:
        return ()
    first = settings.first_day + timedelta(days=7 * rng.randrange(6) + rng.randrange(5))
    last = first
    for _ in range(rng.randint(1, 5) - 1):
        last += timedelta(days=3 if last.weekday() == 4 else 1)
    return (Absence(first, last),)


def _classes_for(settings, district, profession, arrivals, staff) -> list[TeamClass]:
    levels: dict[str, float] = {}
    for service in settings.services:
        weight = service.per_1000_a_year / sum(s.per_1000_a_year for s in settings.services)
        for level, share in service.levels:
            levels[level] = levels.get(level, 0.0) + weight * share
    result = []
    slot = 0
    for level, share in sorted(levels.items()):
        participants = arrivals * settings.team_share * share * _mean_weeks(True)
        count = max(1, round(participants / (settings.class_capacity * settings.load)))
        for _ in range(count):
            therapist = staff[slot % len(staff)]
            round_number = slot // len(staff)
            weekdays = CLASS_WEEKDAY_PAIRS[round_number % len(CLASS_WEEKDAY_PAIRS)]
            start = CLASS_TIMES[(round_number // len(CLASS_WEEKDAY_PAIRS)) % len(CLASS_TIMES)]
            working = {hours.weekday for hours in therapist.working_hours}
            if not set(weekdays) <= working:
                # A four-day therapist leads only the pair of days they work, at a time of its own.
                weekdays = next(pair for pair in CLASS_WEEKDAY_PAIRS if set(pair) <= working)
                start = CLASS_TIMES[round_number % len(CLASS_TIMES)]
            result.append(
                TeamClass(
                    id=f"{district or 'H'}-{profession}-{level}-{slot + 1}",
                    location=district or "Træningscentret",
                    weekdays=weekdays,
                    start=start,
                    minutes=settings.class_minutes,
                    capacity=settings.class_capacity,
                    minimum_to_run=settings.class_minimum,
                    level=level,
                    therapist_id=therapist.id,
                    district=district,
                )
            )
            slot += 1
    return result


def _still_running(week: float, team: bool) -> float:
    """Share of steady-state course-weeks that earlier weeks' cohorts still hold `week` weeks on."""
    lengths = [min(weeks, 10) if team else weeks for weeks in range(4, 13)]
    return sum(max(0, length - week - 1) for length in lengths) / sum(lengths)


class _Running:
    """How long courses already running hold their time: the fill of week v follows
    `_still_running(v)`, capped at `max_pre_fill`."""

    def __init__(self, settings: GeneratorSettings, rng: random.Random) -> None:
        self.settings = settings
        self.rng = rng

    def fill(self, week: int, team: bool) -> float:
        held = _still_running(week / self.settings.ongoing_stretch, team)
        return min(self.settings.max_pre_fill, self.settings.load * held)

    def weeks_held(self, team: bool) -> int:
        roll = self.rng.random() * self.fill(0, team)
        week = 1
        while week < 24 and self.fill(week, team) > roll:
            week += 1
        return week


def _pre_fill(settings, rng, therapists, classes) -> list[Booking]:
    """Courses already running: each holds a weekly time (or class seat) from now until it ends.

    A weekly time is taken with probability set by the week-0 fill, and held for a number of
    weeks drawn so that the expected fill in week v follows `_still_running(v)`."""
    running = _Running(settings, rng)
    class_hours = _class_hours(classes)
    held: list[dict] = []
    for therapist in therapists:
        held.extend(_individual_times(settings, running, therapist, class_hours))
    for team in classes:
        held.extend(_class_seats(settings, running, team))
    return [Booking(id=f"B{number}", **fields) for number, fields in enumerate(held, start=1)]


def _class_hours(classes) -> dict[tuple[str, int], list[tuple[int, int]]]:
    class_hours: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for team in classes:
        for weekday in team.weekdays:
            class_hours.setdefault((team.therapist_id, weekday), []).append(
                (team.start_minute, team.start_minute + team.minutes)
            )
    return class_hours


def _individual_times(settings, running: _Running, therapist, class_hours) -> list[dict]:
    slots = _free_slots(therapist, class_hours)
    count = min(len(slots), round(running.fill(0, False) * therapist.max_sessions_per_week))
    held = []
    chosen = running.rng.sample(slots, count)
    for weekday, minute in chosen:
        weeks = range(running.weeks_held(False))
        held.extend(_weekly_time(settings, therapist, weekday, minute, weeks))
    if settings.later_start_fill:
        held.extend(_later_starts(settings, running.rng, therapist, slots, chosen))
    if settings.duty_days_per_therapist:
        held.extend(_duty_days(settings, running.rng, therapist))
    return held


def _weekly_time(settings, therapist, weekday: int, minute: int, weeks) -> list[dict]:
    held = []
    for week in weeks:
        day = settings.first_day + timedelta(days=7 * week + weekday)
        if day not in settings.closed_days and not therapist.is_absent(day):
            held.append(
                dict(
                    day=day,
                    start=time(minute // 60, minute % 60),
                    minutes=60,
                    therapist_id=therapist.id,
                )
            )
    return held


def _later_starts(settings, rng, therapist, slots, chosen) -> list[dict]:
    """Courses planned in earlier weeks that start in week 1-3 of the period: weekly times
    that are free now and taken later, so a time free on a start day may not be in week 3."""
    taken = set(chosen)
    rest = [slot for slot in slots if slot not in taken]
    count = min(len(rest), round(settings.later_start_fill * therapist.max_sessions_per_week))
    held = []
    for weekday, minute in rng.sample(rest, count):
        first_week = rng.randint(1, 3)
        weeks = range(first_week, first_week + rng.randint(4, 10))
        held.extend(_weekly_time(settings, therapist, weekday, minute, weeks))
    return held


def _duty_days(settings, rng, therapist) -> list[dict]:
    """Whole working days in the calendar for other duties (a course, a theme day, a
    documentation day) in weeks 1-8: the therapist is at work but has no time for sessions."""
    held = []
    for _ in range(_poisson(rng, settings.duty_days_per_therapist)):
        hours = rng.choice(therapist.working_hours)
        day = settings.first_day + timedelta(days=7 * rng.randint(1, 8) + hours.weekday)
        if day in settings.closed_days or therapist.is_absent(day):
            continue
        start = hours.start.hour * 60 + hours.start.minute
        end = hours.end.hour * 60 + hours.end.minute
        held.append(
            dict(day=day, start=hours.start, minutes=end - start, therapist_id=therapist.id)
        )
    return held


def _class_seats(settings, running: _Running, team) -> list[dict]:
    held = []
    for _seat in range(round(running.fill(0, True) * team.capacity)):
        for week in range(running.weeks_held(True)):
            for weekday in team.weekdays:
                day = settings.first_day + timedelta(days=7 * week + weekday)
                if day not in settings.closed_days:
                    held.append(
                        dict(day=day, start=team.start, minutes=team.minutes, class_id=team.id)
                    )
    return held


def _free_slots(therapist, class_hours) -> list[tuple[int, int]]:
    """Weekly hour slots (weekday, minute) not taken by the therapist's classes."""
    slots = []
    for hours in therapist.working_hours:
        busy = class_hours.get((therapist.id, hours.weekday), [])
        start = hours.start.hour * 60 + hours.start.minute
        end = hours.end.hour * 60 + hours.end.minute
        for minute in range(start, end - 59, 60):
            if all(minute + 60 <= lo or minute >= hi for lo, hi in busy):
                slots.append((hours.weekday, minute))
    return slots
