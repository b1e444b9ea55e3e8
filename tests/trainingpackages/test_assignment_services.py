"""Assigning a training package to a course: the choice, the target group, the course following
the package, changing it later, and another municipality kept out."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import Course, CourseStatus
from rehabplan.courses.services.goals import goal_create
from rehabplan.trainingpackages.models import CoursePackage, CoursePackageHistory
from rehabplan.trainingpackages.selectors.options import package_options
from rehabplan.trainingpackages.services.assignment import course_package_assign

RECEIVED = datetime.date(2026, 8, 3)
START = datetime.date(2026, 8, 10)
FITS = {"dementia_type": "alzheimers", "phase": "mild", "living": "home"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(demo_unit, catalogue):
    course = demo_unit.course("SEL86-1", received_on=RECEIVED)
    Course.objects.filter(pk=course.pk).update(start_on=START, planned_end_on=None)
    course.refresh_from_db()
    return course


def _assign(unit, course, ref="national:aerobic_mild", user=None, **fields):
    return course_package_assign(
        user=user or unit.therapist_user, course=course, package_ref=ref, **{**FITS, **fields}
    )


def test_a_matching_package_is_stored_and_the_course_takes_its_plan_and_end(demo_unit, course):
    choice = _assign(demo_unit, course)

    assert CoursePackage.objects.get(course=course) == choice
    assert (choice.package_key, choice.national_version, choice.local_version) == (
        "aerobic_mild", 1, None,
    )  # fmt: skip
    assert choice.package_name == "Konditionstræning ved let demens"
    assert not choice.outside_target_group
    course.refresh_from_db()
    assert course.plan_text.startswith("Styrke og balance.\n\nTræningspakke: Kondition")
    assert "16 uger, 3 gange om ugen à 60 minutter." in course.plan_text
    assert "Intensitet: 70-80 % af maksimal puls." in course.plan_text
    assert (
        "Organisering: Hold i træningscentret. Hold i træningscentret med otte" in course.plan_text
    )
    assert course.planned_end_on == START + datetime.timedelta(weeks=16)
    entry = AuditEntry.objects.filter(citizen_id=course.citizen_id, object_id=str(course.pk))
    assert entry.filter(
        action=AuditAction.CREATE, summary="Træningspakke valgt: Konditionstræning ved let demens"
    ).exists()


def test_a_planned_end_already_set_is_kept(demo_unit, course):
    Course.objects.filter(pk=course.pk).update(planned_end_on=START + datetime.timedelta(days=30))
    course.refresh_from_db()
    _assign(demo_unit, course)
    course.refresh_from_db()
    assert course.planned_end_on == START + datetime.timedelta(days=30)


@pytest.mark.parametrize("status", [CourseStatus.CLOSED, CourseStatus.CANCELLED])
def test_a_closed_or_cancelled_course_is_refused_and_nothing_is_written(demo_unit, course, status):
    Course.objects.filter(pk=course.pk).update(status=status)
    course.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        _assign(demo_unit, course)
    assert error.value.code == "course_not_open"
    assert "der kan ikke vælges en træningspakke" in error.value.messages[0]
    assert not CoursePackage.objects.exists()
    course.refresh_from_db()
    assert "Træningspakke" not in course.plan_text


def test_a_package_outside_the_target_group_is_refused_without_the_deviation(demo_unit, course):
    with pytest.raises(ValidationError) as error:
        _assign(demo_unit, course, phase="severe", living="care_home")
    assert error.value.message_dict["package"] == [
        "Borgeren er uden for pakkens målgruppe (fasen, boformen). Vælg en anden pakke, eller "
        "sæt kryds i ”Fravig målgruppen” og skriv hvorfor."
    ]
    assert not CoursePackage.objects.exists()


def test_the_deviation_needs_a_reason(demo_unit, course):
    with pytest.raises(ValidationError) as error:
        _assign(demo_unit, course, dementia_type="lewy_body", deviate=True, deviation_reason=" ")
    assert error.value.message_dict == {"deviation_reason": ["Skriv, hvorfor målgruppen fraviges."]}
    assert not CoursePackage.objects.exists()


def test_the_deviation_with_a_reason_is_stored(demo_unit, course):
    choice = _assign(
        demo_unit,
        course,
        dementia_type="lewy_body",
        deviate=True,
        deviation_reason="Lægen anbefaler kondition trods diagnosen.",
    )
    assert choice.outside_target_group
    assert choice.deviation_reason == "Lægen anbefaler kondition trods diagnosen."


def test_a_deviation_ticked_for_a_matching_package_stores_no_reason(demo_unit, course):
    choice = _assign(demo_unit, course, deviate=True, deviation_reason="Unødvendig.")
    assert not choice.outside_target_group
    assert choice.deviation_reason == ""


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"dementia_type": "unknown"}, "dementia_type", "Vælg borgerens demenstype."),
        ({"phase": ""}, "phase", "Vælg sygdommens fase."),
        ({"living": "hotel"}, "living", "Vælg, hvor borgeren bor."),
        ({"ref": "national:nope"}, "package", "Vælg en af de viste træningspakker."),
        ({"ref": "lokal:abc"}, "package", "Vælg en af de viste træningspakker."),
    ],
)
def test_unknown_choices_get_a_danish_error(demo_unit, course, fields, field, message):
    with pytest.raises(ValidationError) as error:
        _assign(demo_unit, course, **fields)
    assert error.value.message_dict[field] == [message]


def test_changing_the_package_keeps_the_old_in_history_and_what_was_done(demo_unit, course):
    first = _assign(demo_unit, course)
    goal_create(user=demo_unit.therapist_user, course=course, text="Gå en tur.", set_on=START)
    second = _assign(
        demo_unit, course, ref="national:strength_moderate", user=demo_unit.visitator,
        dementia_type="vascular", phase="moderate",
    )  # fmt: skip

    assert second.pk == first.pk
    assert CoursePackage.objects.count() == 1
    assert second.package_key == "strength_moderate"
    assert second.chosen_by == demo_unit.visitator
    old = CoursePackageHistory.objects.get(course=course)
    assert (old.package_key, old.dementia_type, old.phase) == ("aerobic_mild", "alzheimers", "mild")
    assert (old.chosen_by, old.replaced_by) == (demo_unit.therapist_user, demo_unit.visitator)
    course.refresh_from_db()
    assert "Konditionstræning" not in course.plan_text
    assert course.plan_text.count("Træningspakke:") == 1
    assert "12 uger, 2 gange om ugen à 45 minutter." in course.plan_text
    assert course.goals.count() == 1
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE,
        citizen_id=course.citizen_id,
        summary="Træningspakke skiftet: Styrke og balance ved moderat demens",
    ).exists()


def test_a_local_version_is_offered_newest_only_and_named_after_its_origin(
    demo_unit, course, local_version
):
    labels = [option.label for option in package_options(demo_unit.municipality)]
    assert labels == [
        "Konditionstræning ved let demens",
        "Styrke og balance ved moderat demens",
        "Kondition i Demoby (lokal version 2 af Konditionstræning ved let demens)",
    ]
    choice = _assign(demo_unit, course, ref=f"lokal:{local_version.pk}", living="care_home")
    assert choice.local_version == local_version
    assert (choice.package_key, choice.national_version) == ("aerobic_mild", 1)
    assert not choice.outside_target_group  # the local version added care homes
    course.refresh_from_db()
    assert "10 uger" in course.plan_text


def test_another_municipality_cannot_assign_to_the_course(demo_unit, varde, course):
    with pytest.raises(ValidationError) as error:
        _assign(demo_unit, course, user=varde.therapist_user)
    assert error.value.code == "not_found"
    assert not CoursePackage.objects.exists()


def test_another_municipality_cannot_use_a_local_version(demo_unit, varde, local_version):
    course = varde.course("SEL86-1", received_on=RECEIVED)
    assert [o.label for o in package_options(varde.municipality)] == [
        "Konditionstræning ved let demens",
        "Styrke og balance ved moderat demens",
    ]
    with pytest.raises(ValidationError) as error:
        _assign(varde, course, ref=f"lokal:{local_version.pk}", user=varde.therapist_user)
    assert error.value.message_dict["package"] == ["Vælg en af de viste træningspakker."]
    assert not CoursePackage.objects.exists()


def test_a_deviation_reason_is_at_most_a_thousand_characters(demo_unit, course):
    with pytest.raises(ValidationError) as error:
        _assign(demo_unit, course, phase="severe", deviate=True, deviation_reason="x" * 1001)
    assert error.value.message_dict == {
        "deviation_reason": ["Begrundelsen må højst være 1000 tegn."]
    }
    assert not CoursePackage.objects.exists()


def test_the_course_gets_its_first_home_programme_from_the_package(demo_unit, course):
    _assign(demo_unit, course)

    programme = course.home_programmes.get()
    assert (programme.version, programme.reason, programme.per_week) == (1, "first", 2)
    assert programme.source_label == "Konditionstræning ved let demens"
    assert programme.start_on == max(START, datetime.date.today())
    (line,) = programme.exercises.all()
    assert (line.exercise_key, line.sets, line.repetitions) == ("knee_extension_sitting", 2, 10)


def test_a_home_programme_the_therapist_made_is_kept_when_a_package_is_chosen(demo_unit, course):
    from rehabplan.exercises.dosage import Dosage
    from rehabplan.homeprogrammes.services import ProgrammeLine, programme_create_version

    own = programme_create_version(
        course=course,
        user=demo_unit.therapist_user,
        lines=[ProgrammeLine("sit_to_stand", Dosage(sets=2, repetitions=8, per_week=3))],
        start_on=START,
        per_week=3,
        note="",
        reason="first",
    )
    _assign(demo_unit, course)
    _assign(demo_unit, course, ref="national:strength_moderate", phase="moderate")

    assert list(course.home_programmes.all()) == [own]
