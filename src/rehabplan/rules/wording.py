"""A rule's parameters as a readable Danish sentence ("Start senest 4 uger efter afgørelsen.").

One renderer per rule type and per criterion condition. A key or a type this module does not
know is never an error: it is listed readably after the sentence, so a new rule parameter shows
up on screen before anyone writes its wording.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rehabplan.reference.fsiii import LEVEL_NAMES, fsiii_code
from rehabplan.rules.danish import EVENTS, KINDS, MODES, MONTHS, UNITS
from rehabplan.rules.danish import WEEKDAYS as DANISH_WEEKDAYS
from rehabplan.rules.model import Rule
from rehabplan.rules.ruletypes import WEEKDAYS

ServiceNames = Mapping[str, str]

# Yes/no facts as statements: (when true, when false).
FACTS = {
    "motivated": ("borgeren er motiveret for at træne", "borgeren er ikke motiveret for at træne"),
    "can_train_alone": (
        "borgeren kan nå målet ved selvtræning eller tilbud i andet regi",
        "borgeren kan ikke nå målet ved selvtræning eller tilbud i andet regi",
    ),
    "needs_pt_and_ot": (
        "borgeren har brug for både fysioterapeut og ergoterapeut",
        "borgeren har ikke brug for både fysioterapeut og ergoterapeut",
    ),
    "covered_by_aeldreloven": (
        "borgeren er omfattet af ældreloven",
        "borgeren er ikke omfattet af ældreloven",
    ),
    "has_gop": (
        "borgeren har en genoptræningsplan fra sygehuset",
        "borgeren har ingen genoptræningsplan fra sygehuset",
    ),
}
PROGRAMMES = {
    "kol": "KOL",
    "type2_diabetes": "type 2-diabetes",
    "hjertekar": "hjerte-kar-sygdom",
    "kraeft": "kræft",
    "mental_sundhed": "mental sundhed",
    "ryg": "ryglidelser",
    "osteoporose": "knogleskørhed",
    "gigt": "gigt",
    "depression": "depression",
    "rygestop": "rygestop",
}
WEEKDAY_NAMES = dict(zip(WEEKDAYS, DANISH_WEEKDAYS, strict=True))
TRANSPORT = {
    "free": "Kørsel kan visiteres og er gratis.",
    "self_pay": "Der er egenbetaling for kørsel.",
    "own": "Borgeren sørger selv for transport.",
    "individual_assessment_self_pay": (
        "Kørsel kan bevilges efter individuel vurdering mod egenbetaling."
    ),
}
COMPLAINT_TOPICS = {
    "decision": "Klage over afgørelsen",
    "service": "Klage over indsatsen",
    "health": "Klage over den sundhedsfaglige indsats",
}
CANCELLATION = {
    "day_before": "Afbud senest dagen før.",
    "as_soon_as_possible": "Afbud så hurtigt som muligt.",
}
CLOSED_DAY_POLICY = {
    "next_working_day": "Falder fristen på en lukkedag, flyttes den til næste hverdag.",
    "previous_working_day": "Falder fristen på en lukkedag, flyttes den til hverdagen før.",
}
PERIODS = {"calendar_year": "pr. kalenderår", "twelve_months": "inden for 12 måneder"}


def describe_rule(rule: Rule, services: ServiceNames | None = None) -> str:
    """The rule's parameters in Danish, followed by any parameter this module cannot word."""
    return describe_params(rule.type, rule.params, rule.text, services or {})


def describe_params(
    rule_type: str, params: Mapping[str, Any], text: str = "", services: ServiceNames | None = None
) -> str:
    names = services or {}
    renderer = RENDERERS.get(rule_type)
    if renderer is None:
        return _rest(params, set())
    sentence, used = renderer(params, names, text)
    rest = _rest(params, used)
    return f"{sentence} {rest}".strip() if rest else sentence


def fact_statement(fact: str, value: bool = True) -> str:
    known = FACTS.get(fact)
    if known is None:
        return f"oplysningen »{_key_words(fact)}« er {'ja' if value else 'nej'}"
    return known[0] if value else known[1]


def fact_unknown(fact: str) -> str:
    """The sentence staff see when a yes/no fact is not recorded, in the fact's own words."""
    known = FACTS.get(fact)
    if known is None:
        return f"Det er ikke oplyst, om oplysningen »{_key_words(fact)}« gælder for borgeren."
    return f"Det er ikke oplyst, om {known[0]}."


def _key_words(key: str) -> str:
    return key.replace("_", " ")


def _value_words(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Mapping):
        return ", ".join(f"{_key_words(str(k))}: {_value_words(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(_value_words(item) for item in value)
    return str(value)


def _rest(params: Mapping[str, Any], used: set[str]) -> str:
    rest = [f"{_key_words(k)}: {_value_words(v)}" for k, v in params.items() if k not in used]
    if not rest:
        return ""
    return "Øvrige oplysninger i standarden: " + "; ".join(rest) + "."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _listing(items: list[str], conjunction: str = "og") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _service_names(codes: list[str], names: ServiceNames) -> list[str]:
    return [names.get(code, code) for code in codes]


Rendered = tuple[str, set[str]]


def _deadline(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    kind = KINDS.get(p.get("kind", ""), _capital(_key_words(str(p.get("kind", "")))))
    unit = UNITS.get(p.get("unit", ""), _key_words(str(p.get("unit", ""))))
    event = EVENTS.get(p.get("event", ""), _key_words(str(p.get("event", ""))))
    sentence = f"{kind} senest {p.get('count')} {unit} efter {event}"
    if p.get("replaced_by_gop_start"):
        sentence += ", eller fra det tidspunkt genoptræningsplanen angiver"
    sentence += "."
    policy = CLOSED_DAY_POLICY.get(p.get("on_closed_day", "keep"))
    if policy:
        sentence += " " + policy
    return sentence, {"kind", "unit", "event", "count", "replaced_by_gop_start", "on_closed_day"}


def _criterion(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    condition = p.get("condition", "")
    wording = CONDITIONS.get(condition)
    if wording is None:
        return "Betingelse: " + _key_words(condition) + ".", {"condition"}
    sentence, used = wording(p, names, text)
    return sentence, used | {"condition"}


def _fact_true(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    return f"Betingelse: {fact_statement(p['fact'], True)}.", {"fact"}


def _fact_false(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    return f"Betingelse: {fact_statement(p['fact'], False)}.", {"fact"}


def _min_age(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    sentence = f"Betingelse: borgeren er mindst {p['years']} år"
    exempt = [PROGRAMMES.get(x, x) for x in p.get("except_programmes", ())]
    if exempt:
        sentence += f" (gælder ikke forløb for {_listing(exempt)})"
    return sentence + ".", {"years", "except_programmes"}


def _has_programme(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    programmes = [PROGRAMMES.get(x, x) for x in p.get("programmes", ())]
    return (
        f"Betingelse: borgeren er i et forløbsprogram for {_listing(programmes, 'eller')}.",
        {"programmes"},
    )


def _no_other_service(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    others = _service_names(list(p.get("other_services", ())), names)
    return (
        "Betingelse: borgeren modtager ikke "
        f"{_listing([n.lower() for n in others], 'eller')} for samme funktionsnedsættelse.",
        {"other_services"},
    )


def _course_ended_within(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    service = names.get(p["course_service"], p["course_service"]).lower()
    return (
        f"Betingelse: borgerens seneste forløb med {service} sluttede for under "
        f"{p['months']} måneder siden.",
        {"course_service", "months"},
    )


def _fsiii_at_least(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    areas = []
    for code in p.get("codes", ()):
        concept = fsiii_code(code)
        areas.append(concept.display.lower() if concept else "et ukendt funktionsevneområde")
    level = p["level"]
    level_name = LEVEL_NAMES.get(level, str(level)).lower()
    return (
        f"Betingelse: mindst {level_name} (FSIII-niveau {level}) inden for "
        f"{_listing(areas, 'eller')}.",
        {"codes", "level"},
    )


def _judgement(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    return "Kriteriet afgøres ved en faglig vurdering.", set()


def _has_gop(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    return f"Betingelse: {fact_statement('has_gop')}.", set()


CONDITIONS: dict[str, Callable[[Mapping[str, Any], ServiceNames, str], Rendered]] = {
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


def _times(count: int) -> str:
    return "1 gang" if count == 1 else f"{count} gange"


def _frequency_limit(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    period = PERIODS.get(p.get("period", ""), _key_words(str(p.get("period", ""))))
    return f"Kan bevilges højst {_times(p['times'])} {period}.", {"times", "period"}


def _extent(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    parts = [*_extent_sessions(p), *_extent_weekly(p), *_extent_length(p)]
    sentence = _capital(", ".join(parts)) + "." if parts else ""
    if p.get("tiers"):
        sentence += (" " if sentence else "") + _tiers(p["tiers"])
    if p.get("range"):
        sentence += (" " if sentence else "") + _range(p["range"])
    sentence = sentence or "Intet fast omfang."
    used = {
        "max_sessions",
        "counts_toward",
        "min_per_week",
        "max_per_week",
        "reduced_max_per_week",
        "reduced_unless_fact",
        "max_weeks",
        "max_months",
        "typical_weeks",
        "session_minutes",
        "by_judgement",
        "tiers",
        "range",
    }
    return sentence, used


def _extent_sessions(p: Mapping[str, Any]) -> list[str]:
    if "max_sessions" not in p:
        return []
    part = f"højst {_times(p['max_sessions'])}"
    if p.get("counts_toward"):
        part += f" (medregnet {_listing(list(p['counts_toward']))})"
    return [part]


def _extent_weekly(p: Mapping[str, Any]) -> list[str]:
    parts = []
    low, high = p.get("min_per_week"), p.get("max_per_week")
    if low and high and low == high:
        parts.append(f"{_times(low)} ugentligt")
    elif low and high:
        parts.append(f"{low}-{high} gange ugentligt")
    elif high:
        parts.append(f"højst {_times(high)} ugentligt")
    elif low:
        parts.append(f"mindst {_times(low)} ugentligt")
    if "reduced_max_per_week" in p:
        fact = fact_statement(p.get("reduced_unless_fact", ""), True)
        parts.append(f"dog højst {_times(p['reduced_max_per_week'])} ugentligt, medmindre {fact}")
    return parts


def _extent_length(p: Mapping[str, Any]) -> list[str]:
    parts = []
    if "max_weeks" in p:
        parts.append(f"i højst {p['max_weeks']} uger")
    if "max_months" in p:
        parts.append(f"i højst {p['max_months']} måneder")
    if "typical_weeks" in p:
        parts.append(f"typisk {p['typical_weeks']} uger")
    if "session_minutes" in p:
        parts.append(f"{p['session_minutes']} minutter pr. gang")
    if p.get("by_judgement"):
        parts.append("omfanget fastsættes efter en faglig vurdering")
    return parts


def _tiers(tiers: list[Mapping[str, Any]]) -> str:
    """'Afgørelsen vælger ét af trinnene: Afklaringsforløb (højst 4 gange) eller ...'."""
    described = []
    for tier in tiers:
        limits = []
        if "max_sessions" in tier:
            limits.append(f"højst {_times(tier['max_sessions'])}")
        if "max_per_week" in tier:
            limits.append(f"højst {_times(tier['max_per_week'])} ugentligt")
        if "max_weeks" in tier:
            limits.append(f"i højst {tier['max_weeks']} uger")
        described.append(f"{tier['name']} ({', '.join(limits)})" if limits else str(tier["name"]))
    if len(described) == 1:
        return f"Afgørelsen giver trinnet {described[0]}."
    return f"Afgørelsen vælger ét af trinnene: {', '.join(described[:-1])} eller {described[-1]}."


def _range(span: Mapping[str, Any]) -> str:
    unit = "uger" if span.get("unit") == "weeks" else "gange"
    return f"Afgørelsen fastsætter et omfang på mellem {span['min']} og {span['max']} {unit}."


def _team_size(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    return f"Hold med {p['min']}-{p['max']} deltagere.", {"min", "max"}


def _modes(values: Any) -> str:
    return _listing([MODES.get(m, _key_words(str(m))) for m in values])


def _delivery(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    sentence = f"Træningsformer: {_modes(p.get('usual_modes', ()))}."
    if p.get("exception_modes"):
        sentence += f" Undtagelsesvis: {_modes(p['exception_modes'])}."
    return sentence, {"usual_modes", "exception_modes"}


def _transport(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    arrangement = p.get("arrangement", "")
    sentence = TRANSPORT.get(arrangement, f"Kørsel: {_key_words(arrangement)}.")
    if p.get("reassessed"):
        sentence += " Behovet vurderes løbende."
    return sentence, {"arrangement", "reassessed"}


def _complaint(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    topic = p.get("topic", "")
    steps = []
    for number, step in enumerate(p.get("steps", ()), start=1):
        line = f"{number}) {step.get('body', '')}"
        if step.get("address"):
            line += f", {step['address']}"
        if step.get("weeks") is not None:
            counted = EVENTS.get(step.get("counted_from", ""), "afgørelsen")
            line += f", inden {step['weeks']} uger efter {counted}"
        steps.append(line)
    label = COMPLAINT_TOPICS.get(topic, f"Klage ({_key_words(topic)})")
    return f"{label}: " + "; ".join(steps) + ".", {"topic", "steps"}


def _termination(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    labels = [str(r.get("label", "")) for r in p.get("reasons", ())]
    return f"Afslutningsårsager: {_listing(labels).lower()}.", {"reasons"}


def _attendance(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    parts = []
    if p.get("citizen_cancellation"):
        parts.append(CANCELLATION.get(p["citizen_cancellation"], ""))
    if p.get("no_show_limit"):
        ends = " kan afslutte forløbet" if p.get("repeated_absence_ends") else ""
        limit = p["no_show_limit"]
        absences = "1 udeblivelse" if limit == 1 else f"{limit} udeblivelser"
        parts.append(f"{absences}{ends}.")
    elif p.get("repeated_absence_ends"):
        parts.append("Gentagne afbud eller udeblivelser kan afslutte forløbet.")
    if p.get("therapist_cancellation_replacement"):
        parts.append("Aflyser terapeuten, tilbydes en erstatningstid.")
    if p.get("sms_reminder_hours"):
        request = " efter ønske" if p.get("sms_on_request") else ""
        parts.append(f"SMS-påmindelse {p['sms_reminder_hours']} timer før{request}.")
    elif p.get("sms_on_request"):
        parts.append("SMS-påmindelse efter ønske.")
    used = {
        "citizen_cancellation",
        "no_show_limit",
        "repeated_absence_ends",
        "therapist_cancellation_replacement",
        "sms_reminder_hours",
        "sms_on_request",
    }
    return " ".join(_capital(part) for part in parts if part) or "Ingen regler.", used


def _opening_hours(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    days = [f"{WEEKDAY_NAMES[d]} {', '.join(p[d])}" for d in WEEKDAYS if p.get(d)]
    sentence = "Åbent " + "; ".join(days) + "." if days else "Ingen faste åbningstider."
    if p.get("any_hour_possible"):
        sentence += " Træning kan aftales uden for åbningstiden."
    return sentence, {*WEEKDAYS, "any_hour_possible"}


def _day_month(text: str) -> str:
    month, day = text.split("-")
    return f"{int(day)}. {MONTHS[int(month) - 1]}"


def _closed_days(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    parts = []
    if p.get("annual"):
        parts.append("Lukket hvert år " + _listing([_day_month(d) for d in p["annual"]]) + ".")
    if p.get("dates"):
        parts.append("Lukket " + _listing([str(d) for d in p["dates"]]) + ".")
    return " ".join(parts) or "Ingen faste lukkedage.", {"annual", "dates"}


def _provider(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    choice = p.get("free_choice")
    if choice == "when_start_deadline_missed":
        sentence = "Kan kommunen ikke starte inden fristen, kan borgeren vælge en anden leverandør."
    elif choice == "never":
        sentence = "Borgeren kan ikke vælge en anden leverandør."
    else:
        sentence = f"Frit valg af leverandør: {_key_words(str(choice))}."
    return sentence, {"free_choice"}


def _referral_validity(p: Mapping[str, Any], names: ServiceNames, text: str) -> Rendered:
    return (
        f"Henvisningen gælder i {p['months']} måneder fra den dag, den er skrevet.",
        {"months"},
    )


RENDERERS: dict[str, Callable[[Mapping[str, Any], ServiceNames, str], Rendered]] = {
    "deadline": _deadline,
    "criterion": _criterion,
    "frequency_limit": _frequency_limit,
    "extent": _extent,
    "team_size": _team_size,
    "delivery": _delivery,
    "transport": _transport,
    "complaint": _complaint,
    "termination": _termination,
    "attendance": _attendance,
    "opening_hours": _opening_hours,
    "closed_days": _closed_days,
    "provider": _provider,
    "referral_validity": _referral_validity,
}

# What a rule of each type is about, as a heading.
TOPICS = {
    "deadline": "Frist",
    "criterion": "Visitationskriterium",
    "frequency_limit": "Hvor ofte",
    "extent": "Omfang",
    "team_size": "Holdstørrelse",
    "delivery": "Træningsform",
    "transport": "Kørsel",
    "complaint": "Klagevejledning",
    "termination": "Afslutning",
    "attendance": "Afbud og udeblivelse",
    "opening_hours": "Åbningstider",
    "closed_days": "Lukkedage",
    "provider": "Frit valg af leverandør",
    "referral_validity": "Henvisningens gyldighed",
}
DEADLINE_TOPICS = {
    "contact": "Frist for kontakt",
    "decision": "Frist for afgørelse",
    "start": "Frist for start",
}


def rule_topic(rule_type: str, params: Mapping[str, Any]) -> str:
    """A short Danish heading for what the rule is about."""
    if rule_type == "deadline":
        return DEADLINE_TOPICS.get(params.get("kind", ""), TOPICS["deadline"])
    if rule_type == "complaint":
        return COMPLAINT_TOPICS.get(params.get("topic", ""), TOPICS["complaint"])
    return TOPICS.get(rule_type, _capital(_key_words(rule_type)))
