"""How much training the standard allows: sessions, weeks, weekly frequency, team size."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rehabplan.rules.danish import MODES
from rehabplan.rules.facts import Facts, parse_facts
from rehabplan.rules.frequency import check_limit
from rehabplan.rules.model import Explanation
from rehabplan.rules.registry import StandardsRegistry
from rehabplan.rules.results import ExtentResult


def extent(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    on: dt.date,
    facts: dict[str, Any] | Facts | None,
) -> ExtentResult:
    parsed = parse_facts(facts)
    resolved = registry.resolve(municipality, on)
    definition = resolved.service(service)
    explanation: list[Explanation] = []
    params: dict[str, Any] = {}
    rule = resolved.one(service, "extent")
    max_per_week = None
    if rule is not None:
        params = rule.params
        explanation.append(rule.explain())
        max_per_week = params.get("max_per_week")
        if "reduced_max_per_week" in params:
            fact = params["reduced_unless_fact"]
            value = parsed.flag(fact)
            if value is not True:
                max_per_week = params["reduced_max_per_week"]
                why = "ikke er oplyst" if value is None else "ikke er tilfældet"
                explanation.append(
                    rule.explain(
                        f"Højst {max_per_week} gange ugentligt, fordi {fact} {why}; "
                        f"{params['max_per_week']} gange kræver, at det er opfyldt."
                    )
                )
            else:
                explanation.append(
                    rule.explain(
                        f"{params['max_per_week']} gange ugentligt er muligt, "
                        f"fordi {fact} er opfyldt."
                    )
                )
    else:
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
    delivery = resolved.one(service, "delivery")
    usual: tuple[str, ...] = ()
    exceptional: tuple[str, ...] = ()
    if delivery is not None:
        usual = tuple(delivery.params["usual_modes"])
        exceptional = tuple(delivery.params.get("exception_modes", ()))
        modes = ", ".join(MODES[m] for m in usual)
        text = f"{delivery.text} Sædvanlige former: {modes}."
        explanation.append(delivery.explain(text))
    return ExtentResult(
        standard_version=resolved.version_id,
        service=service,
        max_sessions=params.get("max_sessions"),
        max_weeks=params.get("max_weeks"),
        max_months=params.get("max_months"),
        typical_weeks=params.get("typical_weeks"),
        min_sessions_per_week=params.get("min_per_week"),
        max_sessions_per_week=max_per_week,
        session_minutes=params.get("session_minutes"),
        by_judgement=bool(params.get("by_judgement", rule is None)),
        counts_toward=tuple(params.get("counts_toward", ())),
        frequency_limit=limit,
        team_size_min=team.params["min"] if team else None,
        team_size_max=team.params["max"] if team else None,
        usual_modes=usual,
        exception_modes=exceptional,
        explanation=tuple(explanation),
    )
