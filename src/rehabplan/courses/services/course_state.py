"""The course's state machine: one function per move, the same for screens and command line.

awaiting_start -> active (intake talk) -> proposed_for_ending -> active | closed
awaiting_start | active -> cancelled; active | proposed_for_ending -> closed.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.course_rules import termination_label, termination_reasons
from rehabplan.courses.models import (
    ClinicalNote,
    Course,
    CourseStatus,
    DeliveryType,
    NoteKind,
    Referral,
    ReferralStatus,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import TeamClass, Therapist

ALLOWED_MOVES: dict[str, dict[str, tuple[str, ...]]] = {
    "start": {"from": (CourseStatus.AWAITING_START,), "to": (CourseStatus.ACTIVE,)},
    "propose_ending": {"from": (CourseStatus.ACTIVE,), "to": (CourseStatus.PROPOSED_FOR_ENDING,)},
    "continue": {"from": (CourseStatus.PROPOSED_FOR_ENDING,), "to": (CourseStatus.ACTIVE,)},
    "close": {
        "from": (CourseStatus.ACTIVE, CourseStatus.PROPOSED_FOR_ENDING),
        "to": (CourseStatus.CLOSED,),
    },
    "cancel": {
        "from": (CourseStatus.AWAITING_START, CourseStatus.ACTIVE),
        "to": (CourseStatus.CANCELLED,),
    },
}
MOVE_NAMES = {
    "start": "startes",
    "propose_ending": "foreslås afsluttet",
    "continue": "fortsætte",
    "close": "afsluttes",
    "cancel": "annulleres",
}


def can_move(course: Course, move: str) -> bool:
    return course.status in ALLOWED_MOVES[move]["from"]


def _require_move(course: Course, move: str) -> None:
    if not can_move(course, move):
        raise ValidationError(
            _("Forløbet kan ikke %(move)s, fordi det har status '%(status)s'.")
            % {"move": MOVE_NAMES[move], "status": course.get_status_display()},
            code="illegal_move",
        )


def _audit_change(*, user: User, course: Course, summary: str, changes: dict[str, Any]) -> None:
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=course.citizen,
        target=course,
        summary=summary,
        changes=changes,
    )


@transaction.atomic
def course_create(
    *,
    user: User,
    referral: Referral,
    therapist: Therapist | None = None,
    team_class: TeamClass | None = None,
    start_on: datetime.date | None = None,
) -> Course:
    """A course for a granted or planned referral, awaiting its intake talk."""
    if referral.status not in (ReferralStatus.GRANTED, ReferralStatus.PLANNED):
        raise ValidationError(
            _("Der kan kun oprettes forløb for en bevilget eller planlagt henvisning (status: %s).")
            % referral.get_status_display(),
            code="not_granted",
        )
    if Course.objects.filter(referral=referral).exists():
        raise ValidationError(_("Henvisningen har allerede et forløb."), code="exists")
    for name, item in (("therapist", therapist), ("team_class", team_class)):
        if item is not None and item.municipality_id != referral.municipality_id:
            raise ValidationError({name: [_("Hører til en anden kommune.")]})
    if team_class is not None and therapist is None:
        therapist = team_class.therapist
    course = Course.objects.create(
        municipality=referral.municipality,
        citizen=referral.citizen,
        referral=referral,
        service_code=referral.service_code,
        therapist=therapist,
        team_class=team_class,
        delivery_type=DeliveryType.TEAM if team_class else DeliveryType.INDIVIDUAL,
        level=(team_class.level if team_class else referral.gop_level) or "",
        start_on=start_on,
        standard_version=termination_reasons_version(referral),
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=course.citizen,
        target=course,
        summary=_("Forløb oprettet: %s") % course.service_name,
    )
    return course


def termination_reasons_version(referral: Referral) -> str:
    stored = referral.deadlines.first()
    return stored.standard_version if stored else ""


@transaction.atomic
def course_start(
    *,
    user: User,
    course: Course,
    intake_on: datetime.date,
    note: str,
    plan_text: str = "",
) -> Course:
    """The intake talk and examination (opstartssamtale / forundersøgelse) starts the course."""
    _require_move(course, "start")
    errors: dict[str, list[str]] = {}
    if not note.strip():
        errors["note"] = [_("Skriv et notat fra opstartssamtalen.")]
    if course.referral is not None and intake_on < course.referral.received_on:
        errors["intake_on"] = [_("Opstartssamtalen kan ikke ligge før henvisningen blev modtaget.")]
    if errors:
        raise ValidationError(errors)
    before = {"status": course.status, "intake_on": course.intake_on}
    course.status = CourseStatus.ACTIVE
    course.intake_on = intake_on
    course.start_on = (
        course.start_on if course.start_on and course.start_on < intake_on else intake_on
    )
    course.plan_text = plan_text.strip()
    course.save(update_fields=["status", "intake_on", "start_on", "plan_text"])
    ClinicalNote.objects.create(
        citizen=course.citizen, course=course, kind=NoteKind.INTAKE, text=note.strip(), author=user
    )
    _audit_change(
        user=user,
        course=course,
        summary=_("Opstartssamtale registreret; forløbet er i gang"),
        changes={
            "status": [before["status"], course.status],
            "intake_on": [str(before["intake_on"] or ""), intake_on.isoformat()],
        },
    )
    return course


@transaction.atomic
def course_update_plan(*, user: User, course: Course, plan_text: str) -> Course:
    if course.status in (CourseStatus.CLOSED, CourseStatus.CANCELLED):
        raise ValidationError(_("Planen for et afsluttet forløb kan ikke ændres."))
    old = course.plan_text
    course.plan_text = plan_text.strip()
    course.save(update_fields=["plan_text"])
    _audit_change(
        user=user,
        course=course,
        summary=_("Plan for forløbet ændret"),
        changes={"plan_text": [len(old), len(course.plan_text)]},
    )
    return course


@transaction.atomic
def course_set_blocked_weekdays(*, user: User, course: Course, weekdays: list[int]) -> Course:
    """The weekdays the citizen cannot train; the planner books none of them."""
    if course.status in (CourseStatus.CLOSED, CourseStatus.CANCELLED):
        raise ValidationError(_("Et afsluttet forløb kan ikke ændres."))
    cleaned = sorted({int(day) for day in weekdays})
    if any(day < 0 or day > 6 for day in cleaned):
        raise ValidationError({"weekdays": [_("Ugedage skal være mandag til søndag.")]})
    if len(cleaned) == 7:
        raise ValidationError({"weekdays": [_("Borgeren skal kunne træne mindst én dag.")]})
    old = list(course.blocked_weekdays)
    course.blocked_weekdays = cleaned
    course.save(update_fields=["blocked_weekdays"])
    _audit_change(
        user=user,
        course=course,
        summary=_("Ugedage borgeren ikke kan træne ændret"),
        changes={"blocked_weekdays": [old, cleaned]},
    )
    return course


@transaction.atomic
def course_propose_ending(*, user: User, course: Course, reason: str) -> Course:
    """Propose the course for ending (e.g. the standard's no-show rule is met); staff decide."""
    _require_move(course, "propose_ending")
    if not reason.strip():
        raise ValidationError({"reason": [_("Skriv hvorfor forløbet foreslås afsluttet.")]})
    course.status = CourseStatus.PROPOSED_FOR_ENDING
    course.ending_proposed_reason = reason.strip()[:300]
    course.save(update_fields=["status", "ending_proposed_reason"])
    _audit_change(
        user=user,
        course=course,
        summary=_("Forløbet foreslået afsluttet: %s") % course.ending_proposed_reason,
        changes={"status": [CourseStatus.ACTIVE, course.status]},
    )
    return course


@transaction.atomic
def course_continue(*, user: User, course: Course, reason: str) -> Course:
    """The therapist decides to continue a course proposed for ending; the reason is kept."""
    _require_move(course, "continue")
    if not reason.strip():
        raise ValidationError({"reason": [_("Skriv hvorfor forløbet fortsætter.")]})
    proposed = course.ending_proposed_reason
    course.status = CourseStatus.ACTIVE
    course.ending_proposed_reason = ""
    course.save(update_fields=["status", "ending_proposed_reason"])
    ClinicalNote.objects.create(
        citizen=course.citizen,
        course=course,
        kind=NoteKind.GENERAL,
        text=_(
            "Forløbet fortsætter trods forslag om afslutning (%(proposed)s). "
            "Begrundelse: %(reason)s"
        )
        % {"proposed": proposed, "reason": reason.strip()},
        author=user,
    )
    _audit_change(
        user=user,
        course=course,
        summary=_("Forløbet fortsætter: %s") % reason.strip(),
        changes={"status": [CourseStatus.PROPOSED_FOR_ENDING, course.status]},
    )
    return course


@transaction.atomic
def course_close(
    *,
    user: User,
    course: Course,
    ended_on: datetime.date,
    end_reason: str,
    end_reason_note: str = "",
) -> Course:
    """Close the course with an end reason from the municipality's standard."""
    _require_move(course, "close")
    errors: dict[str, list[str]] = {}
    codes = [reason.code for reason in termination_reasons(course).reasons]
    if end_reason not in codes:
        errors["end_reason"] = [
            _("Vælg en afslutningsårsag fra standarden (%s).") % ", ".join(codes)
            if codes
            else _("Standarden angiver ingen afslutningsårsager.")
        ]
    if course.start_on and ended_on < course.start_on:
        errors["ended_on"] = [_("Forløbet kan ikke slutte før det startede.")]
    if errors:
        raise ValidationError(errors)
    before = course.status
    course.status = CourseStatus.CLOSED
    course.ended_on = ended_on
    course.end_reason = end_reason
    course.end_reason_note = end_reason_note.strip()
    course.save(update_fields=["status", "ended_on", "end_reason", "end_reason_note"])
    _audit_change(
        user=user,
        course=course,
        summary=_("Forløbet afsluttet: %s") % termination_label(course, end_reason),
        changes={
            "status": [before, course.status],
            "ended_on": [None, ended_on.isoformat()],
            "end_reason": ["", end_reason],
        },
    )
    return course


@transaction.atomic
def course_cancel(*, user: User, course: Course, reason: str) -> Course:
    """Cancel a course that should not run (e.g. registered by mistake, citizen declines)."""
    _require_move(course, "cancel")
    if not reason.strip():
        raise ValidationError({"reason": [_("Skriv hvorfor forløbet annulleres.")]})
    before = course.status
    course.status = CourseStatus.CANCELLED
    course.end_reason_note = reason.strip()
    course.save(update_fields=["status", "end_reason_note"])
    _audit_change(
        user=user,
        course=course,
        summary=_("Forløbet annulleret: %s") % reason.strip()[:200],
        changes={"status": [before, course.status]},
    )
    return course
