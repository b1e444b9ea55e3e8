"""Training packages are data files checked like the exercise library; a municipality's adapted
copy has the same shape and is read by the same code."""

from __future__ import annotations

import textwrap

import pytest

from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import load_library
from rehabplan.exercises.packages import load_catalogue, package_from_mapping

PACKAGE = """
[package]
key = "aerobic_mild"
version = 1
published = 2026-01-15
name = "Konditionstræning ved let demens"
summary = "Tre gange om ugen på hold."
aim = "Bedre kondition og dagligdag."
dementia_types = ["alzheimers", "mixed"]
phases = ["mild"]
living = ["home"]
inclusion = ["Let demens."]
caution = ["Hjertesygdom: tal med lægen først."]
weeks = 16
sessions_per_week = 3
minutes_per_session = 60
intensity = "70-80 % af maksimal puls."
tests = ["six_minute_walk", "timed_up_and_go"]
goals = ["Gå en tur på 30 minutter."]
nutrition = ["Spis et proteinrigt måltid efter træningen."]

[package.organisation]
model = "centre"
description = "Hold i træningscentret."
participants_per_staff = 4
group_size = 8
equipment = ["Motionscykler"]

[[package.exercise]]
key = "sit_to_stand"
part = "main"
progression = "Flere gentagelser."

[[package.exercise]]
key = "knee_extension_sitting"
part = "home"
[package.exercise.dosage]
sets = 2
repetitions = 10
per_week = 2

[[package.evidence]]
finding = "Bedre kondition."
source = "Forfatter m.fl. Tidsskrift 2016."
"""


def _catalogue(tmp_path, text=PACKAGE):
    (tmp_path / "pakke.toml").write_text(textwrap.dedent(text), "utf-8")
    return load_catalogue(tmp_path, load_library())


def test_a_package_loads_with_dosage_from_the_library_unless_given(tmp_path):
    package = _catalogue(tmp_path).get("aerobic_mild")
    assert package.phase_labels == ("Let",)
    main, home = package.exercises
    assert main.dosage == load_library().require("sit_to_stand").dosage
    assert home.dosage.describe() == "2 sæt × 10 gentagelser, 2 gange om ugen"
    assert package.home_exercises() == (home,)


def test_a_local_copy_reads_back_to_the_same_package(tmp_path):
    package = _catalogue(tmp_path).get("aerobic_mild")
    assert package_from_mapping(package.to_mapping()) == package


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('key = "sit_to_stand"', 'key = "moon_walk"', "findes ikke i øvelsesbiblioteket"),
        ('phases = ["mild"]', 'phases = ["late"]', "ukendt værdi 'late'"),
        ('"timed_up_and_go"]', '"iq_test"]', "ukendt test 'iq_test'"),
        ("published = 2026-01-15", 'published = "januar"', "skal være en dato"),
        ('model = "centre"', 'model = "garden"', "ukendt værdi 'garden'"),
        ("weeks = 16", "weeks = 0", "mellem 1 og 104"),
    ],
)
def test_a_broken_package_is_refused_naming_the_key(tmp_path, old, new, message):
    assert old in PACKAGE
    with pytest.raises(DataFileError, match=message):
        _catalogue(tmp_path, PACKAGE.replace(old, new, 1))


def test_the_catalogue_filters_by_type_phase_and_living(tmp_path):
    catalogue = _catalogue(tmp_path)
    assert [p.key for p in catalogue.matching(dementia_type="mixed", phase="mild")] == [
        "aerobic_mild"
    ]
    assert catalogue.matching(phase="severe") == []
    assert catalogue.matching(living="care_home") == []


def test_the_shipped_catalogue_loads():
    catalogue = load_catalogue()
    for package in catalogue:
        assert package.evidence and package.exercises
