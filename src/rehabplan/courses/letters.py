"""Decision, refusal and plan letters, composed from a stored Decision and the engine's results.

The letter says only what the decision recorded (legal basis, extent, criteria, transport and
complaint guidance as the standard gave them), so it can be composed again at any time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rehabplan import rules
from rehabplan.courses.models import Decision, DecisionOutcome, GopLevel
from rehabplan.letters import Letter, Recipient, Section, SenderBlock, format_danish_date
from rehabplan.organisation.standards import installation_registry
from rehabplan.rules.danish import MODES, mid_sentence, to_citizen

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen
    from rehabplan.organisation.models import Municipality


CANCELLATION_TEXT = {
    "day_before": "Kan du ikke komme, skal du melde afbud senest dagen før.",
    "as_soon_as_possible": "Kan du ikke komme, skal du melde afbud så hurtigt som muligt.",
}
TOPIC_HEADINGS = {
    "decision": "Klage over afgørelsen",
    "service": "Klage over udførelsen af træningen",
    "health": "Klage over den sundhedsfaglige indsats",
}


def sender_block(municipality: Municipality) -> SenderBlock:
    lines = tuple(part.strip() for part in municipality.address.split(",") if part.strip())
    return SenderBlock(
        municipality=municipality.name,
        unit=municipality.unit_name,
        address_lines=lines,
        phone=municipality.phone,
    )


def citizen_recipient(citizen: Citizen) -> Recipient:
    place = f"{citizen.postcode} {citizen.city}".strip()
    return Recipient(citizen.full_name, tuple(line for line in (citizen.address, place) if line))


def _footer(municipality: Municipality) -> str:
    parts = [municipality.name, municipality.unit_name, municipality.address]
    if municipality.phone:
        parts.append(f"Telefon {municipality.phone}")
    return " · ".join(part for part in parts if part)


def _service_name(decision: Decision) -> str:
    """The service's name as the standard gave it on the decision date, mid-sentence."""
    return mid_sentence(decision.service_name or decision.referral.service_name)


def _date(value: Any) -> str:
    return format_danish_date(value)


def _start_deadline(decision: Decision) -> Any:
    deadline = decision.referral.deadlines.filter(kind="start").first()
    return deadline.due if deadline is not None else None


def _extent_lines(decision: Decision) -> tuple[tuple[str, str], ...]:
    lines: list[tuple[str, str]] = [("Lovgrundlag", decision.legal_basis)]
    extent = decision.engine_extent or {}
    if decision.extent_tier:
        lines.append(("Trin", decision.extent_tier))
    if decision.granted_sessions:
        counted = extent.get("counts_toward") or []
        text = f"{decision.granted_sessions} gange"
        if counted:
            text += " (inklusive " + ", ".join(counted) + ")"
        lines.append(("Omfang", text))
    if decision.sessions_per_week:
        lines.append(("Hyppighed", f"{decision.sessions_per_week} gange om ugen"))
    if decision.granted_weeks:
        lines.append(("Varighed", f"{decision.granted_weeks} uger"))
    if decision.period_start and decision.period_end:
        lines.append(
            ("Periode", f"{_date(decision.period_start)} til {_date(decision.period_end)}")
        )
    elif decision.period_start:
        lines.append(("Periode", f"fra {_date(decision.period_start)}"))
    modes = extent.get("usual_modes") or []
    if modes:
        lines.append(("Træningsform", ", ".join(MODES.get(m, m) for m in modes)))
    return tuple(lines)


def _attendance_section(decision: Decision) -> Section:
    referral = decision.referral
    result = rules.attendance_rules(
        installation_registry(),
        referral.municipality.slug,
        referral.service_code,
        on=decision.decided_on,
    )
    paragraphs = [
        CANCELLATION_TEXT.get(
            result.citizen_cancellation or "",
            "Kan du ikke komme, skal du melde afbud så hurtigt som muligt.",
        )
    ]
    phone = referral.municipality.phone
    if phone:
        paragraphs.append(f"Afbud gives til træningsenheden på telefon {phone}.")
    bullets = []
    if result.no_show_limit:
        bullets.append(
            f"Udebliver du {result.no_show_limit} gange uden afbud, kan forløbet blive afsluttet."
        )
    if result.repeated_absence_ends:
        bullets.append("Melder du gentagne gange afbud eller udebliver, kan forløbet afsluttes.")
    if result.therapist_cancellation_replacement:
        bullets.append("Må vi aflyse en aftale, tilbyder vi dig en erstatningstid.")
    if result.sms_reminder_hours:
        when = f"{result.sms_reminder_hours} timer før"
        wish = ", hvis du ønsker det" if result.sms_on_request else ""
        bullets.append(f"Du kan få en SMS-påmindelse {when} aftalen{wish}.")
    return Section("Hvis du er forhindret", tuple(paragraphs), bullets=tuple(bullets))


def _transport_section(decision: Decision) -> Section:
    text = (decision.transport or {}).get("text") or "Kontakt os, hvis du har spørgsmål om kørsel."
    return Section("Kørsel", (to_citizen(text),))


def _complaint_sections(decision: Decision, *, topics: tuple[str, ...]) -> list[Section]:
    guidance = decision.complaint_guidance or {}
    sections = []
    for route in guidance.get("routes", []):
        if route["topic"] not in topics:
            continue
        paragraphs = []
        bullets = []
        if route["topic"] == "decision":
            weeks = next((s["weeks"] for s in route["steps"] if s.get("weeks")), None)
            if weeks:
                paragraphs.append(
                    f"Du kan klage over afgørelsen inden {weeks} uger efter, at du har "
                    "modtaget den."
                )
            if decision.complaint_deadline:
                paragraphs.append(f"Din klagefrist er {_date(decision.complaint_deadline)}.")
        paragraphs.append(to_citizen(route["text"]))
        numbered = len(route["steps"]) > 1
        for step in route["steps"]:
            line = to_citizen(step["body"])
            if step.get("address"):
                line += f", {step['address']}"
            bullets.append(f"{step['order']}. {line}" if numbered else line)
        sections.append(
            Section(
                TOPIC_HEADINGS.get(route["topic"], "Klagemuligheder"),
                tuple(paragraphs),
                bullets=tuple(bullets),
            )
        )
    return sections


def _common(decision: Decision, title: str, sections: list[Section]) -> Letter:
    referral = decision.referral
    municipality = referral.municipality
    citizen = referral.citizen
    return Letter(
        sender=sender_block(municipality),
        recipient=citizen_recipient(citizen),
        date=decision.decided_on,
        title=title,
        salutation=f"Kære {citizen.full_name}",
        references=(
            ("Sagsnummer", f"{municipality.code}-{referral.pk}"),
            ("Modtaget", _date(referral.received_on)),
        ),
        sections=tuple(sections),
        closing=("Med venlig hilsen", decision.decided_by.display_name, municipality.name),
        footer=_footer(municipality),
        subject=title,
    )


def grant_letter(decision: Decision) -> Letter:
    name = _service_name(decision)
    criteria = [
        to_citizen(c["text"])
        for c in (decision.eligibility or {}).get("criteria", [])
        if c["status"] == "met"
    ]
    sections = [
        Section(
            "Afgørelse",
            (
                f"Du får bevilget {name} efter {decision.legal_basis}. "
                f"Afgørelsen er truffet {_date(decision.decided_on)}.",
            ),
            key_values=_extent_lines(decision),
        )
    ]
    if criteria:
        sections.append(
            Section(
                "Begrundelse",
                ("Vi har vurderet, at du opfylder betingelserne i kommunens kvalitetsstandard:",),
                bullets=tuple(criteria),
            )
        )
    if decision.deviation_reason:
        sections.append(
            Section(
                "Omfanget af din træning",
                (
                    "Omfanget afviger fra kvalitetsstandarden. Begrundelse: "
                    + decision.deviation_reason,
                ),
            )
        )
    start = _start_deadline(decision)
    start_text = "Vi kontakter dig for at aftale, hvornår og hvor træningen begynder."
    if start:
        start_text += (
            f" Træningen begynder senest {_date(start)}, medmindre du ønsker en senere start."
        )
    sections.append(Section("Start", (start_text,)))
    sections.append(_transport_section(decision))
    sections.append(_attendance_section(decision))
    sections += _complaint_sections(decision, topics=("decision", "service", "health"))
    return _common(decision, f"Afgørelse om {name}", sections)


def refusal_letter(decision: Decision) -> Letter:
    name = _service_name(decision)
    criteria = (decision.eligibility or {}).get("criteria", [])
    unmet = [
        to_citizen(c["text"] + (f" ({c['detail']})" if c.get("detail") else ""))
        for c in criteria
        if c["status"] == "unmet"
    ]
    sections = [
        Section(
            "Afgørelse",
            (
                f"Du får afslag på {name} efter {decision.legal_basis}. "
                f"Afgørelsen er truffet {_date(decision.decided_on)}.",
            ),
        ),
        Section("Begrundelse", (decision.refusal_reason,)),
    ]
    if unmet:
        sections.append(
            Section(
                "Betingelser, du ikke opfylder",
                ("Efter kommunens kvalitetsstandard er disse betingelser ikke opfyldt:",),
                bullets=tuple(unmet),
            )
        )
    sections += _complaint_sections(decision, topics=("decision",))
    return _common(decision, f"Afslag på {name}", sections)


def plan_letter(decision: Decision) -> Letter:
    """SUL140: no grant and no refusal, only the level and plan the municipality sets."""
    referral = decision.referral
    level = GopLevel(decision.level).label.lower() if decision.level else ""
    intro = (
        "Vi har modtaget din genoptræningsplan"
        + (f" fra {referral.referring_unit}" if referral.referring_unit else "")
        + f". Du tilbydes genoptræning efter {decision.legal_basis}"
        + (f" på {level} niveau." if level else ".")
    )
    sections = [Section("Din genoptræning", (intro,))]
    if decision.plan_text:
        sections.append(
            Section("Planen for din genoptræning", tuple(decision.plan_text.splitlines()))
        )
    start = _start_deadline(decision)
    start_text = "Vi kontakter dig for at aftale, hvornår og hvor genoptræningen begynder."
    if start:
        start_text += f" Genoptræningen begynder senest {_date(start)}."
    sections.append(Section("Start", (start_text,)))
    sections.append(_transport_section(decision))
    sections.append(_attendance_section(decision))
    sections += _complaint_sections(decision, topics=("service", "health"))
    return _common(decision, f"Din plan for {_service_name(decision)}", sections)


def decision_letter(decision: Decision) -> Letter:
    """The letter that belongs to the decision's outcome."""
    if decision.outcome == DecisionOutcome.PLAN:
        return plan_letter(decision)
    if decision.outcome == DecisionOutcome.REFUSED:
        return refusal_letter(decision)
    return grant_letter(decision)
