"""The exercise library's files are checked in CI like the quality standards: every file loads,
every exercise is complete, and a broken file is refused with a Danish message naming the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rehabplan.exercises.dosage import Dosage
from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import load_library
from rehabplan.exercises.vocabulary import COURSE_GROUPS

GOOD = """
[[exercise]]
key = "heel_raise"
name = "Tåhævninger"
aim = "Styrker læggene."
regions = ["ankle_foot"]
functions = ["strength", "balance"]
level = 1
courses = ["balance_falls"]
starting_position = "Stå ved et køkkenbord."
instructions = ["Gå op på tæerne.", "Sænk roligt."]
progression = ["På ét ben."]
regression = ["Siddende."]

[exercise.dosage]
sets = 2
repetitions = 15
per_week = 3

[exercise.figure]
props = ["table"]
start = "standing"
end = "standing_heels_up"
"""


def _library_from(tmp_path: Path, text: str):
    (tmp_path / "test.toml").write_text(textwrap.dedent(text), "utf-8")
    return load_library(tmp_path)


def test_the_shipped_library_loads_with_every_exercise_complete():
    library = load_library()
    assert len(library) >= 4
    for exercise in library:
        assert exercise.instructions and exercise.progression and exercise.regression
        assert not exercise.dosage.problems()
        svg = exercise.svg()
        assert svg.startswith("<svg") and exercise.name in svg


def test_a_good_file_loads(tmp_path):
    library = _library_from(tmp_path, GOOD)
    exercise = library.require("heel_raise")
    assert exercise.region_labels == ("Ankel og fod",)
    assert exercise.dosage.describe() == "2 sæt × 15 gentagelser, 3 gange om ugen"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('regions = ["ankle_foot"]', 'regions = ["toe"]'), "ukendt værdi 'toe'"),
        (("level = 1", "level = 4"), "skal være mellem 1 og 3"),
        (("repetitions = 15", "colour = 1"), "ukendt nøgle"),
        (('start = "standing"', 'start = "flying"'), "ukendt værdi 'flying'"),
        (('progression = ["På ét ben."]', "progression = []"), "mindst ét punkt"),
        (('name = "Tåhævninger"', ""), r"nøgle exercise\[0\]\.name: mangler"),
        (("sets = 2\n", ""), "Angiv antal sæt"),
        (('key = "heel_raise"', 'key = "heel_raise"\nharder = "nowhere"'), "ikke findes"),
    ],
)
def test_a_broken_file_is_refused_naming_the_key(tmp_path, change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(DataFileError, match=message) as caught:
        _library_from(tmp_path, GOOD.replace(old, new, 1))
    assert caught.value.file == "test.toml"


def test_a_key_used_twice_is_refused(tmp_path):
    with pytest.raises(DataFileError, match="findes allerede"):
        _library_from(tmp_path, GOOD + GOOD)


def test_search_filters_by_words_region_function_level_and_course(tmp_path):
    library = _library_from(tmp_path, GOOD)
    assert [e.key for e in library.search("læggene")] == ["heel_raise"]
    assert library.search("læggene knæ") == []
    assert library.search(region="knee") == []
    assert [e.key for e in library.search(function="balance", level=1)] == ["heel_raise"]
    assert library.search(course="copd") == []
    assert set(COURSE_GROUPS) >= {"hip_knee", "dementia", "copd", "stroke"}


@pytest.mark.parametrize(
    ("dosage", "text"),
    [
        (
            Dosage(sets=3, repetitions=10, load="1 kg", per_week=3),
            "3 sæt × 10 gentagelser, 1 kg, 3 gange om ugen",
        ),
        (Dosage(sets=1, seconds=30, per_week=1), "1 sæt × 30 sekunder, 1 gang om ugen"),
        (Dosage(minutes=20, per_week=5), "20 minutter, 5 gange om ugen"),
        (Dosage(minutes=10, per_week=7), "10 minutter, hver dag"),
        (Dosage(sets=3, seconds=30, per_week=14), "3 sæt × 30 sekunder, 2 gange om dagen"),
        (
            Dosage(sets=2, repetitions=8, seconds=5, rest_seconds=30),
            "2 sæt × 8 gentagelser, hold 5 sekunder, pause 30 sekunder mellem sæt",
        ),
    ],
)
def test_a_dosage_reads_as_a_sentence(dosage, text):
    assert dosage.describe() == text
