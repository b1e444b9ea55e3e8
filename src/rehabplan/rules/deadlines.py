"""Deadlines for a referral or application: contact, decision and start.

Day 0 is the event day. A deadline whose event is not known yet is listed with no due
date and `depends_on` naming the missing event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rehabplan.rules.calendar import (
    add_calendar_days,
    add_weeks,
    add_working_days,
    next_working_day,
    previous_working_day,
)
from rehabplan.rules.closeddays import closed_days_rule, closed_reason
from rehabplan.rules.danish import EVENTS, UNITS, long_date
from rehabplan.rules.errors import RulesError
from rehabplan.rules.model import Explanation, Rule
from rehabplan.rules.registry import ResolvedStandard, StandardsRegistry
from rehabplan.rules.results import Deadline, DeadlinesResult

_ADDERS = {
    "calendar_days": add_calendar_days,
    "working_days": add_working_days,
    "weeks": add_weeks,
}


def _check_date(name: str, value: object) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise RulesError(f"{name} skal være en dato, fik {value!r}")


def deadlines(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    discharge: dt.date | None = None,
    received: dt.date | None = None,
    granted: dt.date | None = None,
    decided: dt.date | None = None,
    gop_start: dt.date | None = None,
    on: dt.date | None = None,
) -> DeadlinesResult:
    """The deadlines of the standard in force on `on` (default: the first known event)."""
    events = {"discharge": discharge, "received": received, "granted": granted, "decided": decided}
    for value in (discharge, received, granted, decided, gop_start, on):
        if value is not None and type(value) is not dt.date:
            for name, given in (*events.items(), ("gop_start", gop_start), ("on", on)):
                _check_date(name, given)
    if gop_start is not None and discharge is not None and gop_start < discharge:
        raise RulesError("gop_start ligger før udskrivningsdagen")
    on = standard_date(
        discharge=discharge,
        received=received,
        granted=granted,
        decided=decided,
        gop_start=gop_start,
        on=on,
    )
    resolved = registry.resolve(municipality, on)
    resolved.service(service)
    rules = resolved.rules_for(service, "deadline")  # ordered contact, decision, start
    closed_rule = closed_days_rule(resolved, service)
    provider = resolved.one(service, "provider")
    found = tuple(
        _memoised_deadline(rule, events, gop_start, closed_rule, provider) for rule in rules
    )
    return DeadlinesResult(
        resolved.version_id, municipality, service, found, (_version_note(resolved, service),)
    )


def standard_date(
    *,
    discharge: dt.date | None = None,
    received: dt.date | None = None,
    granted: dt.date | None = None,
    decided: dt.date | None = None,
    gop_start: dt.date | None = None,
    on: dt.date | None = None,
) -> dt.date:
    """The day whose standard the deadlines follow: `on`, else the first known event, else today."""
    if on is not None:
        return on
    return discharge or received or granted or decided or gop_start or dt.date.today()


def _version_note(resolved: ResolvedStandard, service: str) -> Explanation:
    key = ("deadlines-note", service)
    note = resolved.memo.get(key)
    if note is None:
        source = next(iter(resolved.municipality.sources.values()))
        if resolved.rules_for(service, "deadline"):
            text = f"Fristerne følger kvalitetsstandarden {resolved.version_id}."
        else:
            name = resolved.service(service).name
            text = f"{resolved.version_id} fastsætter ingen frister for {name}."
        note = Explanation(f"{resolved.municipality.slug}:version", text, source)
        resolved.memo[key] = note
    return note


def _memoised_deadline(
    rule: Rule,
    events: dict[str, dt.date | None],
    gop_start: dt.date | None,
    closed_rule: Rule | None,
    provider: Rule | None,
) -> Deadline:
    # A deadline depends only on its rule, its event, the GOP start, the closed days and the
    # provider rule, and the result is immutable: the same dates recur across many referrals.
    key = (events[rule.params["event"]], gop_start, id(closed_rule), id(provider))
    memo = rule.memo
    found = memo.get(key)
    if found is None:
        if len(memo) > 20_000:
            memo.clear()
        found = _deadline(rule, events, gop_start, closed_rule)
        if (
            provider is not None
            and found.kind == "start"
            and provider.params["free_choice"] == "when_start_deadline_missed"
        ):
            found = replace(found, explanation=(*found.explanation, provider.explain()))
        memo[key] = found
    return found


def _deadline(
    rule: Rule,
    events: dict[str, dt.date | None],
    gop_start: dt.date | None,
    closed_rule: Rule | None,
) -> Deadline:
    params = rule.params
    kind, event_name, unit, count = params["kind"], params["event"], params["unit"], params["count"]
    if gop_start is not None and params.get("replaced_by_gop_start"):
        text = (
            f"Genoptræningsplanen angiver start {long_date(gop_start)}; det tidspunkt erstatter "
            f"fristen på {count} {UNITS[unit]} efter {EVENTS[event_name]}."
        )
        reason = closed_reason(gop_start, closed_rule)
        return Deadline(
            kind,
            gop_start,
            "gop",
            None,
            reason is not None,
            (rule.explain(), Explanation(rule.qualified_id, text, rule.source)),
            reason,
        )
    event = events[event_name]
    if event is None:
        text = f"Fristen kan først beregnes, når datoen for {EVENTS[event_name]} kendes."
        return Deadline(
            kind,
            None,
            unit,
            event_name,
            False,
            (rule.explain(), Explanation(rule.qualified_id, text, rule.source)),
        )
    due = _ADDERS[unit](event, count)
    reason = closed_reason(due, closed_rule)
    policy = params.get("on_closed_day", "keep")
    text = (
        f"Frist {long_date(due)}: {count} {UNITS[unit]} efter {EVENTS[event_name]} "
        f"{long_date(event)} (dag 0)."
    )
    if reason is not None and policy != "keep":
        moved = next_working_day(due) if policy == "next_working_day" else previous_working_day(due)
        text += f" Dagen er lukket ({reason}), så fristen flyttes til {long_date(moved)}."
        due, reason = moved, closed_reason(moved, closed_rule)
    elif reason is not None:
        text += f" Dagen er lukket ({reason}); kilden flytter ikke fristen, så datoen står."
    return Deadline(
        kind,
        due,
        unit,
        None,
        reason is not None,
        (rule.explain(), Explanation(rule.qualified_id, text, rule.source)),
        reason,
    )
