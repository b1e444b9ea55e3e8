"""Training packages for the assignment and report tests: two national packages in a temporary
folder (the shipped catalogue is written apart), and units with courses from the course tests;
for the catalogue and adaptation tests, a shipped national package and a leader of another
municipality."""

from __future__ import annotations

import textwrap

import pytest

from rehabplan.exercises import packages as packages_module
from rehabplan.exercises.library import load_library
from rehabplan.exercises.packages import default_catalogue, load_catalogue
from tests.course.conftest import demo_unit, make_unit, varde  # noqa: F401 - shared fixtures

AEROBIC = """
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
goals = ["Gå en tur på 30 minutter.", "Cykle til købmanden."]
nutrition = ["Spis et proteinrigt måltid efter træningen."]

[package.organisation]
model = "centre"
description = "Hold i træningscentret med otte borgere."
participants_per_staff = 4
group_size = 8
equipment = ["Motionscykler"]

[[package.exercise]]
key = "sit_to_stand"
part = "main"

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

STRENGTH = """
[package]
key = "strength_moderate"
version = 2
published = 2026-02-01
name = "Styrke og balance ved moderat demens"
summary = "To gange om ugen."
aim = "Færre fald."
dementia_types = ["alzheimers", "vascular"]
phases = ["moderate"]
living = ["home", "care_home"]
inclusion = ["Moderat demens."]
caution = ["Svimmelhed: hold pause."]
weeks = 12
sessions_per_week = 2
minutes_per_session = 45
intensity = "Moderat."
tests = ["chair_stand_30s"]
goals = ["Rejse sig fra stolen uden hjælp."]
nutrition = ["Drik vand."]

[package.organisation]
model = "home_with_relative"
description = "Hjemme sammen med en pårørende."
participants_per_staff = 1
group_size = 1
equipment = ["Stol"]

[[package.exercise]]
key = "sit_to_stand"
part = "main"

[[package.evidence]]
finding = "Færre fald."
source = "Forfatter m.fl. Tidsskrift 2018."
"""


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """The two packages as the national catalogue."""
    for name, text in (("aerobic.toml", AEROBIC), ("strength.toml", STRENGTH)):
        (tmp_path / name).write_text(textwrap.dedent(text), "utf-8")
    loaded = load_catalogue(tmp_path, load_library())
    monkeypatch.setattr(packages_module, "default_catalogue", lambda: loaded)
    return loaded


@pytest.fixture
def local_version(catalogue, request):
    """A local version 2 of the aerobic package in the demo municipality (version 1 older)."""
    from rehabplan.trainingpackages.models import LocalPackage, LocalPackageVersion

    unit = request.getfixturevalue("demo_unit")

    local = LocalPackage.objects.create(
        municipality=unit.municipality,
        national_key="aerobic_mild",
        name="Kondition i Demoby",
        created_by=unit.leader,
    )
    content = catalogue.get("aerobic_mild").to_mapping()
    LocalPackageVersion.objects.create(
        local_package=local, number=1, national_version=1, content=content,
        created_by=unit.leader,
    )  # fmt: skip
    content = {
        **content,
        "name": "Kondition i Demoby",
        "weeks": 10,
        "living": ["home", "care_home"],
    }
    return LocalPackageVersion.objects.create(
        local_package=local, number=2, national_version=1, content=content,
        created_by=unit.leader,
    )  # fmt: skip


NATIONAL_KEY = "aerobic_mild_alzheimers"


@pytest.fixture
def national():
    return default_catalogue().get(NATIONAL_KEY)


@pytest.fixture
def other_leader(make_user, other_municipality):
    from rehabplan.accounts.roles import LEADER

    return make_user("leder-varde", LEADER, other_municipality)
