"""Home programme templates: the shipped files name only exercises of the library."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import default_library
from rehabplan.exercises.templates import default_templates, load_templates
from rehabplan.exercises.vocabulary import COURSE_GROUPS


def test_shipped_templates_name_only_exercises_of_the_library():
    templates = default_templates()
    templates.check_against(default_library())
    assert len(templates) >= 4
    assert {"Knæ efter alloplastik", "Hofte efter alloplastik"} <= {t.name for t in templates}
    for template in templates:
        assert template.course_group in COURSE_GROUPS
        assert all(not item.dosage.problems() for item in template.exercises)


def _write(folder: Path, text: str) -> Path:
    (folder / "t.toml").write_text(text, "utf-8")
    return folder


TEMPLATE = """
[[template]]
key = "t1"
name = "Prøve"
course_group = "%s"
per_week = 3

[[template.exercise]]
key = "%s"
[template.exercise.dosage]
sets = 2
repetitions = %s
"""


def test_an_unknown_exercise_is_refused_naming_file_and_key(tmp_path):
    templates = load_templates(_write(tmp_path, TEMPLATE % ("general", "flying", 10)))
    with pytest.raises(DataFileError) as error:
        templates.check_against(default_library())
    assert str(error.value) == "fil t.toml, nøgle t1.exercise[0].key: ukendt øvelse 'flying'"


def test_an_unknown_course_group_is_refused(tmp_path):
    with pytest.raises(DataFileError, match="course_group: ukendt værdi 'space'"):
        load_templates(_write(tmp_path, TEMPLATE % ("space", "sit_to_stand", 10)))


def test_a_bad_dosage_is_refused(tmp_path):
    with pytest.raises(DataFileError, match="repetitions: skal være mellem 1 og 100"):
        load_templates(_write(tmp_path, TEMPLATE % ("general", "sit_to_stand", 1000)))


def test_an_exercise_twice_is_refused(tmp_path):
    text = TEMPLATE % ("general", "sit_to_stand", 10)
    text += (
        '\n[[template.exercise]]\nkey = "sit_to_stand"\n[template.exercise.dosage]\nminutes = 5\n'
    )
    with pytest.raises(DataFileError, match="en øvelse står to gange"):
        load_templates(_write(tmp_path, text))
