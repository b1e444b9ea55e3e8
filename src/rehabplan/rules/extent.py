"""How much training the standard allows: sessions, weeks, weekly frequency, team size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rehabplan.rules.danish import MODES, mid_sentence
from rehabplan.rules.errors import RulesError
from rehabplan.rules.facts import Facts, parse_facts
from rehabplan.rules.frequency import check_limit
from rehabplan.rules.model import Explanation, Rule
from rehabplan.rules.registry import StandardsRegistry
from rehabplan.rules.results import ExtentResult, ExtentTier, LengthRange
from rehabplan.rules.wording import fact_statement, fact_unknown

RANGE_UNIT_NAMES = {"weeks": "uger", "sessions": "gange"}


def _tiers(params: dict[str, Any]) -> tuple[ExtentTier, ...]:
    return tuple(
        ExtentTier(
            tier["name"], tier.get("max_sessions"), tier.get("max_weeks"), tier.get("max_per_week")
        )
        for tier in params.get("tiers", ())
    )


def _range(params: dict[str, Any]) -> LengthRange | None:
    raw = params.get("range")
    return LengthRange(raw["unit"], raw["min"], raw["max"]) if raw else None


def extent(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    on: dt.date,
    facts: dict[str, Any] | Facts | None,
    tier: str | None = None,
) -> ExtentResult:
    """The extent the standard allows; with `tier`, the limits of that tier of the extent."""
    parsed = parse_facts(facts)
    resolved = registry.resolve(municipality, on)
    definition = resolved.service(service)
    explanation: list[Explanation] = []
    rule = resolved.one(service, "extent")
    params: dict[str, Any] = rule.params if rule is not None else {}
    limits = _Limits(params.get("max_sessions"), params.get("max_weeks"), None)
    if rule is not None:
        explanation.append(rule.explain())
        limits.per_week = _weekly_limit(rule, parsed, explanation)
    tiers = _tiers(params)
    length_range = _range(params)
    if tier is not None:
        _apply_tier(rule, tiers, tier, definition.name, limits, explanation)
    elif tiers:
        # Before a tier is chosen, the most generous tier is the ceiling.
        limits.sessions = limits.sessions or _widest(t.max_sessions for t in tiers)
        limits.weeks = limits.weeks or _widest(t.max_weeks for t in tiers)
        options = "; ".join(_tier_text(t) for t in tiers)
        explanation.append(rule.explain(f"Trinnet vælges i afgørelsen: {options}."))
    if length_range is not None:
        _apply_range(rule, length_range, limits, explanation)
    if rule is None:
        explanation.append(
            Explanation(
                f"{resolved.municipality.slug}:{service}.extent",
                f"Standarden fastsætter intet omfang for {definition.name}; omfanget fastsættes "
                "efter en faglig vurdering.",
                definition.source,
            )
        )
    limit_rule = resolved.one(service, "frequency_limit")
    limit = check_limit(limit_rule, parsed, on, service)
    if limit_rule is not None:
        explanation.append(limit_rule.explain(f"{limit_rule.text} {limit.text}"))
    team = resolved.one(service, "team_size")
    if team is not None:
        explanation.append(team.explain())
    usual, exceptional = _delivery_modes(resolved.one(service, "delivery"), explanation)
    return ExtentResult(
        standard_version=resolved.version_id,
        service=service,
        max_sessions=limits.sessions,
        max_weeks=limits.weeks,
        max_months=params.get("max_months"),
        typical_weeks=params.get("typical_weeks"),
        min_sessions_per_week=params.get("min_per_week"),
        max_sessions_per_week=limits.per_week,
        session_minutes=params.get("session_minutes"),
        by_judgement=bool(params.get("by_judgement", rule is None)),
        counts_toward=tuple(params.get("counts_toward", ())),
        frequency_limit=limit,
        team_size_min=team.params["min"] if team else None,
        team_size_max=team.params["max"] if team else None,
        usual_modes=usual,
        exception_modes=exceptional,
        explanation=tuple(explanation),
        tiers=tiers,
        tier=tier,
        length_range=length_range,
    )


@dataclass
class _Limits:
    """The extent's ceilings as they are narrowed by the chosen tier and the length range."""

    sessions: int | None
    weeks: int | None
    per_week: int | None


def _weekly_limit(rule: Rule, parsed: Facts, explanation: list[Explanation]) -> int | None:
    """Sessions a week: the rule's maximum, or its reduced one unless the named fact holds."""
    params = rule.params
    if "reduced_max_per_week" not in params:
        return params.get("max_per_week")
    fact = params["reduced_unless_fact"]
    value = parsed.flag(fact)
    if value is True:
        explanation.append(
            rule.explain(
                f"{params['max_per_week']} gange ugentligt er muligt, fordi {fact_statement(fact)}."
            )
        )
        return params.get("max_per_week")
    reduced = params["reduced_max_per_week"]
    why = (
        mid_sentence(fact_unknown(fact)).rstrip(".")
        if value is None
        else fact_statement(fact, False)
    )
    explanation.append(
        rule.explain(
            f"Højst {reduced} gange ugentligt, fordi {why}; "
            f"{params['max_per_week']} gange kræver, at det er opfyldt."
        )
    )
    return reduced


def _apply_tier(
    rule: Rule | None,
    tiers: tuple[ExtentTier, ...],
    tier: str,
    service_name: str,
    limits: _Limits,
    explanation: list[Explanation],
) -> None:
    chosen = next((t for t in tiers if t.name == tier), None)
    if chosen is None or rule is None:
        known = ", ".join(t.name for t in tiers) or "standarden har ingen trin"
        raise RulesError(f"ukendt trin {tier!r} for {service_name} (kendte: {known})")
    limits.sessions = chosen.max_sessions or limits.sessions
    limits.weeks = chosen.max_weeks or limits.weeks
    limits.per_week = chosen.max_sessions_per_week or limits.per_week
    explanation.append(rule.explain(f"Valgt trin: {_tier_text(chosen)}."))


def _apply_range(
    rule: Rule, length_range: LengthRange, limits: _Limits, explanation: list[Explanation]
) -> None:
    # No decision may go beyond the range, whatever else the rule allows.
    if length_range.unit == "weeks":
        limits.weeks = min(limits.weeks or length_range.maximum, length_range.maximum)
    else:
        limits.sessions = min(limits.sessions or length_range.maximum, length_range.maximum)
    unit = RANGE_UNIT_NAMES[length_range.unit]
    explanation.append(
        rule.explain(
            f"Afgørelsen fastsætter længden mellem {length_range.minimum} og "
            f"{length_range.maximum} {unit}."
        )
    )


def _delivery_modes(
    delivery: Rule | None, explanation: list[Explanation]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The usual and the exceptional ways of training."""
    if delivery is None:
        return (), ()
    usual = tuple(delivery.params["usual_modes"])
    exceptional = tuple(delivery.params.get("exception_modes", ()))
    modes = ", ".join(MODES[m] for m in usual)
    explanation.append(delivery.explain(f"{delivery.text} Sædvanlige former: {modes}."))
    return usual, exceptional


def _widest(values) -> int | None:
    """The largest limit, or None when some tier sets none (that tier is unlimited there)."""
    found = list(values)
    return None if not found or None in found else max(found)


def _tier_text(tier: ExtentTier) -> str:
    parts = []
    if tier.max_sessions:
        parts.append(f"højst {tier.max_sessions} gange")
    if tier.max_weeks:
        parts.append(f"højst {tier.max_weeks} uger")
    if tier.max_sessions_per_week:
        parts.append(f"højst {tier.max_sessions_per_week} gange ugentligt")
    return f"{tier.name} ({', '.join(parts)})"
