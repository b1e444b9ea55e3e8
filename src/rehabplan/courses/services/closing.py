"""Closing a course in one guided step: closing talk, end reason, equipment, end tests, and the
written status of achieved function, sent through the outbox to whom the citizen allows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.citizens.models import ConsentScope
from rehabplan.citizens.services import consent_is_valid
from rehabplan.courses.course_rules import termination_label
from rehabplan.courses.models import (
    Assessment,
    AssessmentItem,
    AssessmentPhase,
    ClinicalNote,
    Course,
    GoalStatus,
    MeasurementPhase,
    NoteKind,
)
from rehabplan.courses.selectors.course import measurement_changes
from rehabplan.courses.services.course_state import course_close
from rehabplan.courses.services.goals import goal_evaluate
from rehabplan.courses.services.measurements import check_measurement, measurement_record
from rehabplan.homeprogrammes.selectors import (
    current_programme,
    programme_heading,
    programme_summary,
)
from rehabplan.homeprogrammes.services import programme_hand_over
from rehabplan.letters import Letter, Recipient, Section, SenderBlock, Table, format_danish_date
from rehabplan.outbox.models import Channel, MessageKind, OutboxMessage, RecipientKind
from rehabplan.outbox.services import outbox_enqueue_letter
from rehabplan.reference.fsiii import LEVEL_NAMES, LEVELS, fsiii_code

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


EQUIPMENT_TEXT = {
    True: "Lånte træningsredskaber er afleveret.",
    False: "Lånte træningsredskaber er ikke afleveret.",
    None: "Borgeren har ikke lånt træningsredskaber.",
}


def status_report_blocked_reasons(course: Course, on: datetime.date) -> dict[str, str]:
    """Why the status report cannot go to the GP or the hospital on this day (empty: it can)."""
    reasons: dict[str, str] = {}
    citizen = course.citizen
    consent = consent_is_valid(citizen=citizen, scope=ConsentScope.SHARE_STATUS, on=on)
    no_consent = _(
        "Borgeren har ikke et gyldigt samtykke til, at status sendes til egen læge og sygehus "
        "(%(day)s). Registrér samtykket først, hvis borgeren giver det."
    ) % {"day": format_danish_date(on)}
    if not consent:
        reasons["gp"] = no_consent
    elif not citizen.gp_name and not citizen.gp_clinic:
        reasons["gp"] = _("Borgerens egen læge er ikke registreret.")
    service = course.service
    if service is None or not service.process.has_gop:
        reasons["hospital"] = _(
            "Status sendes kun til det henvisende sygehus ved genoptræning efter sundhedsloven "
            "§ 140."
        )
    elif not consent:
        reasons["hospital"] = no_consent
    elif course.referral is None or not course.referral.referring_unit:
        reasons["hospital"] = _("Det henvisende sygehus er ikke registreret.")
    return reasons


def status_report_letter(
    *, course: Course, recipient: Recipient, on: datetime.date, self_training: str = ""
) -> Letter:
    """The written status of achieved function: goals, test changes and what happens next."""
    municipality = course.municipality
    citizen = course.citizen
    goal_rows = []
    for goal in course.goals.all():
        latest = goal.evaluations.order_by("-evaluated_on", "-id").first()
        goal_rows.append((goal.text, goal.get_status_display(), latest.text if latest else ""))
    changes = measurement_changes(course)
    function_section = _function_section(course)
    sections = [
        Section(
            _("Forløbet"),
            key_values=(
                (_("Indsats"), course.service_name),
                (_("Start"), format_danish_date(course.start_on) if course.start_on else "–"),
                (_("Afsluttet"), format_danish_date(course.ended_on or on)),
                (_("Afslutningsårsag"), termination_label(course, course.end_reason) or "–"),
            ),
        ),
        Section(
            _("Mål"),
            table=Table(tuple(goal_rows), (_("Mål"), _("Status"), _("Evaluering"))),
        )
        if goal_rows
        else Section(_("Mål"), (_("Der er ikke registreret mål."),)),
        Section(
            _("Test fra start til slut"),
            bullets=tuple(change.text for change in changes),
        )
        if changes
        else Section(_("Test fra start til slut"), (_("Der er ikke registreret test."),)),
        *([function_section] if function_section else []),
        *_home_programme_sections(course),
        Section(
            _("Videre træning"),
            key_values=(
                (_("Selvtræningsprogram"), course.self_training_programme or self_training or "–"),
                (_("Træner videre"), course.continue_training_at or "–"),
                (_("Træningsredskaber"), EQUIPMENT_TEXT[course.equipment_returned]),
            ),
        ),
    ]
    return Letter(
        sender=SenderBlock(
            municipality=municipality.name,
            unit=municipality.unit_name,
            address_lines=(municipality.address,) if municipality.address else (),
            phone=municipality.phone,
        ),
        recipient=recipient,
        date=on,
        title=_("Status efter træningsforløb"),
        subject=_("Status efter træningsforløb"),
        references=((_("Vedrørende"), f"{citizen.full_name}, {citizen.formatted_cpr}"),),
        sections=tuple(sections),
        closing=(_("Med venlig hilsen"), municipality.unit_name or municipality.name),
    )


def _home_programme_sections(course: Course) -> list[Section]:
    """The home programme the citizen trains on, exercise by exercise with dosage."""
    programme = current_programme(course)
    if programme is None:
        return []
    return [
        Section(
            _("Hjemmetræningsprogram"),
            (programme_heading(programme) + ".",),
            bullets=tuple(programme_summary(programme)),
        )
    ]


def _function_section(course: Course) -> Section | None:
    """FSIII function levels at closing, beside the level at the earlier assessment."""
    closing = course.assessments.filter(phase=AssessmentPhase.CLOSING).first()
    if closing is None:
        return None
    earlier = (
        Assessment.objects.filter(citizen=course.citizen, assessed_on__lte=closing.assessed_on)
        .exclude(phase=AssessmentPhase.CLOSING)
        .first()
    )
    before = {item.code: item.level for item in earlier.items.all()} if earlier else {}
    rows = tuple(
        (
            item.label,
            LEVEL_NAMES.get(before[item.code], "–") if item.code in before else "–",
            LEVEL_NAMES.get(item.level, str(item.level)),
        )
        for item in closing.items.all()
    )
    return Section(
        _("Funktionsniveau (Fællessprog III)"),
        table=Table(rows, (_("Område"), _("Før"), _("Ved afslutning"))),
    )


@transaction.atomic
def status_report_send(
    *,
    user: User,
    course: Course,
    on: datetime.date,
    to_citizen: bool = False,
    to_gp: bool = False,
    to_hospital: bool = False,
) -> list[OutboxMessage]:
    """Send the status report to the citizen on request, and to the GP and (SUL140) the referring
    hospital only with the citizen's valid consent; without it, sending is refused with why."""
    blocked = status_report_blocked_reasons(course, on)
    errors: dict[str, list[str]] = {}
    if to_gp and "gp" in blocked:
        errors["send_to_gp"] = [blocked["gp"]]
    if to_hospital and "hospital" in blocked:
        errors["send_to_hospital"] = [blocked["hospital"]]
    if errors:
        raise ValidationError(errors)
    citizen = course.citizen
    messages = []
    subject = _("Status efter træningsforløb")
    targets = []
    if to_citizen:
        address = ", ".join(
            p for p in (citizen.address, f"{citizen.postcode} {citizen.city}") if p.strip()
        )
        targets.append((RecipientKind.CITIZEN, citizen.full_name, address, Channel.DIGITAL_POST))
    if to_gp:
        targets.append(
            (
                RecipientKind.GP,
                citizen.gp_name or citizen.gp_clinic,
                citizen.gp_clinic,
                Channel.MEDCOM,
            )
        )
    if to_hospital:
        unit = course.referral.referring_unit
        targets.append((RecipientKind.HOSPITAL, unit, unit, Channel.MEDCOM))
    for recipient_kind, name, address, channel in targets:
        letter = status_report_letter(
            course=course,
            recipient=Recipient(name, tuple(line for line in (address,) if line)),
            on=on,
        )
        messages.append(
            outbox_enqueue_letter(
                user=user,
                citizen=citizen,
                kind=MessageKind.STATUS_REPORT,
                recipient_kind=recipient_kind,
                recipient_name=name,
                recipient_address=address,
                subject=subject,
                letter=letter,
                channel=channel,
            )
        )
    return messages


@dataclass(frozen=True)
class ClosingResult:
    course: Course
    messages: tuple[OutboxMessage, ...]


# The end reason that says every goal still open was reached.
GOALS_REACHED = "goals_reached"


@transaction.atomic
def course_closing(
    *,
    user: User,
    course: Course,
    closing_talk_on: datetime.date,
    end_reason: str,
    self_training_programme: str = "",
    continue_training_at: str = "",
    end_reason_note: str = "",
    equipment_returned: bool | None = None,
    closing_note: str = "",
    end_values: dict[str, Any] | None = None,
    fsiii_levels: dict[str, int] | None = None,
    send_to_citizen: bool = False,
    send_to_gp: bool = False,
    send_to_hospital: bool = False,
) -> ClosingResult:
    """The closing talk, end values, the course's closing and the status report, all or nothing."""
    end_values = {code: v for code, v in (end_values or {}).items() if v not in (None, "")}
    _check_closing(
        course,
        closing_talk_on,
        end_values,
        fsiii_levels or {},
        send_to_gp=send_to_gp,
        send_to_hospital=send_to_hospital,
    )
    course.closing_talk_on = closing_talk_on
    course.self_training_programme = self_training_programme.strip()
    course.continue_training_at = continue_training_at.strip()
    course.equipment_returned = equipment_returned
    course.save(
        update_fields=[
            "closing_talk_on",
            "self_training_programme",
            "continue_training_at",
            "equipment_returned",
        ]
    )
    programme_hand_over(course=course, user=user, on=closing_talk_on)
    course_close(
        user=user,
        course=course,
        ended_on=closing_talk_on,
        end_reason=end_reason,
        end_reason_note=end_reason_note,
    )
    if end_reason == GOALS_REACHED:
        _mark_open_goals_reached(user, course, closing_talk_on)
    _record_end_values(user, course, closing_talk_on, end_values)
    _record_closing_assessment(user, course, closing_talk_on, fsiii_levels or {})
    _record_closing_talk(user, course, closing_talk_on, closing_note)
    messages = status_report_send(
        user=user,
        course=course,
        on=closing_talk_on,
        to_citizen=send_to_citizen,
        to_gp=send_to_gp,
        to_hospital=send_to_hospital,
    )
    return ClosingResult(course, tuple(messages))


def _check_closing(
    course: Course,
    closing_talk_on: datetime.date,
    end_values: dict[str, Any],
    fsiii_levels: dict[str, int],
    *,
    send_to_gp: bool,
    send_to_hospital: bool,
) -> None:
    """Every problem with the closing at once, before anything is written."""
    errors: dict[str, list[str]] = {}
    for code, value in end_values.items():
        try:
            check_measurement(test_code=code, value=value, phase=MeasurementPhase.END)
        except ValidationError as error:
            errors.setdefault(f"end_{code}", []).extend(error.messages)
    for code, level in fsiii_levels.items():
        if fsiii_code(code) is None:
            errors.setdefault("fsiii", []).append(_("Ukendt FSIII-kode %s.") % code)
        elif level not in LEVELS:
            errors.setdefault("fsiii", []).append(_("FSIII-niveau skal være 0-4 eller 9."))
    blocked = status_report_blocked_reasons(course, closing_talk_on)
    if send_to_gp and "gp" in blocked:
        errors["send_to_gp"] = [blocked["gp"]]
    if send_to_hospital and "hospital" in blocked:
        errors["send_to_hospital"] = [blocked["hospital"]]
    if errors:
        raise ValidationError(errors)


def _mark_open_goals_reached(user: User, course: Course, on: datetime.date) -> None:
    """Closing because the goals are reached says so of every goal not yet evaluated otherwise:
    the status report must not call such a goal active."""
    for goal in course.goals.filter(status=GoalStatus.ACTIVE):
        goal_evaluate(
            user=user,
            goal=goal,
            evaluated_on=max(on, goal.set_on),
            status=GoalStatus.ACHIEVED,
            text=_("Nået ved afslutningen af forløbet."),
        )


def _record_end_values(
    user: User, course: Course, on: datetime.date, end_values: dict[str, Any]
) -> None:
    for code, value in end_values.items():
        measurement_record(
            user=user,
            course=course,
            test_code=code,
            value=value,
            phase=MeasurementPhase.END,
            measured_on=on,
        )


def _record_closing_assessment(
    user: User, course: Course, on: datetime.date, fsiii_levels: dict[str, int]
) -> None:
    if not fsiii_levels:
        return
    assessment = Assessment.objects.create(
        citizen=course.citizen,
        referral=course.referral,
        course=course,
        phase=AssessmentPhase.CLOSING,
        assessed_on=on,
        assessed_by=user,
    )
    for code, level in fsiii_levels.items():
        concept = fsiii_code(code)
        AssessmentItem.objects.create(
            assessment=assessment, code=concept.code, label=concept.display, level=level
        )


def _record_closing_talk(user: User, course: Course, on: datetime.date, closing_note: str) -> None:
    talk = [
        _("Afslutningssamtale %s.") % format_danish_date(on),
        _("Selvtræningsprogram: %s") % (course.self_training_programme or "–"),
        _("Træner videre: %s") % (course.continue_training_at or "–"),
        EQUIPMENT_TEXT[course.equipment_returned],
    ]
    programme = current_programme(course)
    if programme is not None and programme.handed_over_on == on:
        talk.append(_("Hjemmetræningsprogram udleveret (%s):") % programme_heading(programme))
        talk.extend(programme_summary(programme))
    if closing_note.strip():
        talk.append(closing_note.strip())
    ClinicalNote.objects.create(
        citizen=course.citizen,
        course=course,
        kind=NoteKind.CLOSING,
        text="\n".join(talk),
        author=user,
    )
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=course.citizen,
        target=course,
        summary=_("Afslutningssamtale registreret"),
        changes={
            "closing_talk_on": on.isoformat(),
            "equipment_returned": course.equipment_returned,
            "open_goals": course.goals.filter(status=GoalStatus.ACTIVE).count(),
        },
    )
