"""The closed table of eligibility conditions: each returns a status and a Danish detail.

An unknown fact gives "unknown", never "met".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from rehabplan.reference.fsiii import fsiii_code
from rehabplan.rules.calendar import add_months
from rehabplan.rules.danish import long_date, mid_sentence
from rehabplan.rules.facts import Facts
from rehabplan.rules.model import Rule
from rehabplan.rules.wording import fact_unknown

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
Outcome = tuple[str, str]


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _fact_true(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    value = facts.flag(rule.params["fact"])
    if value is None:
        return UNKNOWN, fact_unknown(rule.params["fact"])
    return (MET, "") if value else (UNMET, "")


def _fact_false(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    value = facts.flag(rule.params["fact"])
    if value is None:
        return UNKNOWN, fact_unknown(rule.params["fact"])
    return (UNMET, "") if value else (MET, "")


def _min_age(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    if facts.programme is not None and facts.programme in rule.params.get("except_programmes", ()):
        return MET, f"Aldersgrænsen gælder ikke for forløbet {facts.programme}."
    if facts.birth_date is None:
        return UNKNOWN, "Fødselsdatoen er ikke oplyst."
    age = age_on(facts.birth_date, on)
    years = rule.params["years"]
    if age >= years:
        return MET, f"Borgeren er {age} år."
    return UNMET, f"Borgeren er {age} år, under {years} år."


def _has_programme(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    if facts.programme is None:
        return UNKNOWN, "Forløbsprogrammet er ikke oplyst."
    if facts.programme in rule.params["programmes"]:
        return MET, ""
    return UNMET, f"Forløbsprogrammet {facts.programme} er ikke blandt kommunens tilbud."


def _no_other_service(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    if facts.other_services is None:
        return UNKNOWN, "Det er ikke oplyst, hvilke andre indsatser borgeren modtager."
    blocking = [s for s in facts.other_services if s.service in rule.params["other_services"]]
    if not blocking:
        return MET, ""
    if facts.impairment is None or any(s.impairment is None for s in blocking):
        listed = ", ".join(_name(s.service, names) for s in blocking)
        return (
            UNKNOWN,
            f"Borgeren modtager {listed}; det er ikke oplyst, om det er samme "
            "funktionsnedsættelse.",
        )
    same = [s for s in blocking if s.impairment == facts.impairment]
    if same:
        return (
            UNMET,
            f"Borgeren modtager {_name(same[0].service, names)} for samme funktionsnedsættelse.",
        )
    return MET, "De andre indsatser gælder en anden funktionsnedsættelse."


def _course_ended_within(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    code = rule.params["course_service"]
    course = f"forløb med {_name(code, names)}"
    months = rule.params["months"]
    if facts.last_course_end is None:
        return UNKNOWN, f"Det er ikke oplyst, hvornår sidste {course} sluttede."
    ended = facts.last_course_end.get(code)
    if ended is None:
        return UNMET, f"Borgeren har ikke haft et afsluttet {course}."
    limit = add_months(ended, months)
    if ended <= on < limit:
        return (
            MET,
            f"Sidste {course} sluttede {long_date(ended)}; grænsen er {long_date(limit)}.",
        )
    return (
        UNMET,
        f"Sidste {course} sluttede {long_date(ended)}, mere end {months} måneder før.",
    )


def _in_area(code: str, wanted: set[str]) -> bool:
    concept = fsiii_code(code)
    while concept is not None:
        if concept.code in wanted:
            return True
        concept = fsiii_code(concept.parent) if concept.parent else None
    return False


def _fsiii_at_least(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    wanted = {fsiii_code(c).code if fsiii_code(c) else c for c in rule.params["codes"]}
    level = rule.params["level"]
    if not facts.fsiii:
        return UNKNOWN, "Der er ingen FSIII-vurdering."
    scores = [
        (code, score)
        for code, score in facts.fsiii.items()
        if score != 9 and _in_area(code, wanted)
    ]
    if not scores:
        return UNKNOWN, "FSIII-vurderingen dækker ikke de relevante funktionsevneområder."
    code, best = max(scores, key=lambda item: item[1])
    concept = fsiii_code(code)
    name = concept.display if concept else code
    if best >= level:
        return MET, f"FSIII: {name} er vurderet til niveau {best}."
    return UNMET, f"Højeste FSIII-niveau i de relevante områder er {best} ({name}), under {level}."


def _judgement(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    value = facts.assessment(rule.id)
    if value is None:
        return UNKNOWN, "Kræver en faglig vurdering fra en medarbejder."
    return (
        (MET, "Fagligt vurderet opfyldt.") if value else (UNMET, "Fagligt vurderet ikke opfyldt.")
    )


def _has_gop(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    if facts.has_gop is None:
        return UNKNOWN, "Det er ikke oplyst, om der foreligger en genoptræningsplan."
    return (MET, "") if facts.has_gop else (UNMET, "Der foreligger ingen genoptræningsplan.")


CONDITIONS: dict[str, Callable[[Rule, Facts, dt.date, str, Mapping[str, str]], Outcome]] = {
    "fact_true": _fact_true,
    "fact_false": _fact_false,
    "min_age": _min_age,
    "has_programme": _has_programme,
    "no_other_service_same_impairment": _no_other_service,
    "course_ended_within": _course_ended_within,
    "fsiii_at_least": _fsiii_at_least,
    "judgement": _judgement,
    "has_gop": _has_gop,
}


def _name(code: str, names: Mapping[str, str]) -> str:
    """The service's name from the standard, for the citizen's and staff's eyes."""
    return mid_sentence(names.get(code, code))


def evaluate(
    rule: Rule, facts: Facts, on: dt.date, service: str, names: Mapping[str, str]
) -> Outcome:
    """`names` maps the standard's service codes to their names."""
    # A judgement recorded by staff overrides what the facts alone can show.
    recorded = facts.assessment(rule.id)
    if recorded is not None and rule.params["condition"] != "judgement":
        status, detail = CONDITIONS[rule.params["condition"]](rule, facts, on, service, names)
        if status == UNKNOWN:
            return (MET if recorded else UNMET), "Fagligt vurderet."
        return status, detail
    return CONDITIONS[rule.params["condition"]](rule, facts, on, service, names)
