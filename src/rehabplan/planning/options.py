"""The optimiser's assignment model as plain data: each course's candidate starts and the
capacities they draw on. No solver here; `solvers.highs_assignment` turns it into a MIP.

A candidate (an `Option`) is a start date on one class or one therapist. Its size is linear in
courses x candidates: every option lists the capacity rows it uses (class seats per meeting,
therapist sessions and minutes per week, therapist minutes on the start day), so the model
has no constraints between pairs of courses.

Only options that are feasible against the existing calendar are generated, and every on-time
option is kept, so the on-time-only model bounds what any exact plan can reach. Late options are
thinned to the earliest few per course: they only decide how late, never whether on time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from rehabplan.planning.calendar import class_dates, mask, meeting_dates
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.placement import (
    _open_weekdays,
    _patterns,
    _slot_starts,
    compatible_classes,
    compatible_therapists,
)
from rehabplan.planning.problem import CourseRequest, Mode, PlanningProblem, Therapist

# Weights of the second phase (minimised): lateness dominates, then the softer goals in order.
WEIGHT_DAY_LATE = 1000.0
WEIGHT_DAY_AFTER_EARLIEST = 10.0
WEIGHT_OTHER_THERAPIST = 8.0
WEIGHT_SEAT_BELOW_MINIMUM = 5.0
WEIGHT_THERAPIST_LOAD = 2.0
UNPLANNED_EXTRA_DAYS = 14
LATE_OPTIONS_PER_COURSE = 12
LATE_THERAPISTS_PER_DAY = 3

RowKey = tuple


@dataclass(frozen=True)
class Option:
    course_id: str
    resource_id: str
    start: date
    on_time: bool
    days_late: int
    cost: float
    usage: tuple[tuple[RowKey, float], ...]


@dataclass
class AssignmentModel:
    course_ids: list[str]
    options: list[Option]
    capacity: dict[RowKey, float]
    minimum_gap: dict[RowKey, float] = field(default_factory=dict)
    unplanned_cost: dict[str, float] = field(default_factory=dict)

    def options_by_course(self) -> dict[str, list[int]]:
        grouped: dict[str, list[int]] = defaultdict(list)
        for index, option in enumerate(self.options):
            grouped[option.course_id].append(index)
        return grouped


class _DayCapacity:
    """Free time per therapist and day in the existing calendar, computed once."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._cache: dict[tuple[str, date], tuple[int, int]] = {}

    def free(self, therapist: Therapist, day: date) -> tuple[int, int]:
        """(free minutes, longest session that fits as a multiple of grid slots) on `day`."""
        key = (therapist.id, day)
        found = self._cache.get(key)
        if found is None:
            found = self._compute(therapist, day)
            self._cache[key] = found
        return found

    def _compute(self, therapist: Therapist, day: date) -> tuple[int, int]:
        problem = self.ledger.problem
        if day in problem.closed_days or therapist.is_absent(day):
            return 0, 0
        if therapist.hours_on(day.weekday()) is None:
            return 0, 0
        blocked = self.ledger.therapist_blocked(therapist, [day])
        working = self.ledger.working_mask[therapist.id, day.weekday()]
        free_minutes = (working & ~blocked).bit_count() * 5
        longest = 0
        for minutes in (60, 120):
            if any(
                not mask(minute, minutes) & blocked
                for minute in _slot_starts(therapist, day.weekday(), minutes)
            ):
                longest = minutes
        return free_minutes, longest


def build_model(
    problem: PlanningProblem, ledger: Ledger, on_time_only: bool = False
) -> AssignmentModel:
    model = AssignmentModel([course.id for course in problem.courses], [], {})
    days = _DayCapacity(ledger)
    last = problem.horizon.last_day
    for course in problem.courses:
        late_days = max(0, (last - course.start_deadline).days)
        model.unplanned_cost[course.id] = WEIGHT_DAY_LATE * (late_days + UNPLANNED_EXTRA_DAYS)
        if course.mode is Mode.TEAM:
            _team_options(problem, ledger, model, course, on_time_only)
        else:
            _individual_options(problem, ledger, days, model, course, on_time_only)
    _add_minimum_rows(problem, ledger, model)
    return model


def _week_index(problem: PlanningProblem, day: date) -> int:
    return (day - problem.horizon.first_day).days // 7


def _cost(course: CourseRequest, start: date, therapist_id: str, load: float) -> float:
    days_late = max(0, (start - course.start_deadline).days)
    cost = WEIGHT_DAY_LATE * days_late
    cost += WEIGHT_DAY_AFTER_EARLIEST * (start - course.earliest_start).days
    if course.preferred_therapist_id and course.preferred_therapist_id != therapist_id:
        cost += WEIGHT_OTHER_THERAPIST
    return cost + WEIGHT_THERAPIST_LOAD * load


def _team_options(problem, ledger, model, course, on_time_only) -> None:
    start_from = max(course.earliest_start, problem.horizon.first_day)
    for team in compatible_classes(problem, course):
        late_taken = 0
        day = start_from
        while day <= problem.horizon.last_day and late_taken < 4:
            if day.weekday() in team.weekdays and day not in problem.closed_days:
                on_time = day <= course.start_deadline
                if on_time_only and not on_time:
                    break
                dates = class_dates(problem, team, day, course.session_count)
                if len(dates) == course.session_count and all(
                    ledger.seats_free(team.id, meeting) >= 1 for meeting in dates
                ):
                    usage = tuple((("seat", team.id, meeting), 1.0) for meeting in dates)
                    model.options.append(
                        Option(
                            course.id,
                            team.id,
                            day,
                            on_time,
                            max(0, (day - course.start_deadline).days),
                            _cost(course, day, team.therapist_id, 0.0),
                            usage,
                        )
                    )
                    for key, _ in usage:
                        model.capacity.setdefault(key, float(ledger.seats_free(team.id, key[2])))
                    late_taken += 0 if on_time else 1
            day += timedelta(days=1)


def _individual_options(problem, ledger, days, model, course, on_time_only) -> None:
    start_from = max(course.earliest_start, problem.horizon.first_day)
    therapists = compatible_therapists(problem, course)
    late_taken = 0
    day = start_from
    while day <= problem.horizon.last_day:
        on_time = day <= course.start_deadline
        if not on_time and (on_time_only or late_taken >= LATE_OPTIONS_PER_COURSE):
            break
        if day.weekday() not in course.blocked_weekdays and day not in problem.closed_days:
            usable = []
            for therapist in therapists:
                free_minutes, longest = days.free(therapist, day)
                if longest >= course.session_minutes and ledger.sessions_left(therapist, day) > 0:
                    usable.append((free_minutes, therapist))
            if not on_time:
                usable.sort(key=lambda pair: (-pair[0], pair[1].id))
                usable = usable[:LATE_THERAPISTS_PER_DAY]
            for _free, therapist in usable:
                option = _individual_option(problem, ledger, model, course, therapist, day)
                if option is not None:
                    model.options.append(option)
                    late_taken += 0 if on_time else 1
        day += timedelta(days=1)


def _individual_option(problem, ledger, model, course, therapist, day) -> Option | None:
    patterns = _patterns(_open_weekdays(therapist, course), day.weekday(), course)
    if not patterns:
        return None
    dates = meeting_dates(problem, patterns[0], day, course.session_count, therapist)
    if len(dates) < course.session_count or dates[0] != day:
        return None
    per_week: dict[int, int] = defaultdict(int)
    for session_day in dates:
        per_week[_week_index(problem, session_day)] += 1
    usage: list[tuple[RowKey, float]] = [
        (("start-day", therapist.id, day), float(course.session_minutes))
    ]
    for week, count in sorted(per_week.items()):
        usage.append((("sessions", therapist.id, week), float(count)))
        usage.append((("minutes", therapist.id, week), float(count * course.session_minutes)))
    for key, _ in usage:
        if key not in model.capacity:
            model.capacity[key] = _therapist_capacity(problem, ledger, therapist, key)
    start_week = ("sessions", therapist.id, _week_index(problem, day))
    load = 1.0 - model.capacity[start_week] / max(1, therapist.max_sessions_per_week)
    return Option(
        course.id,
        therapist.id,
        day,
        day <= course.start_deadline,
        max(0, (day - course.start_deadline).days),
        _cost(course, day, therapist.id, load),
        tuple(usage),
    )


def _therapist_capacity(problem, ledger, therapist, key) -> float:
    kind = key[0]
    if kind == "start-day":
        day = key[2]
        blocked = ledger.therapist_blocked(therapist, [day])
        working = ledger.working_mask.get((therapist.id, day.weekday()), 0)
        return float((working & ~blocked).bit_count() * 5)
    monday = problem.horizon.first_day + timedelta(days=7 * key[2])
    if kind == "sessions":
        return float(max(0, ledger.sessions_left(therapist, monday)))
    free = 0
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if day in problem.closed_days or therapist.is_absent(day):
            continue
        working = ledger.working_mask.get((therapist.id, day.weekday()), 0)
        if working:
            free += (working & ~ledger.therapist_blocked(therapist, [day])).bit_count() * 5
    return float(free)


def _add_minimum_rows(problem, ledger, model) -> None:
    """Seats missing to reach each class's minimum at its meetings in the period."""
    used = {key for option in model.options for key, _ in option.usage if key[0] == "seat"}
    for key in used:
        _, class_id, day = key
        if not problem.horizon.contains(day):
            continue
        team = problem.team_class(class_id)
        taken = team.capacity - ledger.seats_free(class_id, day)
        if taken < team.minimum_to_run:
            model.minimum_gap[key] = float(team.minimum_to_run - taken)


def split_components(model: AssignmentModel) -> list[AssignmentModel]:
    """Independent parts of the model: courses that share no capacity row with each other.

    Team courses only draw on class seats and individual courses only on therapist time, and
    districts share nothing, so one big MIP falls apart into many small ones that solve far
    faster than the whole."""
    parent: dict[object, object] = {}

    def find(item):
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for course_id in model.course_ids:
        find(("course", course_id))
    for option in model.options:
        course_root = find(("course", option.course_id))
        for key, _ in option.usage:
            root = find(key)
            if root != course_root:
                parent[root] = course_root
    parts: dict[object, AssignmentModel] = {}
    for course_id in model.course_ids:
        root = find(("course", course_id))
        part = parts.setdefault(root, AssignmentModel([], [], {}))
        part.course_ids.append(course_id)
        part.unplanned_cost[course_id] = model.unplanned_cost[course_id]
    for option in model.options:
        part = parts[find(("course", option.course_id))]
        part.options.append(option)
        for key, _ in option.usage:
            part.capacity[key] = model.capacity[key]
            if key in model.minimum_gap:
                part.minimum_gap[key] = model.minimum_gap[key]
    return list(parts.values())


def greedy_choice(
    model: AssignmentModel, deadlines: dict[str, date], guide: list[float] | None = None
) -> dict[int, int]:
    """A quick feasible solution of the model, each course on its best option that still fits.

    Without `guide`: earliest deadline first, on-time options first, cheapest first. With
    `guide` (an LP solution, one value per option): the courses and options the LP likes most
    first, which usually rounds the LP to an optimal integer solution. Returns option index
    per course index in `model.course_ids`."""
    left = dict(model.capacity)
    by_course = model.options_by_course()
    position = {course_id: index for index, course_id in enumerate(model.course_ids)}
    chosen: dict[int, int] = {}

    def liked(index: int) -> float:
        return guide[index] if guide is not None else 0.0

    def course_key(course_id: str) -> tuple:
        best = max((liked(index) for index in by_course.get(course_id, [])), default=0.0)
        return (-round(best, 6), deadlines[course_id], course_id)

    for course_id in sorted(model.course_ids, key=course_key):
        candidates = sorted(
            by_course.get(course_id, []),
            key=lambda index: (
                not model.options[index].on_time,
                -round(liked(index), 6),
                model.options[index].cost,
            ),
        )
        for index in candidates:
            usage = model.options[index].usage
            if all(left[key] >= amount for key, amount in usage):
                for key, amount in usage:
                    left[key] -= amount
                chosen[position[course_id]] = index
                break
    return chosen
