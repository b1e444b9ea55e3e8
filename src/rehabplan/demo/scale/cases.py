"""The cases: who was referred for what and when, and how far each case has come by today.

Referrals arrive evenly over the history, each citizen's cases one after the other. Each case
then runs the product's course: decision (some late, a few refused, some withdrawn before),
first contact, start (some after the deadline), a number of sessions, closing. Where "today"
falls in that course gives the case's stage: undecided, awaiting start, in training or closed.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from rehabplan import rules
from rehabplan.courses.models import CourseStatus, ReferralSource, ReferralStatus
from rehabplan.courses.standard_services import GOP_SERVICE
from rehabplan.demo.scale.class_seats import SeatKey, settle_classes
from rehabplan.demo.scale.clock import WorkingDays
from rehabplan.demo.scale.engine import Engine
from rehabplan.demo.scale.people import CitizenPlan
from rehabplan.demo.scale.sizes import Period
from rehabplan.demo.scale.staff import ClassInfo, Staff, StaffMember
from rehabplan.organisation.models import Profession


@dataclass(frozen=True)
class ServiceMix:
    code: str
    share: int  # of the referrals, in per cent
    sessions: tuple[int, int]  # a course's usual number of sessions, fewest and most
    team: float  # share of its courses trained on a team class
    occupational: float  # share of its individual courses with an occupational therapist


# The services of Demo Kommune's standard (demo.toml) in a large unit's proportions.
SERVICES = (
    ServiceMix(GOP_SERVICE, 35, (8, 20), 0.2, 0.15),
    ServiceMix("SEL86-1", 20, (10, 24), 0.2, 0.3),
    ServiceMix("SEL86-2", 24, (14, 30), 0.2, 0.3),
    ServiceMix("SEL86-2-DAG", 5, (8, 24), 0.2, 0.6),
    ServiceMix("RAAD", 7, (1, 3), 0.0, 0.5),
    ServiceMix("SUL119", 5, (10, 16), 0.4, 0.1),
    ServiceMix("SUL140a", 4, (12, 26), 0.2, 0.2),
)
APPLICATION_SOURCES = (
    ReferralSource.CITIZEN,
    ReferralSource.GP,
    ReferralSource.RELATIVE,
    ReferralSource.HOME_CARE,
    ReferralSource.OTHER,
)
APPLICATION_SOURCE_WEIGHTS = (35, 30, 15, 15, 5)
MOST_REFERRALS = 4  # a citizen's in the history
REFUSED_SHARE = 0.08  # of the decisions on services that are granted or refused
WITHDRAWN_SHARE = 0.015
UNBOOKED_SHARE = 0.35  # of the courses awaiting start: decided, not yet planned
START_DAYS = (3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 24, 26, 30, 34, 40)
# Twice a week spread over all five days, so no weekday's calendars fill first.
WEEKLY_PATTERNS = {1: ((0,), (1,), (2,), (3,)), 2: ((0, 2), (1, 3), (2, 4), (0, 3), (1, 4))}
WEEKLY_PATTERNS[3] = ((0, 2, 4),)
FREQUENCY_WEIGHTS = (20, 65, 15)
ALL_SERVICES_MEAN = sum(mix.share * sum(mix.sessions) / 2 for mix in SERVICES) / 100


def _individual_places(mix: ServiceMix) -> float:
    return mix.share * sum(mix.sessions) / 2 * (1 - mix.team)


# The occupational therapists' part of the individual sessions: the staff is sized to it.
OCCUPATIONAL_DEMAND = sum(_individual_places(mix) * mix.occupational for mix in SERVICES) / sum(
    _individual_places(mix) for mix in SERVICES
)


@dataclass(slots=True)
class CasePlan:
    referral_id: int
    citizen: CitizenPlan
    mix: ServiceMix
    received: datetime.date
    discharge: datetime.date | None
    source: str
    status: str = ReferralStatus.NEW
    decided: datetime.date | None = None
    refused: bool = False
    contacted: datetime.date | None = None
    letter_received: datetime.date | None = None
    course_id: int | None = None
    course_status: str = ""
    start: datetime.date | None = None
    weekdays: tuple[int, ...] = ()
    sessions_wanted: int = 0
    team: ClassInfo | None = None
    therapist: StaffMember | None = None
    last_day: datetime.date | None = None
    preferred_slot: int = 0
    most_sessions: int | None = None

    @property
    def is_gop(self) -> bool:
        return self.mix.code == GOP_SERVICE


def spread_referrals(
    *, rng: random.Random, citizens: list[CitizenPlan], referrals: int, period: Period
) -> list[tuple[CitizenPlan, datetime.date]]:
    """Every citizen has one referral, some have two to four. A citizen's referrals lie evenly
    apart round the history from a random day on (so each, and all together, fall evenly over
    it, and a course ends before the next begins)."""
    counts = [1] * len(citizens)
    extra = min(max(0, referrals - len(citizens)), (MOST_REFERRALS - 1) * len(citizens))
    while extra:
        chosen = rng.randrange(len(citizens))
        if counts[chosen] < MOST_REFERRALS:
            counts[chosen] += 1
            extra -= 1
    spread = []
    span = max(1, period.days)
    for citizen, count in zip(citizens, counts, strict=True):
        first = rng.randrange(span)
        offsets = sorted((first + index * span // count) % span for index in range(count))
        days = [period.first + datetime.timedelta(days=offset) for offset in offsets]
        spread.extend((citizen, day) for day in days)
        citizen.first_seen = days[0]
    spread.sort(key=lambda item: item[1])
    return spread


def plan_cases(
    *,
    rng: random.Random,
    spread: list[tuple[CitizenPlan, datetime.date]],
    staff: Staff,
    period: Period,
    attendances: int,
    sessions: int,
    class_seats: dict[SeatKey, int],
    engine: Engine,
    new_referral_id: Callable[[], int],
    new_course_id: Callable[[], int],
) -> list[CasePlan]:
    """The cases with their stage on `period.today`; session counts are scaled so that the
    courses together ask for about `attendances` places, and as many train on a team as
    leaves about `sessions` sessions (`class_seats`: the seats already taken in class
    sessions)."""
    days = WorkingDays(staff.closed_days)
    started_share = 0.93  # decided, not refused or withdrawn, and begun
    scale = attendances / max(1, len(spread) * started_share * ALL_SERVICES_MEAN)
    chooser = _Chooser(rng, staff)
    grant_codes = engine.grant_codes(period.today)
    cases = []
    for citizen, received in spread:
        mix = rng.choices(SERVICES, weights=[service.share for service in SERVICES])[0]
        is_gop = mix.code == GOP_SERVICE
        case = CasePlan(
            referral_id=new_referral_id(),
            citizen=citizen,
            mix=mix,
            received=received,
            discharge=_discharge(rng, received, period) if is_gop else None,
            source=ReferralSource.HOSPITAL_GOP
            if is_gop
            else rng.choices(APPLICATION_SOURCES, weights=APPLICATION_SOURCE_WEIGHTS)[0],
        )
        _decide(rng, case, period, grant=mix.code in grant_codes)
        if case.status in (ReferralStatus.GRANTED, ReferralStatus.PLANNED):
            case.course_id = new_course_id()
            limits = engine.limits(mix.code, case.decided)
            _plan_course(rng, case, period, days, chooser, scale, limits)
        cases.append(case)
    _calibrate(cases, attendances, period, days)
    settle_classes(
        rng=rng,
        cases=sorted((c for c in cases if c.start), key=lambda c: (c.start, c.referral_id)),
        existing=class_seats,
        sessions=sessions,
        meetings=lambda case: meeting_days(case, period.last, days),
        train_individually=chooser.train_individually,
    )
    return cases


def _discharge(rng: random.Random, received: datetime.date, period: Period) -> datetime.date:
    """The hospital sends the plan on the day of discharge or the day after."""
    return max(period.first, received - datetime.timedelta(days=rng.randint(0, 1)))


def _decide(rng: random.Random, case: CasePlan, period: Period, *, grant: bool) -> None:
    origin = case.discharge or case.received
    contacted = origin + datetime.timedelta(days=rng.choice((1, 1, 2, 2, 3, 4, 5, 7)))
    case.contacted = contacted if contacted <= period.today else None
    if rng.random() < WITHDRAWN_SHARE and case.received < period.today:
        case.status = ReferralStatus.WITHDRAWN
        return
    if case.is_gop:
        decided = case.received + datetime.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
    else:
        # Most decisions inside the 10 working days; some late.
        wait = rng.randint(1, 8) if rng.random() < 0.85 else rng.randint(11, 16)
        decided = rules.add_working_days(case.received, wait)
    if decided > period.today:
        waiting = case.is_gop or (period.today - case.received).days < 2
        case.status = ReferralStatus.NEW if waiting else ReferralStatus.AWAITING_DECISION
        return
    case.decided = decided
    case.refused = grant and rng.random() < REFUSED_SHARE
    if not grant:
        case.status = ReferralStatus.PLANNED
    else:
        case.status = ReferralStatus.REFUSED if case.refused else ReferralStatus.GRANTED
    letter = decided + datetime.timedelta(days=rng.randint(1, 4))
    recent = (period.today - decided).days < 21
    forgotten = rng.random() < (0.3 if recent else 0.005)
    case.letter_received = None if letter > period.today or forgotten else letter


def _plan_course(
    rng: random.Random,
    case: CasePlan,
    period: Period,
    days: WorkingDays,
    chooser: _Chooser,
    scale: float,
    limits: tuple[int | None, int | None],
) -> None:
    """Start, delivery and length of the course, inside the grant's limits (`limits`: the
    most sessions and the most a week the standard allows)."""
    most_sessions, most_a_week = limits
    if case.is_gop:
        # Training starts within the week after discharge, some later.
        delay = rng.randint(2, 7) if rng.random() < 0.85 else rng.randint(8, 20)
        start = (case.discharge or case.received) + datetime.timedelta(days=delay)
    else:
        start = case.decided + datetime.timedelta(days=rng.choice(START_DAYS))
    start = days.on_or_after(start)
    fewest, most = case.mix.sessions
    case.sessions_wanted = max(1, round(rng.randint(fewest, most) * scale))
    case.most_sessions = most_sessions
    if most_sessions:
        case.sessions_wanted = min(case.sessions_wanted, most_sessions)
    case.preferred_slot = rng.randrange(12)
    if rng.random() < case.mix.team:
        case.team = chooser.team_class(start, most_a_week)
    if case.team is not None:
        case.weekdays = case.team.weekdays
        case.therapist = chooser.by_id[case.team.therapist_id]
    else:
        frequency = rng.choices((1, 2, 3), weights=FREQUENCY_WEIGHTS)[0]
        frequency = min(frequency, most_a_week or frequency)
        case.weekdays = rng.choice(WEEKLY_PATTERNS[frequency])
        case.therapist = chooser.individual_therapist(case)
    case.start = _first_meeting(start, case.weekdays, days)
    case.last_day = _last_meeting(case.start, case.weekdays, case.sessions_wanted, days)
    if case.start > period.today:
        case.course_status = CourseStatus.AWAITING_START
        if rng.random() < UNBOOKED_SHARE:
            # Decided but not yet planned: the leader's planning list.
            case.start = case.last_day = case.team = case.therapist = None
    elif case.last_day >= period.today:
        case.course_status = CourseStatus.ACTIVE
    else:
        case.course_status = CourseStatus.CLOSED


def _calibrate(cases: list[CasePlan], attendances: int, period: Period, days: WorkingDays) -> None:
    """Stretch or shrink the courses so that the places booked up to the last day come to
    about `attendances`: courses still running and the grant's limits make the first estimate
    fall short. Starts stay; ends and stages follow the new lengths."""
    booked = [case for case in cases if case.start is not None]
    for _round in range(3):
        planned = sum(len(meeting_days(case, period.last, days)) for case in booked)
        factor = attendances / max(1, planned)
        if abs(factor - 1) < 0.01:
            return
        for case in booked:
            wanted = max(1, round(case.sessions_wanted * factor))
            case.sessions_wanted = min(wanted, case.most_sessions or wanted)
            case.last_day = _last_meeting(case.start, case.weekdays, case.sessions_wanted, days)
            if case.start <= period.today:
                active = case.last_day >= period.today
                case.course_status = CourseStatus.ACTIVE if active else CourseStatus.CLOSED


def _first_meeting(
    start: datetime.date, weekdays: tuple[int, ...], days: WorkingDays
) -> datetime.date:
    return days.nth_meeting(weekdays, start, 1)


def _last_meeting(
    start: datetime.date, weekdays: tuple[int, ...], count: int, days: WorkingDays
) -> datetime.date:
    return days.nth_meeting(weekdays, start, count)


def meeting_days(case: CasePlan, until: datetime.date, days: WorkingDays) -> list[datetime.date]:
    """The course's training days from its start to its last day or `until`, if sooner."""
    if case.start is None or case.last_day is None:
        return []
    return days.meetings(case.weekdays, case.start, min(case.last_day, until))


class _Chooser:
    """Spreads courses over the therapists and classes: the least booked of a few candidates."""

    def __init__(self, rng: random.Random, staff: Staff) -> None:
        self.rng = rng
        self.by_id = {member.therapist_id: member for member in staff.therapists}
        self.physio = [m for m in staff.therapists if m.profession == Profession.PHYSIOTHERAPIST]
        self.occupational = [
            m for m in staff.therapists if m.profession != Profession.PHYSIOTHERAPIST
        ] or self.physio
        self.classes = staff.classes
        self.class_load: dict[tuple[int, int], int] = {}
        self.load: dict[int, float] = {}

    def individual_therapist(self, case: CasePlan) -> StaffMember:
        occupational = self.rng.random() < case.mix.occupational
        pool = self.occupational if occupational else self.physio
        candidates = self.rng.sample(pool, min(3, len(pool)))
        # Relative to what each may carry, so the demo's part-time calendars fill no faster.
        chosen = min(
            candidates, key=lambda m: self.load.get(m.therapist_id, 0) / m.max_sessions_per_week
        )
        self.load[chosen.therapist_id] = self.load.get(chosen.therapist_id, 0) + 1
        return chosen

    def train_individually(self, case: CasePlan) -> None:
        """Off the class onto one therapist's calendar, on the class's weekdays."""
        case.team = None
        case.therapist = self.individual_therapist(case)

    def team_class(self, start: datetime.date, most_a_week: int | None) -> ClassInfo | None:
        """A class meeting no more often than the grant allows; None if no class does."""
        week = start.toordinal() // 7
        classes = [c for c in self.classes if len(c.weekdays) <= (most_a_week or 7)]
        if not classes:
            return None
        candidates = self.rng.sample(classes, min(3, len(classes)))
        chosen = min(
            candidates, key=lambda c: self.class_load.get((c.class_id, week), 0) / c.capacity
        )
        for later in range(week, week + 10):
            key = (chosen.class_id, later)
            self.class_load[key] = self.class_load.get(key, 0) + 1
        return chosen
