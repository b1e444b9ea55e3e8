"""The planning problem as plain data: no solver, no database.

Every dataclass checks itself on construction and raises `PlanningInputError` with a Danish
message, so a solver never has to guess what malformed data meant.

Assumptions about time, stated once:
- An individual session at the centre takes `CENTRE_SESSION_MINUTES` (45 minutes of training
  plus 15 minutes for notes and changeover).
- A home visit takes `HOME_VISIT_MINUTES` of the therapist's time: 60 minutes in the home plus
  up to 60 minutes of travel there and back.
- Individual sessions start on a grid of `SLOT_STEP_MINUTES` from the start of the working day.
- Weekdays are numbered as `date.weekday()`: 0 = Monday ... 6 = Sunday.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from enum import StrEnum

from rehabplan.planning.errors import PlanningInputError

CENTRE_SESSION_MINUTES = 60
HOME_VISIT_MINUTES = 120
SLOT_STEP_MINUTES = 30
MAX_SESSIONS_PER_COURSE = 20

WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


class Mode(StrEnum):
    TEAM = "team"
    INDIVIDUAL = "individual"
    HOME = "home"


class Profession(StrEnum):
    PT = "PT"
    OT = "OT"


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _check_weekday(value: int, what: str) -> None:
    if not isinstance(value, int) or not 0 <= value <= 6:
        raise PlanningInputError(f"{what}: ugedag skal være et tal fra 0 (mandag) til 6 (søndag).")


@dataclass(frozen=True)
class CourseRequest:
    """A course waiting to start. `start_deadline` comes from the rules engine, never from here."""

    id: str
    citizen_id: str
    earliest_start: date
    start_deadline: date
    service_code: str
    sessions_per_week: int
    weeks: int
    mode: Mode
    level: str
    profession: Profession
    received: date
    arrival_order: int = 0
    preferred_therapist_id: str | None = None
    blocked_weekdays: frozenset[int] = frozenset()
    free_choice_applies: bool = False
    district: str = ""
    max_sessions: int | None = None  # the granted or standard's cap; None: the planner's own
    # An individual course whose decision leaves the form open: a free seat on a suitable
    # class may be used instead of a therapist's individual hours (the cheaper option).
    may_join_class: bool = False
    name: str = ""  # how messages name the course, e.g. the citizen's name

    @property
    def label(self) -> str:
        return self.name or f"Forløb {self.id}"

    def __post_init__(self) -> None:
        if not self.id:
            raise PlanningInputError("Et forløb mangler et id.")
        label = f"Forløb {self.id}"
        object.__setattr__(self, "mode", _enum(Mode, self.mode, f"{label}: ukendt form"))
        object.__setattr__(
            self, "profession", _enum(Profession, self.profession, f"{label}: ukendt faggruppe")
        )
        object.__setattr__(self, "blocked_weekdays", frozenset(self.blocked_weekdays))
        if not 1 <= self.sessions_per_week <= 5:
            raise PlanningInputError(f"{label}: antal træninger om ugen skal være 1-5.")
        if not 1 <= self.weeks <= 52:
            raise PlanningInputError(f"{label}: antal uger skal være 1-52.")
        if self.start_deadline < self.received:
            raise PlanningInputError(
                f"{label}: fristen {self.start_deadline} ligger før modtagelsen {self.received}."
            )
        for weekday in self.blocked_weekdays:
            _check_weekday(weekday, label)
        if not self.level:
            raise PlanningInputError(f"{label}: niveau (holdinddeling) mangler.")
        if self.max_sessions is not None and self.max_sessions < 1:
            raise PlanningInputError(f"{label}: højst antal træninger skal være mindst 1.")

    @property
    def session_count(self) -> int:
        """Sessions a week times weeks, never more than the course's cap (the grant's or the
        standard's number of sessions; without one, the planner's own `MAX_SESSIONS_PER_COURSE`)."""
        return min(
            self.sessions_per_week * self.weeks, self.max_sessions or MAX_SESSIONS_PER_COURSE
        )

    @property
    def joins_classes(self) -> bool:
        """Whether the course may be placed on a class: a team course, or an individual
        course at the centre that may join one (never a home visit)."""
        return self.mode is Mode.TEAM or (self.may_join_class and self.mode is Mode.INDIVIDUAL)

    @property
    def session_minutes(self) -> int:
        return HOME_VISIT_MINUTES if self.mode is Mode.HOME else CENTRE_SESSION_MINUTES


@dataclass(frozen=True)
class TeamClass:
    """A standing team class with continuous intake that meets on fixed weekdays.

    `enrolled` counts participants who hold their seat through the whole period; participants
    who leave earlier are given as class bookings instead.
    """

    id: str
    location: str
    weekdays: tuple[int, ...]
    start: time
    minutes: int
    capacity: int
    minimum_to_run: int
    level: str
    therapist_id: str
    enrolled: int = 0
    district: str = ""
    name: str = ""  # how messages name the class

    @property
    def label(self) -> str:
        return f"holdet {self.name}" if self.name else f"hold {self.id}"

    def __post_init__(self) -> None:
        label = f"Hold {self.id}"
        object.__setattr__(self, "weekdays", tuple(sorted(set(self.weekdays))))
        if not self.weekdays:
            raise PlanningInputError(f"{label}: holdet mødes ingen ugedage.")
        for weekday in self.weekdays:
            _check_weekday(weekday, label)
        if not 15 <= self.minutes <= 240:
            raise PlanningInputError(f"{label}: varighed skal være 15-240 minutter.")
        if self.capacity < 1:
            raise PlanningInputError(f"{label}: holdet skal have mindst én plads.")
        if not 0 <= self.minimum_to_run <= self.capacity:
            raise PlanningInputError(f"{label}: minimum skal ligge mellem 0 og kapaciteten.")
        if not 0 <= self.enrolled <= self.capacity:
            raise PlanningInputError(f"{label}: {self.enrolled} tilmeldte er over kapaciteten.")

    @property
    def start_minute(self) -> int:
        return _minutes(self.start)


@dataclass(frozen=True)
class WorkingHours:
    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        _check_weekday(self.weekday, "Arbejdstid")
        if self.end <= self.start:
            raise PlanningInputError(
                f"Arbejdstid {WEEKDAY_NAMES[self.weekday]}: sluttid skal ligge efter starttid."
            )


@dataclass(frozen=True)
class Absence:
    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise PlanningInputError(
                f"Fravær {self.first_day}-{self.last_day}: slutdato ligger før startdato."
            )

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Therapist:
    id: str
    profession: Profession
    working_hours: tuple[WorkingHours, ...]
    max_sessions_per_week: int = 30
    absences: tuple[Absence, ...] = ()
    district: str = ""
    name: str = ""  # how messages name the therapist

    @property
    def label(self) -> str:
        return self.name or f"terapeut {self.id}"

    def __post_init__(self) -> None:
        label = f"Terapeut {self.id}"
        object.__setattr__(
            self, "profession", _enum(Profession, self.profession, f"{label}: ukendt faggruppe")
        )
        object.__setattr__(self, "working_hours", tuple(self.working_hours))
        object.__setattr__(self, "absences", tuple(self.absences))
        weekdays = [hours.weekday for hours in self.working_hours]
        if len(weekdays) != len(set(weekdays)):
            raise PlanningInputError(f"{label}: samme ugedag har to arbejdstider.")
        if self.max_sessions_per_week < 0:
            raise PlanningInputError(f"{label}: maks. træninger om ugen kan ikke være negativ.")

    def hours_on(self, weekday: int) -> WorkingHours | None:
        for hours in self.working_hours:
            if hours.weekday == weekday:
                return hours
        return None

    def is_absent(self, day: date) -> bool:
        return any(absence.covers(day) for absence in self.absences)


@dataclass(frozen=True)
class Booking:
    """Something already in the calendar: it occupies a therapist, a citizen or a class seat."""

    id: str
    day: date
    start: time
    minutes: int
    therapist_id: str | None = None
    citizen_id: str | None = None
    class_id: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= 24 * 60:
            raise PlanningInputError(f"Booking {self.id}: varighed skal være 1-1440 minutter.")
        if self.therapist_id is None and self.citizen_id is None and self.class_id is None:
            raise PlanningInputError(
                f"Booking {self.id}: hverken terapeut, borger eller hold er angivet."
            )


@dataclass(frozen=True)
class Horizon:
    """The days in which courses may start: `weeks` weeks from the Monday `first_day`."""

    first_day: date
    weeks: int

    def __post_init__(self) -> None:
        if self.first_day.weekday() != 0:
            raise PlanningInputError(f"Planperioden skal begynde en mandag, ikke {self.first_day}.")
        if not 1 <= self.weeks <= 26:
            raise PlanningInputError("Planperioden skal være 1-26 uger.")

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=7 * self.weeks - 1)

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class PlanningProblem:
    """Everything one planning run needs; `closed_days` are holidays and the unit's closed days."""

    horizon: Horizon
    courses: tuple[CourseRequest, ...]
    therapists: tuple[Therapist, ...]
    classes: tuple[TeamClass, ...] = ()
    bookings: tuple[Booking, ...] = ()
    closed_days: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "courses", tuple(self.courses))
        object.__setattr__(self, "therapists", tuple(self.therapists))
        object.__setattr__(self, "classes", tuple(self.classes))
        object.__setattr__(self, "bookings", tuple(self.bookings))
        object.__setattr__(self, "closed_days", frozenset(self.closed_days))
        _unique("forløb", [course.id for course in self.courses])
        _unique("terapeut", [therapist.id for therapist in self.therapists])
        _unique("hold", [team.id for team in self.classes])
        therapist_ids = {therapist.id for therapist in self.therapists}
        class_ids = {team.id for team in self.classes}
        for team in self.classes:
            if team.therapist_id not in therapist_ids:
                raise PlanningInputError(
                    f"Hold {team.id}: terapeuten {team.therapist_id} findes ikke."
                )
        for course in self.courses:
            if course.preferred_therapist_id and course.preferred_therapist_id not in therapist_ids:
                raise PlanningInputError(
                    f"Forløb {course.id}: den foretrukne terapeut "
                    f"{course.preferred_therapist_id} findes ikke."
                )
        for booking in self.bookings:
            if booking.therapist_id and booking.therapist_id not in therapist_ids:
                raise PlanningInputError(
                    f"Booking {booking.id}: terapeuten {booking.therapist_id} findes ikke."
                )
            if booking.class_id and booking.class_id not in class_ids:
                raise PlanningInputError(
                    f"Booking {booking.id}: holdet {booking.class_id} findes ikke."
                )

    def therapist(self, therapist_id: str) -> Therapist:
        return self._therapists_by_id[therapist_id]

    def team_class(self, class_id: str) -> TeamClass:
        return self._classes_by_id[class_id]

    @property
    def _therapists_by_id(self) -> dict[str, Therapist]:
        cached = self.__dict__.get("_therapist_index")
        if cached is None:
            cached = {therapist.id: therapist for therapist in self.therapists}
            object.__setattr__(self, "_therapist_index", cached)
        return cached

    @property
    def _classes_by_id(self) -> dict[str, TeamClass]:
        cached = self.__dict__.get("_class_index")
        if cached is None:
            cached = {team.id: team for team in self.classes}
            object.__setattr__(self, "_class_index", cached)
        return cached


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise PlanningInputError(f"Samme {what}-id optræder to gange: {item}.")
        seen.add(item)


def _enum(kind, value, message: str):
    try:
        return kind(value)
    except ValueError:
        raise PlanningInputError(f"{message}: {value!r}.") from None
