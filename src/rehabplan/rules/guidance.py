"""Practical rules for letters and planning: transport, complaints, termination, attendance,
legal basis, closed days and opening hours."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rehabplan.rules.calendar import add_months, add_weeks
from rehabplan.rules.closeddays import closed_days_rule, closed_reason
from rehabplan.rules.danish import long_date
from rehabplan.rules.errors import RulesError
from rehabplan.rules.facts import Facts, parse_facts
from rehabplan.rules.model import Explanation, Rule
from rehabplan.rules.registry import ResolvedStandard, StandardsRegistry
from rehabplan.rules.results import (
    AttendanceRules,
    ClosedDay,
    ClosedDays,
    ComplaintGuidance,
    ComplaintRoute,
    ComplaintStep,
    LegalBasis,
    OpeningHours,
    ProviderChoice,
    ReferralValidity,
    TerminationReason,
    TerminationReasons,
    TransportResult,
)
from rehabplan.rules.ruletypes import WEEKDAYS

TRANSPORT_TEXT = {
    "free": "Kørsel kan visiteres og er gratis.",
    "self_pay": "Der er egenbetaling for kørsel.",
    "own": "Borgeren sørger selv for transport.",
    "individual_assessment_self_pay": (
        "Kørsel kan bevilges efter individuel vurdering mod egenbetaling."
    ),
}
TOPIC_ORDER = {"decision": 0, "service": 1, "health": 2}


# What the result says when the standard has no rule on the topic for the service. A missing rule
# is an answer too, and it is explained like one: the service's own source is cited.
SILENT_TEXT = {
    "transport": "Standarden fastsætter ingen regel om kørsel for denne indsats.",
    "referral_validity": "Standarden fastsætter ingen gyldighedsperiode for henvisningen.",
    "provider": "Standarden giver ikke borgeren frit valg af leverandør for denne indsats.",
    "termination": "Standarden angiver ingen afslutningsårsager.",
    "attendance": "Standarden fastsætter ingen regler om afbud, udeblivelse eller påmindelser.",
    "opening_hours": "Standarden angiver ingen åbningstider.",
}


def _service_rule(
    registry: StandardsRegistry, municipality: str, service: str, topic: str, on: dt.date
) -> tuple[ResolvedStandard, Rule | None]:
    """The standard in force on `on` and its one rule on `topic` for `service`, if any."""
    resolved = registry.resolve(municipality, on)
    resolved.service(service)
    return resolved, resolved.one(service, topic)


def _silence(resolved: ResolvedStandard, service: str, topic: str) -> tuple[Explanation, ...]:
    definition = resolved.service(service)
    explanation_id = f"{resolved.municipality.slug}:{service}.{topic}"
    return (Explanation(explanation_id, SILENT_TEXT[topic], definition.source),)


def transport(
    registry: StandardsRegistry, municipality: str, service: str, *, on: dt.date
) -> TransportResult:
    resolved, rule = _service_rule(registry, municipality, service, "transport", on)
    if rule is None:
        silence = _silence(resolved, service, "transport")
        return TransportResult(resolved.version_id, service, None, False, silence[0].text, silence)
    arrangement = rule.params["arrangement"]
    reassessed = bool(rule.params.get("reassessed", False))
    text = TRANSPORT_TEXT[arrangement] + (" Behovet vurderes løbende." if reassessed else "")
    return TransportResult(
        resolved.version_id, service, arrangement, reassessed, text, (rule.explain(),)
    )


def referral_validity(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    referred_on: dt.date,
) -> ReferralValidity:
    """The last day a referral written on `referred_on` may be used (e.g. a §140a GP referral)."""
    topic = "referral_validity"
    resolved, rule = _service_rule(registry, municipality, service, topic, referred_on)
    if rule is None:
        silence = _silence(resolved, service, "referral_validity")
        return ReferralValidity(resolved.version_id, service, None, None, silence)
    months = rule.params["months"]
    # A referral of 29 February is valid to 28 February when the next year has no 29th.
    valid_until = add_months(referred_on, months)
    detail = rule.explain(
        f"Henvisningen af {long_date(referred_on)} gælder til og med {long_date(valid_until)}."
    )
    return ReferralValidity(
        resolved.version_id, service, months, valid_until, (rule.explain(), detail)
    )


def provider_choice(
    registry: StandardsRegistry, municipality: str, service: str, *, on: dt.date
) -> ProviderChoice:
    """The standard's `provider` rule for the service: free choice of provider or not.

    `on` is the day whose standard governs the case (the discharge or receipt date). Without a
    `provider` rule there is no free choice.
    """
    resolved, rule = _service_rule(registry, municipality, service, "provider", on)
    if rule is None:
        silence = _silence(resolved, service, "provider")
        return ProviderChoice(resolved.version_id, service, "never", silence[0].text, silence)
    return ProviderChoice(
        resolved.version_id, service, rule.params["free_choice"], rule.text, (rule.explain(),)
    )


def complaint_guidance(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    on: dt.date,
    decision_received: dt.date | None = None,
) -> ComplaintGuidance:
    """Where and by when to complain; the deadline runs from the day the citizen receives
    the decision (day 0)."""
    resolved = registry.resolve(municipality, on)
    definition = resolved.service(service)
    rules = sorted(
        resolved.rules_for(service, "complaint"), key=lambda r: TOPIC_ORDER[r.params["topic"]]
    )
    routes = []
    explanation = []
    for rule in rules:
        steps = []
        for order, step in enumerate(rule.params["steps"], start=1):
            weeks = step.get("weeks")
            due = None
            depends_on = None
            if weeks is not None:
                if decision_received is None:
                    depends_on = "decision_received"
                else:
                    due = add_weeks(decision_received, weeks)
            steps.append(
                ComplaintStep(order, step["body"], step.get("address"), due, weeks, depends_on)
            )
            if due is not None:
                explanation.append(
                    rule.explain(
                        f"Klagefristen er {long_date(due)}: {weeks} uger efter, at borgeren modtog "
                        f"afgørelsen {long_date(decision_received)}."
                    )
                )
        routes.append(ComplaintRoute(rule.params["topic"], tuple(steps), rule.text, rule.source))
        explanation.append(rule.explain())
    if not definition.is_grant:
        explanation.append(
            Explanation(
                f"{resolved.municipality.slug}:{service}.decision",
                f"{definition.name} er ikke en bevilling, så der er ingen afgørelse om "
                "bevilling eller "
                "afslag at klage over; klager over indsatsen følger klagevejene ovenfor.",
                definition.source,
            )
        )
    return ComplaintGuidance(resolved.version_id, service, tuple(routes), tuple(explanation))


def termination_reasons(
    registry: StandardsRegistry, municipality: str, service: str, *, on: dt.date
) -> TerminationReasons:
    resolved, rule = _service_rule(registry, municipality, service, "termination", on)
    if rule is None:
        silence = _silence(resolved, service, "termination")
        return TerminationReasons(resolved.version_id, service, (), silence)
    reasons = tuple(TerminationReason(r["code"], r["label"]) for r in rule.params["reasons"])
    return TerminationReasons(resolved.version_id, service, reasons, (rule.explain(),))


def attendance_rules(
    registry: StandardsRegistry, municipality: str, service: str, *, on: dt.date
) -> AttendanceRules:
    resolved, rule = _service_rule(registry, municipality, service, "attendance", on)
    if rule is None:
        return AttendanceRules(
            standard_version=resolved.version_id,
            service=service,
            citizen_cancellation=None,
            no_show_limit=None,
            repeated_absence_ends=False,
            therapist_cancellation_replacement=False,
            sms_reminder_hours=None,
            sms_on_request=False,
            explanation=_silence(resolved, service, "attendance"),
        )
    p = rule.params
    return AttendanceRules(
        standard_version=resolved.version_id,
        service=service,
        citizen_cancellation=p.get("citizen_cancellation"),
        no_show_limit=p.get("no_show_limit"),
        repeated_absence_ends=bool(p.get("repeated_absence_ends", False)),
        therapist_cancellation_replacement=bool(p.get("therapist_cancellation_replacement", False)),
        sms_reminder_hours=p.get("sms_reminder_hours"),
        sms_on_request=bool(p.get("sms_on_request", False)),
        explanation=(rule.explain(),),
    )


def legal_basis(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    on: dt.date,
    facts: dict[str, Any] | Facts | None = None,
) -> LegalBasis:
    """The legal basis to print in letters; the Ældrelov replaces Serviceloven § 86 for
    citizens it covers (from 1 July 2025)."""
    parsed = parse_facts(facts)
    resolved = registry.resolve(municipality, on)
    definition = resolved.service(service)
    default_law = "sundhedsloven" if definition.code.startswith("SUL") else "serviceloven"
    base = Explanation(
        f"{definition.origin.split('@')[0]}:{service}.legal_basis",
        f"{definition.name} gives efter {definition.legal_basis}.",
        definition.source,
    )
    alternative = definition.aeldrelov
    if alternative is None:
        return LegalBasis(
            resolved.version_id, service, definition.legal_basis, default_law, None, False, (base,)
        )
    alt_id = f"{definition.origin.split('@')[0]}:{service}.legal_basis.aeldreloven"
    if parsed.covered_by_aeldreloven is None:
        text = (
            f"Borgere omfattet af ældreloven får indsatsen efter {alternative.legal_basis}; "
            "det er ikke oplyst, om borgeren er omfattet."
        )
        return LegalBasis(
            resolved.version_id,
            service,
            definition.legal_basis,
            default_law,
            "covered_by_aeldreloven",
            alternative.assumption,
            (base, Explanation(alt_id, text, alternative.source)),
        )
    if parsed.covered_by_aeldreloven:
        text = (
            f"Borgeren er omfattet af ældreloven og kan derfor ikke få tilbud efter "
            f"{definition.legal_basis} (serviceloven § 2, stk. 5); indsatsen gives efter "
            f"{alternative.legal_basis}."
        )
        return LegalBasis(
            resolved.version_id,
            service,
            alternative.legal_basis,
            "aeldreloven",
            None,
            alternative.assumption,
            (Explanation(alt_id, text, alternative.source),),
        )
    return LegalBasis(
        resolved.version_id, service, definition.legal_basis, default_law, None, False, (base,)
    )


def closed_days(
    registry: StandardsRegistry,
    municipality: str,
    *,
    start: dt.date,
    end: dt.date,
    service: str | None = None,
) -> ClosedDays:
    """Every closed day in [start, end]: weekends, public holidays and the standard's own."""
    if end < start:
        raise RulesError("slutdatoen ligger før startdatoen")
    resolved = registry.resolve(municipality, start)
    rule = closed_days_rule(resolved, service)
    days = []
    day = start
    while day <= end:
        reason = closed_reason(day, rule)
        if reason is not None:
            days.append(ClosedDay(day, reason))
        day += dt.timedelta(days=1)
    explanation = (rule.explain(),) if rule else ()
    return ClosedDays(resolved.version_id, tuple(days), explanation)


def opening_hours(
    registry: StandardsRegistry, municipality: str, service: str, *, on: dt.date
) -> OpeningHours:
    resolved, rule = _service_rule(registry, municipality, service, "opening_hours", on)
    if rule is None:
        silence = _silence(resolved, service, "opening_hours")
        return OpeningHours(resolved.version_id, service, {}, False, silence)
    hours = {day: tuple(rule.params[day]) for day in WEEKDAYS if day in rule.params}
    return OpeningHours(
        resolved.version_id,
        service,
        hours,
        bool(rule.params.get("any_hour_possible", False)),
        (rule.explain(),),
    )
