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

import math
import time as clock
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from rehabplan.planning.calendar import class_dates, mask
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.placement import (
    compatible_classes,
    compatible_therapists,
    open_weekdays,
    place_team,
    slot_starts,
    weekly_patterns,
)
from rehabplan.planning.problem import (
    HOME_VISIT_MINUTES,
    CourseRequest,
    Mode,
    PlanningProblem,
    Therapist,
)

# Weights of the second phase (minimised): lateness dominates, then cost (a therapist's
# individual hours, and seats missing for a class to run), then the softer goals.
WEIGHT_DAY_LATE = 1000.0
# Per hour of a therapist's individual time: a course of 16 one-hour sessions costs 320, more
# than a month's later start, so a free seat on a suitable class wins over individual hours.
WEIGHT_THERAPIST_HOUR = 20.0
# Per seat missing at a class meeting for the class to reach its minimum to run: a class
# under its minimum costs its therapist's hour for too few citizens.
WEIGHT_SEAT_BELOW_MINIMUM = 30.0
# Per class meeting that stays below its minimum at all: its therapist's hour for too few.
# With it, filling one class to its minimum beats spreading the same citizens over two.
WEIGHT_MEETING_BELOW_MINIMUM = 60.0
WEIGHT_DAY_AFTER_EARLIEST = 10.0
WEIGHT_OTHER_THERAPIST = 8.0
WEIGHT_THERAPIST_LOAD = 2.0
# Per place a weekly pattern comes after the best-spread one (the placement's own order).
WEIGHT_PATTERN_RANK = 1.0
UNPLANNED_EXTRA_DAYS = 14
LATE_OPTIONS_PER_COURSE = 6
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
    # The least the option can use whatever weekly pattern it gets: the relaxation's rows,
    # which make the on-time bound valid. `usage` is the expected use, for planning.
    least_usage: tuple[tuple[RowKey, float], ...] = ()
    on_class: bool = False
    pattern: tuple[int, ...] | None = None  # an exact individual option's weekdays

    def rows(self, least: bool) -> tuple[tuple[RowKey, float], ...]:
        return self.least_usage if least and self.least_usage else self.usage


@dataclass
class AssignmentModel:
    course_ids: list[str]
    options: list[Option]
    capacity: dict[RowKey, float]
    minimum_gap: dict[RowKey, float] = field(default_factory=dict)
    unplanned_cost: dict[str, float] = field(default_factory=dict)
    exact: bool = True
    fit: object | None = None  # the ledger's FitIndex, for exact options
    cut_short: int = 0  # courses left without options when the time ran out
    resources: set[str] | None = None  # only options on these classes and therapists
    # Set for a model too large for the time (a long waiting list): each course's on-time
    # options are thinned to about this many, and the model bounds nothing.
    option_cap: int | None = None

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
                for minute in slot_starts(therapist, day.weekday(), minutes)
            ):
                longest = minutes
        return free_minutes, longest


def build_model(
    problem: PlanningProblem,
    ledger: Ledger,
    on_time_only: bool = False,
    courses: list[CourseRequest] | None = None,
    exact: bool = True,
    stop_at: float = math.inf,
    resources: set[str] | None = None,
    option_cap: int | None = None,
) -> AssignmentModel:
    """The model for `courses` (default: all) against the calendar in `ledger`.

    With `exact` (the planner's model), an individual option exists only if some weekly
    pattern from its start fits the therapist on its own in every week the course runs, and
    its rows count the sessions each week of the patterns that fit. Without it, an option
    needs only a free time on its start day, and its least use is estimated from the weekly
    frequency: the looser relaxation, kept so the benchmark can show how much the exact
    options tighten the proven limit.

    Past `stop_at` (a `time.perf_counter()` value) the remaining courses get no options; they
    are counted in `model.cut_short`, so a bound from the model can add them back. With
    `resources` (class and therapist ids), only options on those are made. With `option_cap`,
    each course's on-time options are thinned to about that many (the model is then no
    relaxation and proves no bound)."""
    courses = list(problem.courses) if courses is None else courses
    model = AssignmentModel([course.id for course in courses], [], {}, exact=exact)
    model.fit = ledger.fit_index() if exact else None
    model.resources = resources
    model.option_cap = option_cap
    days = _DayCapacity(ledger)
    last = problem.horizon.last_day
    for course in courses:
        if clock.perf_counter() > stop_at:
            model.cut_short += 1
            model.unplanned_cost[course.id] = 0.0
            continue
        late_days = max(0, (last - course.start_deadline).days)
        model.unplanned_cost[course.id] = WEIGHT_DAY_LATE * (late_days + UNPLANNED_EXTRA_DAYS)
        if course.joins_classes:
            _team_options(problem, ledger, model, course, on_time_only)
        if course.mode is not Mode.TEAM:
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
    """Every on-time start on every suitable class, then the earliest few late ones over all
    of them (late starts decide how late, never whether on time)."""
    classes = [
        team
        for team in compatible_classes(problem, course)
        if model.resources is None or team.id in model.resources
    ]
    if not classes:
        return
    late_taken = 0
    day = max(course.earliest_start, problem.horizon.first_day)
    last_day = problem.horizon.last_day
    while day <= last_day and late_taken < LATE_OPTIONS_PER_COURSE:
        on_time = day <= course.start_deadline
        if on_time_only and not on_time:
            return
        if day not in problem.closed_days:
            weekday = day.weekday()
            for team in classes:
                if weekday not in team.weekdays:
                    continue
                if late_taken >= LATE_OPTIONS_PER_COURSE:
                    break
                option = _team_option(problem, ledger, model, course, team, day, on_time)
                if option is not None:
                    model.options.append(option)
                    late_taken += 0 if on_time else 1
        day += timedelta(days=1)


def _team_option(problem, ledger, model, course, team, day, on_time) -> Option | None:
    cache = model.__dict__.setdefault("_team_usage", {})
    key = (team.id, day, course.session_count)
    if key not in cache:
        cache[key] = _team_usage(problem, ledger, model, team, day, course)
    usage = cache[key]
    if usage is None:
        return None
    if (
        course.citizen_id in ledger.citizens_with_time
        and place_team(ledger, course, team, day) is None
    ):
        return None  # the citizen's own appointments clash with a meeting
    return Option(
        course.id,
        team.id,
        day,
        on_time,
        max(0, (day - course.start_deadline).days),
        _cost(course, day, team.therapist_id, 0.0),
        usage,
        on_class=True,
    )


def _team_usage(problem, ledger, model, team, day, course):
    """The class meetings a course joining on `day` attends, or None if one is already full."""
    dates = class_dates(problem, team, day, course.session_count)
    if len(dates) < course.session_count:
        return None
    free = [ledger.seats_free(team.id, meeting) for meeting in dates]
    if min(free) < 1:
        return None
    usage = tuple((("seat", team.id, meeting), 1.0) for meeting in dates)
    for (key, _), seats in zip(usage, free, strict=True):
        model.capacity.setdefault(key, float(seats))
    return usage


def _individual_options(problem, ledger, days, model, course, on_time_only) -> None:
    start_from = max(course.earliest_start, problem.horizon.first_day)
    therapists = [
        therapist
        for therapist in compatible_therapists(problem, course)
        if model.resources is None or therapist.id in model.resources
    ]
    late_taken = 0
    day = start_from
    last_day = problem.horizon.last_day
    choices = _exact_choices if model.exact else _start_day_choice
    while day <= last_day:
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
            elif model.option_cap is not None:
                # A capped model: the therapists with the most free time that day.
                usable.sort(key=lambda pair: (-pair[0], pair[1].id))
                usable = usable[: _therapists_per_day(model, course, start_from)]
            for _free, therapist in usable:
                found = choices(problem, ledger, model, course, therapist, day)
                model.options.extend(found)
                late_taken += 0 if on_time or not found else 1
        day += timedelta(days=1)


def _therapists_per_day(model, course, start_from: date) -> int:
    """In a capped model, how many therapists a course's on-time day offers: its share of the
    cap spread over its on-time days (three patterns an option on average)."""
    window = max(1, (course.start_deadline - start_from).days * 5 // 7 + 1)
    return max(2, model.option_cap // (3 * window))


def _exact_choices(problem, ledger, model, course, therapist, day) -> list[Option]:
    """One option per weekly pattern that fits the therapist on its own from `day`; its rows
    are exact for that pattern: its minutes on each of its days in the period (against the
    minutes that whole sessions can fill that day) and its sessions in every week."""
    options = []
    base = _cost(course, day, therapist.id, 0.0) + _individual_hours_cost(course)
    on_time = day <= course.start_deadline
    for rank, pattern in enumerate(_patterns(model, therapist, course, day.weekday())):
        found = _pattern_usage(problem, ledger, model, course, therapist, day, pattern)
        if found is None:
            continue
        usage, load = found
        options.append(
            Option(
                course.id,
                therapist.id,
                day,
                on_time,
                max(0, (day - course.start_deadline).days),
                base + WEIGHT_THERAPIST_LOAD * load + WEIGHT_PATTERN_RANK * rank,
                usage,
                pattern=pattern,
            )
        )
    return options


def _pattern_usage(problem, ledger, model, course, therapist, day, pattern):
    cache = model.__dict__.setdefault("_pattern_usage", {})
    key = (
        therapist.id,
        day,
        pattern,
        course.session_count,
        course.session_minutes,
        course.citizen_id if course.citizen_id in ledger.citizens_with_time else None,
    )
    if key in cache:
        return cache[key]
    days = model.fit.pattern_days(course, therapist, day, pattern)
    found = None
    if days is not None:
        minutes = float(course.session_minutes)
        period = 7 * problem.horizon.weeks
        rows = [(("day", therapist.id, number), minutes) for number in days if number < period]
        if course.session_minutes == HOME_VISIT_MINUTES:
            # A home visit also needs two free hours in a row that day.
            rows += [(("long", therapist.id, number), 1.0) for number in days if number < period]
        weekly = _weekly_rows(
            problem,
            ledger,
            model,
            therapist,
            _sessions_per_week(days),
            minutes,
            minutes_from=problem.horizon.weeks,
        )
        usage = (*rows, *weekly)
        for row_key, _ in usage:
            if row_key not in model.capacity:
                model.capacity[row_key] = _therapist_capacity(problem, ledger, therapist, row_key)
        start_key = ("sessions", therapist.id, days[0] // 7)
        load = 1.0 - model.capacity[start_key] / max(1, therapist.max_sessions_per_week)
        found = (usage, load)
    cache[key] = found
    return found


def _weekly_rows(
    problem, ledger, model, therapist, per_week: dict[int, int], minutes: float, minutes_from=0
):
    """Sessions in every week, and minutes from week `minutes_from` on (earlier weeks' days
    have rows of their own), each shared by every option with the same therapist and weeks.

    A week's minutes row is left out where it cannot bind: when the therapist's free minutes
    hold the sessions still allowed that week even if every one were a home visit (the longest
    session), the sessions row already says all the minutes row would."""
    weeks = tuple(sorted(per_week.items()))
    cache = model.__dict__.setdefault("_weekly_rows", {})
    key = (therapist.id, weeks, minutes, minutes_from)
    found = cache.get(key)
    if found is None:
        rows: list[tuple[RowKey, float]] = []
        for week, count in weeks:
            rows.append((("sessions", therapist.id, week), float(count)))
            if week >= minutes_from and not _minutes_row_redundant(
                problem, ledger, model, therapist, week
            ):
                rows.append((("minutes", therapist.id, week), count * minutes))
        found = tuple(rows)
        cache[key] = found
    return found


def _start_day_choice(problem, ledger, model, course, therapist, day) -> list[Option]:
    """The looser relaxation's option: one per therapist and start day, needing only a free
    time on the start day."""
    cache = model.__dict__.setdefault("_individual_usage", {})
    key = (
        therapist.id,
        day,
        course.sessions_per_week,
        course.session_count,
        course.session_minutes,
        course.blocked_weekdays,
    )
    if key not in cache:
        cache[key] = _start_day_usage(problem, ledger, model, course, therapist, day)
    found = cache[key]
    if found is None:
        return []
    usage, least_usage, load = found
    return [
        Option(
            course.id,
            therapist.id,
            day,
            day <= course.start_deadline,
            max(0, (day - course.start_deadline).days),
            _cost(course, day, therapist.id, load) + _individual_hours_cost(course),
            usage,
            least_usage,
        )
    ]


def _individual_hours_cost(course: CourseRequest) -> float:
    """The therapist's hours an individual course takes, in cost: what a class seat saves."""
    return WEIGHT_THERAPIST_HOUR * course.session_count * course.session_minutes / 60


def _patterns(model, therapist, course, weekday: int) -> list[tuple[int, ...]]:
    cache = model.__dict__.setdefault("_patterns", {})
    open_days = tuple(open_weekdays(therapist, course))
    key = (open_days, weekday, course.sessions_per_week)
    found = cache.get(key)
    if found is None:
        found = weekly_patterns(list(open_days), weekday, course)
        cache[key] = found
    return found


def _sessions_per_week(days: tuple[int, ...]) -> dict[int, int]:
    """Sessions per week of the period, from days numbered from its first Monday."""
    counts: dict[int, int] = defaultdict(int)
    for day in days:
        counts[day // 7] += 1
    return counts


def _usage_rows(problem, ledger, model, course, therapist, day, expected, least):
    minutes = float(course.session_minutes)
    usage = _rows(problem, ledger, model, therapist, day, expected, minutes)
    least_usage = _rows(problem, ledger, model, therapist, day, least, minutes)
    for key, _ in usage + least_usage:
        if key not in model.capacity:
            model.capacity[key] = _therapist_capacity(problem, ledger, therapist, key)
    start_key = ("sessions", therapist.id, _week_index(problem, day))
    load = 1.0 - model.capacity[start_key] / max(1, therapist.max_sessions_per_week)
    return usage, least_usage, load


def _start_day_usage(problem, ledger, model, course, therapist, day):
    """Therapist capacity a course starting on `day` uses: as expected with its best-spread
    weekly pattern, and at least, whatever pattern it gets (one session in the start week,
    `sessions_per_week` in each following week it surely still runs, fewer where that week has
    closed or absent days). The relaxation with the least use never asks more than an exact
    plan must use, which keeps its bound valid."""
    patterns = weekly_patterns(open_weekdays(therapist, course), day.weekday(), course)
    if not patterns:
        return None
    start_week = _week_index(problem, day)
    spw = course.sessions_per_week
    expected: dict[int, int] = {start_week: sum(1 for wd in patterns[0] if wd >= day.weekday())}
    left = course.session_count - expected[start_week]
    week = start_week
    while left > 0:
        week += 1
        expected[week] = min(spw, left)
        left -= expected[week]
    # Every pattern holds the start day, plus the other pattern days that cannot all fall
    # on the open weekdays before it.
    # (Counted over the therapist's working days, so it holds whatever the citizen blocks.)
    before = sum(1 for hours in therapist.working_hours if hours.weekday < day.weekday())
    least: dict[int, int] = {start_week: 1 + max(0, spw - 1 - before)}
    for week in range(start_week + 1, start_week + (course.session_count - spw) // spw + 1):
        count = spw - _days_off(problem, therapist, week)
        if count <= 0:
            break  # the course may be pushed on; later weeks are no longer certain
        least[week] = count
    return _usage_rows(problem, ledger, model, course, therapist, day, expected, least)


def _rows(problem, ledger, model, therapist, day, per_week: dict[int, int], minutes: float):
    """The start day's minutes, then sessions and minutes per week."""
    weekly = _weekly_rows(problem, ledger, model, therapist, per_week, minutes)
    return ((("start-day", therapist.id, day), minutes), *weekly)


def _minutes_row_redundant(problem, ledger, model, therapist, week: int) -> bool:
    cache = model.__dict__.setdefault("_minutes_redundant", {})
    key = (therapist.id, week)
    found = cache.get(key)
    if found is None:
        sessions = _therapist_capacity(problem, ledger, therapist, ("sessions", therapist.id, week))
        free = _therapist_capacity(problem, ledger, therapist, ("minutes", therapist.id, week))
        found = free >= sessions * HOME_VISIT_MINUTES
        cache[key] = found
    return found


def _days_off(problem: PlanningProblem, therapist: Therapist, week: int) -> int:
    """Working days the therapist is off (closed or absent) in the period's week `week`;
    kept on the problem, so nothing outlives the run."""
    cache = problem.__dict__.setdefault("_days_off_cache", {})
    key = (therapist.id, week)
    found = cache.get(key)
    if found is None:
        monday = problem.horizon.first_day + timedelta(days=7 * week)
        found = 0
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if therapist.hours_on(day.weekday()) is not None and (
                day in problem.closed_days or therapist.is_absent(day)
            ):
                found += 1
        cache[key] = found
    return found


def _therapist_capacity(problem, ledger, therapist, key) -> float:
    kind = key[0]
    if kind == "day":
        return float(ledger.fit_index().session_minutes_free(therapist, key[2]))
    if kind == "long":
        return float(ledger.fit_index().session_minutes_free(therapist, key[2], 120) // 120)
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
    # Every seat row an option uses has its capacity recorded when the option is made.
    used = [key for key in model.capacity if key[0] == "seat"]
    for key in used:
        _, class_id, day = key
        if not problem.horizon.contains(day):
            continue
        team = problem.team_class(class_id)
        taken = team.capacity - ledger.seats_free(class_id, day)
        if taken < team.minimum_to_run:
            model.minimum_gap[key] = float(team.minimum_to_run - taken)


def split_components(model: AssignmentModel) -> list[AssignmentModel]:
    """Independent parts of the model: courses that share no class or therapist.

    Every capacity row belongs to one class or one therapist, so courses linked through a
    shared resource form a part. Team courses only draw on class seats and individual courses
    only on therapist time, and districts share nothing, so one big MIP falls apart into many
    small ones that solve far faster than the whole."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for option in model.options:
        kind = "class:" if option.on_class else "therapist:"
        course_root, resource_root = find("c:" + option.course_id), find(kind + option.resource_id)
        if course_root != resource_root:
            parent[resource_root] = course_root
    parts: dict[str, AssignmentModel] = {}
    for course_id in model.course_ids:
        part = parts.setdefault(find("c:" + course_id), AssignmentModel([], [], {}))
        part.course_ids.append(course_id)
        part.unplanned_cost[course_id] = model.unplanned_cost[course_id]
    for option in model.options:
        part = parts[find("c:" + option.course_id)]
        part.options.append(option)
        for key, _ in option.usage + option.least_usage:
            if key not in part.capacity:
                part.capacity[key] = model.capacity[key]
                if key in model.minimum_gap:
                    part.minimum_gap[key] = model.minimum_gap[key]
    return list(parts.values())


def greedy_choice(
    model: AssignmentModel,
    deadlines: dict[str, date],
    guide: list[float] | None = None,
    least: bool = False,
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
            usage = model.options[index].rows(least)
            if all(left[key] >= amount for key, amount in usage):
                for key, amount in usage:
                    left[key] -= amount
                chosen[position[course_id]] = index
                break
    return chosen
