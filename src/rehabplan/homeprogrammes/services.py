"""Every write of home programmes: a new version, a version from a template, the weekly count of
sessions done at home, and the hand-over at the closing talk.

Each function checks its input with Danish messages, writes in one transaction under the
course's row lock and appends to the audit log.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import OPEN_COURSE_STATUSES, Course, CourseStatus
from rehabplan.exercises.dosage import (
    MAX_LOAD_LENGTH,
    MAX_MINUTES,
    MAX_PER_WEEK,
    MAX_REPETITIONS,
    MAX_REST_SECONDS,
    MAX_SECONDS,
    MAX_SETS,
    Dosage,
)
from rehabplan.exercises.library import Library, default_library
from rehabplan.exercises.templates import Templates, default_templates
from rehabplan.formats.text import day_text
from rehabplan.homeprogrammes.models import (
    MAX_SESSIONS_PER_WEEK,
    AdherenceSource,
    AdherenceWeek,
    HomeProgramme,
    HomeProgrammeExercise,
    VersionReason,
)
from rehabplan.planning.calendar import monday_of

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

MAX_NOTE_LENGTH = 2000
MAX_REASON_TEXT_LENGTH = 1000
MAX_LINE_NOTE_LENGTH = 300
MAX_SOURCE_LABEL_LENGTH = 120
MAX_EXERCISES = 30
# How long after closing the citizen or the therapist may still record weeks trained at home.
RECENTLY_CLOSED_DAYS = 28

_DOSAGE_LIMITS = (
    ("sets", MAX_SETS, "Sæt"),
    ("repetitions", MAX_REPETITIONS, "Gentagelser"),
    ("seconds", MAX_SECONDS, "Sekunder"),
    ("minutes", MAX_MINUTES, "Minutter"),
    ("rest_seconds", MAX_REST_SECONDS, "Pause"),
    ("per_week", MAX_PER_WEEK, "Gange om ugen"),
)


@dataclass(frozen=True)
class ProgrammeLine:
    """One exercise of a programme being saved: the library's key, the dosage and a short note."""

    exercise_key: str
    dosage: Dosage
    note: str = ""


def _lock_course(course: Course) -> Course:
    """The course row, locked until the transaction ends: writers of one course take turns."""
    return Course.objects.select_for_update().get(pk=course.pk)


def _check_same_municipality(user: User, course: Course) -> None:
    if user.municipality_id != course.municipality_id:
        raise PermissionDenied(_("Forløbet hører til en anden kommune."))


def line_problems(line: ProgrammeLine, library: Library) -> list[str]:
    """Danish reasons one line cannot be saved, each naming the exercise."""
    exercise = library.get(line.exercise_key)
    if exercise is None:
        return [_("Øvelsen findes ikke i øvelsesbiblioteket.")]
    problems = []
    dosage = line.dosage
    for field, maximum, label in _DOSAGE_LIMITS:
        value = getattr(dosage, field)
        if value is not None and not 1 <= value <= maximum:
            problems.append(
                _("%(label)s skal være mellem 1 og %(maximum)d.")
                % {"label": label, "maximum": maximum}
            )
    if len(dosage.load) > MAX_LOAD_LENGTH:
        problems.append(_("Belastning må højst have %d tegn.") % MAX_LOAD_LENGTH)
    if len(line.note) > MAX_LINE_NOTE_LENGTH:
        problems.append(_("Bemærkningen må højst have %d tegn.") % MAX_LINE_NOTE_LENGTH)
    problems.extend(dosage.problems())
    return [f"{exercise.name}: {problem}" for problem in problems]


def _check_lines(lines: list[ProgrammeLine], library: Library) -> list[str]:
    if not lines:
        return [_("Programmet skal have mindst én øvelse.")]
    if len(lines) > MAX_EXERCISES:
        return [_("Et program kan højst have %d øvelser.") % MAX_EXERCISES]
    problems = []
    seen = set()
    for line in lines:
        if line.exercise_key in seen:
            exercise = library.get(line.exercise_key)
            problems.append(_("%s står to gange i programmet.") % exercise.name)
        seen.add(line.exercise_key)
        problems.extend(line_problems(line, library))
    return problems


def _check_programme(
    *,
    course: Course,
    lines: list[ProgrammeLine],
    start_on: datetime.date | None,
    per_week: int | None,
    note: str,
    reason: str,
    reason_text: str,
    library: Library,
) -> None:
    """Every problem at once, keyed by the builder's field names, before anything is written."""
    errors: dict[str, list[str]] = {}
    if course.status not in OPEN_COURSE_STATUSES:
        errors.setdefault("__all__", []).append(
            _("Forløbet er afsluttet; programmet kan ikke ændres.")
        )
    problems = _check_lines(lines, library)
    if problems:
        errors["exercises"] = problems
    if start_on is None:
        errors["start_on"] = [_("Angiv startdato.")]
    elif course.start_on and start_on < course.start_on:
        errors["start_on"] = [
            _("Programmet kan ikke starte før forløbet (%s).") % day_text(course.start_on)
        ]
    if per_week is None or not 1 <= per_week <= MAX_SESSIONS_PER_WEEK:
        errors["per_week"] = [_("Træningsgange om ugen skal være mellem 1 og 14.")]
    if len(note) > MAX_NOTE_LENGTH:
        errors["note"] = [_("Beskeden må højst have %d tegn.") % MAX_NOTE_LENGTH]
    if reason not in VersionReason.values:
        errors["reason"] = [_("Vælg årsagen til programmet.")]
    if len(reason_text) > MAX_REASON_TEXT_LENGTH:
        errors["reason_text"] = [_("Begrundelsen må højst have %d tegn.") % MAX_REASON_TEXT_LENGTH]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_create_version(
    *,
    course: Course,
    user: User,
    lines: list[ProgrammeLine],
    start_on: datetime.date,
    per_week: int,
    note: str,
    reason: str,
    reason_text: str = "",
    source_label: str = "",
    library: Library | None = None,
) -> HomeProgramme:
    """A new version of the course's home programme; older versions stay as they were. The
    version number is taken under the course's row lock, so two saves get n and n+1."""
    _check_same_municipality(user, course)
    library = library or default_library()
    course = _lock_course(course)
    note, reason_text = note.strip(), reason_text.strip()
    _check_programme(
        course=course,
        lines=lines,
        start_on=start_on,
        per_week=per_week,
        note=note,
        reason=reason,
        reason_text=reason_text,
        library=library,
    )
    latest = course.home_programmes.order_by("-version").values_list("version", flat=True).first()
    programme = HomeProgramme.objects.create(
        course=course,
        municipality_id=course.municipality_id,
        version=(latest or 0) + 1,
        start_on=start_on,
        per_week=per_week,
        note=note,
        reason=reason,
        reason_text=reason_text,
        source_label=source_label.strip()[:MAX_SOURCE_LABEL_LENGTH],
        created_by=user,
    )
    HomeProgrammeExercise.objects.bulk_create(
        HomeProgrammeExercise(
            programme=programme,
            exercise_key=line.exercise_key,
            order=order,
            sets=line.dosage.sets,
            repetitions=line.dosage.repetitions,
            seconds=line.dosage.seconds,
            minutes=line.dosage.minutes,
            load=line.dosage.load.strip(),
            rest_seconds=line.dosage.rest_seconds,
            per_week=line.dosage.per_week,
            note=line.note.strip(),
        )
        for order, line in enumerate(lines, start=1)
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=course.citizen,
        target=programme,
        summary=_("Hjemmetræningsprogram version %d oprettet") % programme.version,
        changes={
            "version": programme.version,
            "reason": reason,
            "per_week": per_week,
            # Names, not keys: the audit log is read by staff.
            "exercises": [library.require(line.exercise_key).name for line in lines],
        },
    )
    return programme


def template_lines(template_key: str, templates: Templates | None = None) -> list[ProgrammeLine]:
    template = (templates or default_templates()).get(template_key)
    if template is None:
        raise ValidationError({"template": [_("Skabelonen findes ikke.")]})
    return [ProgrammeLine(item.key, item.dosage, item.note) for item in template.exercises]


def programme_from_template(
    *,
    course: Course,
    user: User,
    template_key: str,
    start_on: datetime.date,
    reason: str = VersionReason.FIRST,
    reason_text: str = "",
    per_week: int | None = None,
    note: str | None = None,
    templates: Templates | None = None,
    library: Library | None = None,
) -> HomeProgramme:
    """A new version with a template's exercises, dosage, weekly target and note."""
    templates = templates or default_templates()
    lines = template_lines(template_key, templates)
    template = templates.get(template_key)
    return programme_create_version(
        course=course,
        user=user,
        lines=lines,
        start_on=start_on,
        per_week=per_week or template.per_week,
        note=template.note if note is None else note,
        reason=reason,
        reason_text=reason_text,
        source_label=template.name,
        library=library,
    )


def _adherence_problems(
    course: Course, week_start: datetime.date, sessions_done: int, today: datetime.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not 0 <= sessions_done <= MAX_SESSIONS_PER_WEEK:
        errors["sessions_done"] = [_("Antal træningsgange skal være mellem 0 og 14.")]
    if week_start.weekday() != 0:
        errors["week_start"] = [_("Ugen skal begynde en mandag.")]
    elif week_start > monday_of(today):
        errors["week_start"] = [_("Ugen er ikke begyndt endnu.")]
    first = course.home_programmes.order_by("version").first()
    if first is None:
        errors["__all__"] = [_("Forløbet har ikke et hjemmetræningsprogram.")]
    elif week_start + datetime.timedelta(days=6) < first.start_on:
        errors.setdefault("week_start", []).append(
            _("Ugen ligger før hjemmetræningsprogrammet begyndte (%s).") % day_text(first.start_on)
        )
    if not adherence_open(course, today):
        errors.setdefault("__all__", []).append(
            _("Forløbet er afsluttet; træning hjemme kan ikke længere registreres.")
        )
    return errors


def adherence_open(course: Course, today: datetime.date | None = None) -> bool:
    """Weeks may be recorded while the course is open and four weeks after it closed."""
    today = today or timezone.localdate()
    if course.status in OPEN_COURSE_STATUSES:
        return True
    return (
        course.status == CourseStatus.CLOSED
        and course.ended_on is not None
        and today - course.ended_on <= datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
    )


@transaction.atomic
def adherence_record(
    *,
    course: Course,
    week_start: datetime.date,
    sessions_done: int,
    by_user: User | None = None,
    by_citizen: bool = False,
    actor_name: str = "",
) -> AdherenceWeek:
    """The number of times the citizen trained at home in the week from `week_start` (a
    Monday); a later record of the same week replaces the count. Staff or the citizen
    (`actor_name`: the audit log's name for the citizen's login)."""
    if by_citizen == (by_user is not None):
        raise ValueError("exactly one of by_user and by_citizen")
    if by_user is not None:
        _check_same_municipality(by_user, course)
    course = _lock_course(course)
    today = timezone.localdate()
    errors = _adherence_problems(course, week_start, sessions_done, today)
    if errors:
        raise ValidationError(errors)
    week = AdherenceWeek.objects.filter(course=course, week_start=week_start).first()
    before = week.sessions_done if week else None
    if week is None:
        week = AdherenceWeek(course=course, municipality_id=course.municipality_id)
        week.week_start = week_start
    week.sessions_done = sessions_done
    week.source = AdherenceSource.CITIZEN if by_citizen else AdherenceSource.STAFF
    week.recorded_by = by_user
    week.recorded_at = timezone.now()
    week.save()
    citizen = course.citizen
    audit_record(
        user=by_user,
        user_name=(actor_name or _("borgeren selv")) if by_citizen else "",
        action=AuditAction.CHANGE if before is not None else AuditAction.CREATE,
        citizen=citizen,
        target=week,
        summary=_("Træning hjemme registreret for ugen fra %s") % day_text(week_start),
        changes={"sessions_done": [before, sessions_done]},
    )
    return week


@transaction.atomic
def programme_hand_over(*, course: Course, user: User, on: datetime.date) -> HomeProgramme | None:
    """Mark the course's current programme as handed over to the citizen at the closing talk;
    None when the course has no programme."""
    _check_same_municipality(user, course)
    course = _lock_course(course)
    programme = course.home_programmes.order_by("-version").first()
    if programme is None:
        return None
    if programme.start_on > on:
        raise ValidationError(
            {"closing_talk_on": [_("Hjemmeprogrammet begynder først efter afslutningssamtalen.")]}
        )
    programme.handed_over_on = on
    programme.save(update_fields=["handed_over_on"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=course.citizen,
        target=programme,
        summary=_("Hjemmetræningsprogram version %d udleveret ved afslutningen")
        % programme.version,
        changes={"handed_over_on": [None, on.isoformat()]},
    )
    return programme
