"""Assigning a training package to a citizen's course, and the course following it.

A course follows at most one package (`CoursePackage`, one per course). Choosing another later
moves the old choice to `CoursePackageHistory` and keeps everything done under it (goals, tests,
sessions). The course row is locked first, so two staff choosing at once are served one after
the other: one row, the second choice replacing the first with a history row. On assignment the
course's plan takes the package's plan and, when the course has no planned end, its end; the
first home programme is made from the package's home exercises where that is possible.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import OPEN_COURSE_STATUSES, Course, DeliveryType, SessionKind
from rehabplan.courses.services.sessions import session_book
from rehabplan.exercises.packages import TrainingPackage
from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, PHASES
from rehabplan.homeprogrammes.models import HomeProgramme, VersionReason
from rehabplan.homeprogrammes.services import ProgrammeLine, programme_create_version
from rehabplan.organisation.models import TeamClass
from rehabplan.trainingpackages.models import ClassPackage, CoursePackage, CoursePackageHistory
from rehabplan.trainingpackages.selectors.options import (
    PackageOption,
    choice_label,
    chosen_package,
    package_option,
    target_group_misses,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

REASON_MAX_LENGTH = 1000
HISTORY_FIELDS = (
    "municipality_id", "package_key", "national_version", "local_version_id", "package_name",
    "dementia_type", "phase", "living", "outside_target_group", "deviation_reason",
    "chosen_by_id", "chosen_at",
)  # fmt: skip


def package_plan_text(package: TrainingPackage, label: str) -> str:
    """The package's plan in Danish: its name, extent, intensity and organisation."""
    organisation = package.organisation
    lines = [
        _("Træningspakke: %(name)s") % {"name": label},
        _("%(weeks)d uger, %(sessions)d gange om ugen à %(minutes)d minutter.")
        % {
            "weeks": package.weeks,
            "sessions": package.sessions_per_week,
            "minutes": package.minutes_per_session,
        },
        _("Intensitet: %(intensity)s") % {"intensity": package.intensity},
        _("Organisering: %(model)s. %(description)s")
        % {"model": organisation.model_label, "description": organisation.description},
    ]
    return "\n".join(lines)


def _check_target_group(
    dementia_type: str, phase: str, living: str, errors: dict[str, list[str]]
) -> None:
    for name, value, choices, message in (
        ("dementia_type", dementia_type, DEMENTIA_TYPES, _("Vælg borgerens demenstype.")),
        ("phase", phase, PHASES, _("Vælg sygdommens fase.")),
        ("living", living, LIVING, _("Vælg, hvor borgeren bor.")),
    ):
        if value not in choices:
            errors[name] = [message]


def _check_fit(
    option: PackageOption,
    target: tuple[str, str, str],
    deviate: bool,
    reason: str,
    errors: dict[str, list[str]],
) -> None:
    dementia_type, phase, living = target
    misses = target_group_misses(
        option.package, dementia_type=dementia_type, phase=phase, living=living
    )
    if misses and not deviate:
        errors["package"] = [
            _(
                "Borgeren er uden for pakkens målgruppe (%(parts)s). Vælg en anden pakke, eller "
                "sæt kryds i \u201dFravig målgruppen\u201d og skriv hvorfor."
            )
            % {"parts": ", ".join(misses)}
        ]
    elif misses and not reason:
        errors["deviation_reason"] = [_("Skriv, hvorfor målgruppen fraviges.")]
    elif len(reason) > REASON_MAX_LENGTH:
        errors["deviation_reason"] = [
            _("Begrundelsen må højst være %(max)d tegn.") % {"max": REASON_MAX_LENGTH}
        ]


def _require_open(course: Course) -> None:
    if course.status not in OPEN_COURSE_STATUSES:
        raise ValidationError(
            _("Forløbet er %(status)s; der kan ikke vælges en træningspakke.")
            % {"status": course.get_status_display().lower()},
            code="course_not_open",
        )


def _locked_course(user: User, course: Course) -> Course:
    """The course row, locked until the transaction ends; refused outside the user's
    municipality."""
    locked = Course.objects.for_user(user).select_for_update().filter(pk=course.pk).first()
    if locked is None:
        raise ValidationError(_("Forløbet findes ikke."), code="not_found")
    return locked


def _keep_history(user: User, current: CoursePackage) -> None:
    CoursePackageHistory.objects.create(
        course_id=current.course_id,
        replaced_by=user,
        **{name: getattr(current, name) for name in HISTORY_FIELDS},
    )


def _follow_plan(course: Course, plan: str, previous_plan: str) -> list[str]:
    """The package's plan into the course's plan (in place of the previous package's plan, else
    after what the therapist wrote), and the planned end from the start when not set."""
    if previous_plan and previous_plan in course.plan_text:
        course.plan_text = course.plan_text.replace(previous_plan, plan)
    elif course.plan_text.strip():
        course.plan_text = f"{course.plan_text.rstrip()}\n\n{plan}"
    else:
        course.plan_text = plan
    return ["plan_text"]


def _follow_end(course: Course, package: TrainingPackage) -> list[str]:
    if course.planned_end_on is None and course.start_on is not None:
        course.planned_end_on = course.start_on + datetime.timedelta(weeks=package.weeks)
        return ["planned_end_on"]
    return []


def home_programme_from_package(
    course: Course, package: TrainingPackage, user: User, label: str
) -> HomeProgramme | None:
    """The course's first home programme from the package's home exercises, when the package
    has some and the course has no programme yet; a programme the therapist made is kept."""
    home = package.home_exercises()
    if not home or course.home_programmes.exists():
        return None
    start_on = max(filter(None, (course.start_on, timezone.localdate())))
    per_week = max((exercise.dosage.per_week or 0 for exercise in home), default=0)
    return programme_create_version(
        course=course,
        user=user,
        lines=[ProgrammeLine(exercise.key, exercise.dosage) for exercise in home],
        start_on=start_on,
        per_week=per_week or package.sessions_per_week,
        note=_("Øvelserne er fra træningspakken »%s«; lav dem mellem træningerne.") % label,
        reason=VersionReason.FIRST,
        source_label=label,
    )


@transaction.atomic
def course_package_assign(
    *,
    user: User,
    course: Course,
    package_ref: str,
    dementia_type: str,
    phase: str,
    living: str,
    deviate: bool = False,
    deviation_reason: str = "",
) -> CoursePackage:
    """Choose the package the course follows for a citizen of this dementia type, phase and
    living; a package outside the target group only with `deviate` and a reason."""
    course = _locked_course(user, course)
    _require_open(course)
    errors: dict[str, list[str]] = {}
    _check_target_group(dementia_type, phase, living, errors)
    option = package_option(course.municipality_id, package_ref)
    reason = deviation_reason.strip()
    if option is None:
        errors["package"] = [_("Vælg en af de viste træningspakker.")]
    elif not errors:
        _check_fit(option, (dementia_type, phase, living), deviate, reason, errors)
    if errors:
        raise ValidationError(errors)
    assert option is not None
    outside = not option.fits(dementia_type=dementia_type, phase=phase, living=living)
    current = CoursePackage.objects.filter(course=course).select_related("local_version").first()
    previous_plan = ""
    if current is not None:
        previous_plan = _previous_plan(current)
        _keep_history(user, current)
    choice = current or CoursePackage(course=course, municipality_id=course.municipality_id)
    _fill_choice(choice, option, user)
    choice.dementia_type, choice.phase, choice.living = dementia_type, phase, living
    choice.outside_target_group = outside
    choice.deviation_reason = reason if outside else ""
    if current is not None:
        choice.chosen_at = timezone.now()
    choice.save()
    plan = package_plan_text(option.package, option.label)
    fields = _follow_plan(course, plan, previous_plan) + _follow_end(course, option.package)
    course.save(update_fields=fields)
    home_programme_from_package(course, option.package, user, option.label)
    _audit_assignment(user, course, choice, current is not None)
    return choice


def _previous_plan(current: CoursePackage) -> str:
    package = chosen_package(current)
    return package_plan_text(package, choice_label(current)) if package is not None else ""


def _fill_choice(choice: CoursePackage | ClassPackage, option: PackageOption, user: User) -> None:
    local = option.local_version
    choice.package_key = local.local_package.national_key if local else option.package.key
    choice.national_version = local.national_version if local else option.package.version
    choice.local_version = local
    choice.package_name = option.label[:120]
    choice.chosen_by = user


def _audit_assignment(user: User, course: Course, choice: CoursePackage, replaced: bool) -> None:
    changes = {
        "package_name": choice.package_name,
        "dementia_type": choice.get_dementia_type_display(),
        "phase": choice.get_phase_display(),
        "living": choice.get_living_display(),
    }
    if choice.outside_target_group:
        changes["deviation_reason"] = choice.deviation_reason
    audit_record(
        user=user,
        action=AuditAction.CHANGE if replaced else AuditAction.CREATE,
        citizen=course.citizen,
        target=course,
        summary=(
            _("Træningspakke skiftet: %(name)s") if replaced else _("Træningspakke valgt: %(name)s")
        )
        % {"name": choice.package_name},
        changes=changes,
    )


def _next_class_day(team_class: TeamClass, first: datetime.date) -> datetime.date:
    weekdays = set(team_class.weekdays)
    day = first
    while day.weekday() not in weekdays:
        day += datetime.timedelta(days=1)
    return day


@transaction.atomic
def course_place_on_class(*, user: User, course: Course, team_class: TeamClass) -> None:
    """Put the course on a class running its package: the course becomes a team course of the
    class, and its first class date from its start (or today) is booked the usual way, so the
    class's seats are counted by the booking's own rule."""
    course = _locked_course(user, course)
    _require_open(course)
    choice = CoursePackage.objects.filter(course=course).first()
    runs = ClassPackage.objects.of_municipality(course.municipality_id).filter(
        team_class=team_class, team_class__active=True
    )
    if (
        choice is None
        or not runs.filter(
            package_key=choice.package_key, local_version_id=choice.local_version_id
        ).exists()
    ):
        raise ValidationError(
            {"team_class": [_("Vælg et af de hold, der kører forløbets træningspakke.")]}
        )
    first = max(course.start_on or timezone.localdate(), timezone.localdate())
    day = _next_class_day(team_class, first)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, team_class.starts_at))
    course.team_class = team_class
    course.delivery_type = DeliveryType.TEAM
    course.save(update_fields=["team_class", "delivery_type"])
    session_book(
        user=user,
        course=course,
        kind=SessionKind.TEAM,
        starts_at=starts_at,
        team_class=team_class,
        confirmed=True,
    )
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=course.citizen,
        target=course,
        summary=_("Forløbet er sat på holdet %(team)s, som kører træningspakken.")
        % {"team": team_class.name},
    )


def _class_in_municipality(user: User, team_class: TeamClass) -> None:
    if team_class.municipality_id != user.municipality_id:
        raise ValidationError(_("Holdet findes ikke."), code="not_found")


@transaction.atomic
def class_package_set(*, user: User, team_class: TeamClass, package_ref: str) -> ClassPackage:
    """The package a team class runs (one per class; a new choice replaces the old)."""
    _class_in_municipality(user, team_class)
    option = package_option(team_class.municipality_id, package_ref)
    if option is None:
        raise ValidationError({"package": [_("Vælg en af de viste træningspakker.")]})
    # The class row is the lock: with no package row yet there is nothing else to wait on, and
    # two first choices at once would both insert.
    TeamClass.objects.select_for_update().get(pk=team_class.pk)
    current = (
        ClassPackage.objects.of_municipality(team_class.municipality_id)
        .filter(team_class=team_class)
        .first()
    )
    before = current.package_name if current is not None else ""
    choice = current or ClassPackage(team_class=team_class, municipality_id=user.municipality_id)
    _fill_choice(choice, option, user)
    if current is not None:
        choice.chosen_at = timezone.now()
    choice.save()
    audit_record(
        user=user,
        action=AuditAction.CHANGE if current is not None else AuditAction.CREATE,
        municipality=team_class.municipality,
        target=team_class,
        summary=_("Holdet %(team)s kører træningspakken %(name)s")
        % {"team": team_class.name, "name": choice.package_name},
        changes={"package_name": [before, choice.package_name]},
    )
    return choice


@transaction.atomic
def class_package_clear(*, user: User, team_class: TeamClass) -> None:
    """The class runs no package any more; the courses placed on it keep theirs."""
    _class_in_municipality(user, team_class)
    current = (
        ClassPackage.objects.of_municipality(team_class.municipality_id)
        .select_for_update()
        .filter(team_class=team_class)
        .first()
    )
    if current is None:
        raise ValidationError(_("Holdet kører ingen træningspakke."), code="none")
    name = current.package_name
    current.delete()
    audit_record(
        user=user,
        action=AuditAction.DELETE,
        municipality=team_class.municipality,
        target=team_class,
        summary=_("Holdet %(team)s kører ikke længere træningspakken %(name)s")
        % {"team": team_class.name, "name": name},
        changes={"package_name": [name, ""]},
    )
