"""Does a proposed course respect the standard? Each violation is explained.

"block" means the standard forbids it; "warn" means it is allowed but worth a second look
(beyond a typical length, close to a cap, on a closed day, an exceptional training form).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rehabplan.rules.calendar import add_months
from rehabplan.rules.closeddays import closed_days_rule, closed_reason
from rehabplan.rules.danish import MODES, WEEKDAYS, long_date
from rehabplan.rules.deadlines import deadlines
from rehabplan.rules.errors import RulesError
from rehabplan.rules.extent import extent
from rehabplan.rules.facts import Facts, parse_facts
from rehabplan.rules.model import Rule, Source
from rehabplan.rules.registry import StandardsRegistry
from rehabplan.rules.results import PlanCheckResult, Violation

PLAN_KEYS = {
    "start",
    "end",
    "sessions",
    "session_count",
    "per_week",
    "mode",
    "professions",
    "events",
    "tier",
    "length",
    "class_weekdays",
}
EVENT_KEYS = {"discharge", "received", "granted", "decided", "gop_start"}
PROFESSIONS = {"fysioterapeut", "ergoterapeut", "sygeplejerske", "diætist", "sosu"}
BLOCK, WARN = "block", "warn"


@dataclass(frozen=True)
class Plan:
    start: dt.date
    end: dt.date
    sessions: tuple[dt.date, ...]  # empty when only a count is given
    session_count: int
    per_week: int | None
    mode: str
    professions: tuple[str, ...]
    events: dict[str, dt.date]
    tier: str | None = None  # the extent tier chosen in the decision
    length: int | None = None  # the length the decision states within the standard's range
    class_weekdays: tuple[int, ...] = ()  # the team class's days (0 = Monday); empty: no class


def _plan_date(value: Any, key: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise RulesError(f"plan: {key} skal være en dato (ÅÅÅÅ-MM-DD), fik {value!r}")


def parse_plan(data: Any) -> Plan:
    if isinstance(data, Plan):
        return data
    _check_keys(data)
    start, end = _plan_date(data["start"], "start"), _plan_date(data["end"], "end")
    if end < start:
        raise RulesError("plan: end ligger før start")
    sessions = tuple(sorted(_plan_date(d, "sessions") for d in data.get("sessions", [])))
    count = _parse_count(data, sessions)
    per_week = _positive_int(data, "per_week")
    return Plan(
        start,
        end,
        sessions,
        count,
        per_week,
        _parse_mode(data),
        _parse_professions(data),
        _parse_events(data),
        _parse_tier(data),
        _positive_int(data, "length"),
        _parse_class_weekdays(data),
    )


def _check_keys(data: Any) -> None:
    if not isinstance(data, dict):
        raise RulesError("planen skal være ét JSON-objekt")
    unknown = sorted(set(data) - PLAN_KEYS)
    if unknown:
        raise RulesError(
            f"plan: ukendt nøgle {unknown[0]!r} (kendte: {', '.join(sorted(PLAN_KEYS))})"
        )
    for key in ("start", "end", "mode"):
        if key not in data:
            raise RulesError(f"plan: {key} mangler")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_count(data: dict, sessions: tuple[dt.date, ...]) -> int:
    count = data.get("session_count", len(sessions))
    if not _whole(count) or count < 0:
        raise RulesError(f"plan: session_count skal være et heltal >= 0, fik {count!r}")
    if sessions and count != len(sessions):
        raise RulesError("plan: session_count passer ikke med antallet af datoer i sessions")
    if not sessions and count == 0:
        raise RulesError("plan: angiv sessions (datoer) eller session_count")
    return count


def _positive_int(data: dict, key: str) -> int | None:
    value = data.get(key)
    if value is not None and (not _whole(value) or value < 1):
        raise RulesError(f"plan: {key} skal være et positivt heltal, fik {value!r}")
    return value


def _parse_mode(data: dict) -> str:
    mode = data["mode"]
    if mode not in MODES:
        raise RulesError(f"plan: mode skal være en af {', '.join(MODES)}, fik {mode!r}")
    return mode


def _parse_professions(data: dict) -> tuple[str, ...]:
    professions = data.get("professions", [])
    if not isinstance(professions, list) or any(p not in PROFESSIONS for p in professions):
        raise RulesError(
            f"plan: professions skal være en liste med {', '.join(sorted(PROFESSIONS))}"
        )
    return tuple(professions)


def _parse_events(data: dict) -> dict[str, dt.date]:
    events_raw = data.get("events", {})
    if not isinstance(events_raw, dict) or set(events_raw) - EVENT_KEYS:
        raise RulesError(f"plan: events kan indeholde {', '.join(sorted(EVENT_KEYS))}")
    return {k: _plan_date(v, f"events.{k}") for k, v in events_raw.items()}


def _parse_tier(data: dict) -> str | None:
    tier = data.get("tier")
    if tier is not None and (not isinstance(tier, str) or not tier):
        raise RulesError(f"plan: tier skal være navnet på et trin, fik {tier!r}")
    return tier


def _parse_class_weekdays(data: dict) -> tuple[int, ...]:
    """A team class meets on one to three different weekdays, 0 (Monday) to 6 (Sunday)."""
    days = data.get("class_weekdays", [])
    if (
        not isinstance(days, list)
        or len(days) > 3
        or any(not _whole(day) or not 0 <= day <= 6 for day in days)
        or len(set(days)) != len(days)
    ):
        raise RulesError(
            "plan: class_weekdays skal være 1-3 forskellige ugedage, 0 (mandag) til 6 (søndag)"
        )
    return tuple(sorted(days))


def plan_check(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    on: dt.date,
    facts: dict[str, Any] | Facts | None,
    plan: dict[str, Any] | Plan,
) -> PlanCheckResult:
    parsed_plan = parse_plan(plan)
    parsed_facts = parse_facts(facts)
    resolved = registry.resolve(municipality, on)
    definition = resolved.service(service)
    scope = extent(
        registry, municipality, service, on=on, facts=parsed_facts, tier=parsed_plan.tier
    )
    rule_extent = resolved.one(service, "extent")
    found: list[Violation] = []

    def add(
        rule: Rule | None,
        severity: str,
        text: str,
        rule_id: str | None = None,
        source: Source | None = None,
    ) -> None:
        found.append(
            Violation(
                rule_id or (rule.qualified_id if rule else f"{municipality}:{service}"),
                severity,
                text,
                source or (rule.source if rule else definition.source),
            )
        )

    plan_ = parsed_plan
    days = (plan_.end - plan_.start).days + 1
    weeks = math.ceil(days / 7)
    count = plan_.session_count
    _check_in_period(plan_, add)
    if rule_extent is not None:
        _check_extent(plan_, scope, count, days, weeks, rule_extent, add)
        _check_weekly(
            plan_, scope.min_sessions_per_week, scope.max_sessions_per_week, rule_extent, add
        )
        _check_length(plan_, scope, count, days, weeks, rule_extent, add)
        _check_class_days(plan_, scope, rule_extent, add)
    elif plan_.length is not None:
        raise RulesError("plan: length kræver, at standarden angiver et interval (range)")
    if scope.frequency_limit.status == "unmet":
        add(resolved.one(service, "frequency_limit"), BLOCK, scope.frequency_limit.text)
    _check_delivery(plan_, scope, resolved.one(service, "delivery"), add)
    _check_closed(plan_, resolved, service, add)
    _check_start(registry, municipality, service, on, plan_, add)
    ok = not any(v.severity == BLOCK for v in found)
    return PlanCheckResult(
        ok, resolved.version_id, service, count, weeks, tuple(found), scope.explanation
    )


def _check_in_period(plan_: Plan, add) -> None:
    for day in plan_.sessions:
        if not plan_.start <= day <= plan_.end:
            add(
                None,
                BLOCK,
                f"Sessionen {long_date(day)} ligger uden for forløbets periode.",
                rule_id="plan.session_outside_period",
            )


def _check_extent(plan_: Plan, scope, count: int, days: int, weeks: int, rule, add) -> None:
    """The caps on sessions, weeks and months, and the typical length."""
    if scope.max_sessions is not None:
        if count > scope.max_sessions:
            add(
                rule,
                BLOCK,
                f"Planen har {count} sessioner; standarden tillader højst {scope.max_sessions} "
                f"(medregnet: {', '.join(scope.counts_toward) or 'alle sessioner'}).",
            )
        elif count >= math.ceil(scope.max_sessions * 0.9):
            add(
                rule,
                WARN,
                f"Planen bruger {count} af højst {scope.max_sessions} sessioner; der er ikke "
                "plads til erstatningstider.",
            )
    if scope.max_weeks is not None and days > scope.max_weeks * 7:
        add(
            rule,
            BLOCK,
            f"Forløbet varer {weeks} uger; standarden tillader højst {scope.max_weeks} uger.",
        )
    if scope.max_months is not None and plan_.end >= add_months(plan_.start, scope.max_months):
        add(
            rule,
            BLOCK,
            f"Forløbet varer længere end {scope.max_months} måneder fra start "
            f"{long_date(plan_.start)}.",
        )
    if scope.typical_weeks is not None and days > scope.typical_weeks * 7:
        add(
            rule,
            WARN,
            f"Forløbet varer {weeks} uger; et typisk forløb er {scope.typical_weeks} uger, så "
            "længden skal være fagligt begrundet.",
        )


def _days_text(weekdays: tuple[int, ...]) -> str:
    names = [WEEKDAYS[day] for day in weekdays]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


def _check_class_days(plan_: Plan, scope, rule, add) -> None:
    """A team course follows its class: every session on one of the class's days, and a class
    that meets more often a week than the standard allows is refused."""
    if not plan_.class_weekdays:
        return
    meets = len(plan_.class_weekdays)
    if scope.max_sessions_per_week is not None and meets > scope.max_sessions_per_week:
        add(
            rule,
            BLOCK,
            f"Holdet mødes {meets} gange om ugen; standarden tillader højst "
            f"{scope.max_sessions_per_week}.",
        )
    elif scope.min_sessions_per_week is not None and meets < scope.min_sessions_per_week:
        add(
            rule,
            WARN,
            f"Holdet mødes {meets} {'gang' if meets == 1 else 'gange'} om ugen; standarden "
            f"beskriver mindst {scope.min_sessions_per_week}.",
        )
    for day in plan_.sessions:
        if day.weekday() not in plan_.class_weekdays:
            add(
                rule,
                BLOCK,
                f"Sessionen {long_date(day)} ligger ikke på holdets mødedage "
                f"({_days_text(plan_.class_weekdays)}).",
            )


def _check_delivery(plan_: Plan, scope, delivery, add) -> None:
    if delivery is None:
        return
    if plan_.mode in scope.exception_modes:
        add(
            delivery,
            WARN,
            f"Træningsformen '{MODES[plan_.mode]}' bruges kun undtagelsesvis og skal begrundes.",
        )
    elif plan_.mode not in scope.usual_modes:
        add(
            delivery,
            BLOCK,
            f"Træningsformen '{MODES[plan_.mode]}' indgår ikke i standardens leveringsformer.",
        )


def _check_length(plan_: Plan, scope, count: int, days: int, weeks: int, rule: Rule, add) -> None:
    """The decided length must lie in the standard's range, and the plan within the length."""
    span = scope.length_range
    if plan_.length is None:
        return
    if span is None:
        raise RulesError("plan: length kræver, at standarden angiver et interval (range)")
    unit = "uger" if span.unit == "weeks" else "gange"
    if not span.contains(plan_.length):
        add(
            rule,
            BLOCK,
            f"Den besluttede længde {plan_.length} {unit} ligger uden for standardens "
            f"{span.minimum}-{span.maximum} {unit}.",
        )
    if span.unit == "weeks" and days > plan_.length * 7:
        add(
            rule,
            BLOCK,
            f"Forløbet varer {weeks} uger; afgørelsen fastsætter {plan_.length} uger.",
        )
    if span.unit == "sessions" and count > plan_.length:
        add(
            rule,
            BLOCK,
            f"Planen har {count} sessioner; afgørelsen fastsætter {plan_.length} gange.",
        )


def _check_weekly(plan_: Plan, minimum: int | None, maximum: int | None, rule: Rule, add) -> None:
    if plan_.sessions:
        per_week = Counter(day.isocalendar()[:2] for day in plan_.sessions)
        busiest = max(per_week.values())
        full_weeks = [
            per_week.get((day.isocalendar()[0], day.isocalendar()[1]), 0)
            for day in _week_starts(plan_.start, plan_.end)
        ]
        quietest = min(full_weeks) if full_weeks else busiest
    elif plan_.per_week is not None:
        busiest = quietest = plan_.per_week
    else:
        return
    if maximum is not None and busiest > maximum:
        add(
            rule,
            BLOCK,
            f"Planen har {busiest} sessioner i en uge; standarden tillader højst {maximum}.",
        )
    if minimum is not None and quietest < minimum:
        add(
            rule,
            WARN,
            f"Planen har en uge med {quietest} sessioner; standarden forudsætter mindst {minimum}.",
        )


def _week_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """Mondays of the whole weeks inside [start, end]; partial first/last weeks are skipped."""
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    weeks = []
    while monday + dt.timedelta(days=4) <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def _check_closed(plan_: Plan, resolved, service: str, add) -> None:
    closed_rule = closed_days_rule(resolved, service)
    hours = resolved.one(service, "opening_hours")
    for day in plan_.sessions:
        reason = closed_reason(day, closed_rule)
        if reason is not None:
            rule = closed_rule if reason.startswith(("sædvanlig", "lukkedag")) else hours
            add(
                rule,
                WARN,
                f"Sessionen {long_date(day)} ligger på en lukket dag ({reason}).",
                rule_id=None if rule else "calendar.closed_day",
            )


def _check_start(registry, municipality, service, on, plan_: Plan, add) -> None:
    if not plan_.events:
        return
    result = deadlines(registry, municipality, service, on=on, **plan_.events)
    gop_start = plan_.events.get("gop_start")
    start = result.by_kind("start")
    if gop_start is not None and plan_.start < gop_start:
        rule_id = start.explanation[0].rule_id if start else "plan.gop_start"
        source = start.explanation[0].source if start else None
        add(
            None,
            BLOCK,
            f"Genoptræningsplanen angiver start {long_date(gop_start)}; "
            "forløbet må ikke starte før.",
            rule_id=rule_id,
            source=source,
        )
    if start is not None and start.due is not None and plan_.start > start.due:
        add(
            None,
            WARN,
            f"Forløbet starter {long_date(plan_.start)}, "
            f"efter startfristen {long_date(start.due)}.",
            rule_id=start.explanation[0].rule_id,
            source=start.explanation[0].source,
        )
