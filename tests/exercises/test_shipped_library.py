"""The shipped exercise library as content: big enough, every word of the vocabulary used,
chains that lead somewhere, and figures that both a browser and the PDF writer can draw."""

from __future__ import annotations

import io
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from fpdf import FPDF

from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.figures import BASE_POSES, JOINTS, PROPS, Figure, render_svg
from rehabplan.exercises.library import LIBRARY_FOLDER, default_library, load_library
from rehabplan.exercises.vocabulary import COURSE_GROUPS, FUNCTIONS, LEVELS, REGIONS

SVG = "{http://www.w3.org/2000/svg}"
# What fpdf2 draws reliably: no CSS, no text, no paths with arcs.
ALLOWED_ELEMENTS = {"svg", "title", "g", "line", "polyline", "polygon", "rect", "circle"}

LIBRARY = load_library()
EXERCISES = list(LIBRARY)


def test_every_shipped_file_loads_and_holds_exercises():
    files = sorted(path.name for path in LIBRARY_FOLDER.glob("*.toml"))
    assert len(files) >= 8
    per_file = Counter(exercise.file for exercise in EXERCISES)
    for name in files:
        assert per_file[name] >= 4, name


def test_the_library_is_large_enough_and_uses_the_whole_vocabulary():
    assert len(LIBRARY) >= 64
    functions = Counter(function for e in EXERCISES for function in e.functions)
    levels = Counter(e.level for e in EXERCISES)
    regions = Counter(region for e in EXERCISES for region in e.regions)
    courses = Counter(course for e in EXERCISES for course in e.courses)
    assert all(functions[key] >= 10 for key in FUNCTIONS), functions
    assert all(levels[key] >= 10 for key in LEVELS), levels
    assert set(regions) == set(REGIONS), regions
    assert all(courses[key] >= 8 for key in COURSE_GROUPS), courses


@pytest.mark.parametrize("course", list(COURSE_GROUPS))
def test_every_course_group_has_exercises_of_several_levels(course):
    levels = {e.level for e in LIBRARY.search(course=course)}
    assert len(levels) >= 2, course


def test_harder_and_easier_lead_up_and_down_without_circles():
    for exercise in EXERCISES:
        if exercise.harder:
            assert LIBRARY.require(exercise.harder).level >= exercise.level, exercise.key
        if exercise.easier:
            assert LIBRARY.require(exercise.easier).level <= exercise.level, exercise.key
        for step in ("harder", "easier"):
            seen = {exercise.key}
            current = getattr(exercise, step)
            while current:
                assert current not in seen, f"{exercise.key}: {step} goes round in a circle"
                seen.add(current)
                current = getattr(LIBRARY.require(current), step)
    linked = sum(1 for e in EXERCISES if e.harder or e.easier)
    assert linked >= len(EXERCISES) // 2


def test_every_exercise_is_complete_and_written_for_the_citizen():
    for exercise in EXERCISES:
        assert exercise.dosage.per_week, exercise.key
        assert len(exercise.instructions) >= 2, exercise.key
        assert exercise.dosage.describe(), exercise.key
        assert exercise.key in exercise.search_text() or exercise.name.casefold() in (
            exercise.search_text()
        )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.key)
def test_each_figure_is_plain_svg_that_the_pdf_writer_embeds(exercise):
    svg = exercise.svg()
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-label") == f"Tegning: {exercise.name}"
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in ALLOWED_ELEMENTS, element.tag
        assert "style" not in element.attrib
    ET.fromstring(exercise.thumbnail_svg())
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(svg.encode()), x=10, y=10, w=80)
    assert pdf.output()


def test_every_base_pose_places_every_joint_and_every_prop_is_drawn():
    for name, pose in BASE_POSES.items():
        assert set(pose) == set(JOINTS), name
        assert all(-5 <= value <= 100 for point in pose.values() for value in point), name
    everything = Figure(BASE_POSES["standing"], BASE_POSES["sitting"], tuple(PROPS))
    root = ET.fromstring(render_svg(everything, "Alle rekvisitter"))
    assert len(list(root.iter())) > 2 * len(PROPS)


FIGURE_FILE = """
[[exercise]]
key = "figure_test"
name = "Tegnetest"
aim = "Tester tegningen."
regions = ["knee"]
functions = ["strength"]
level = 1
courses = ["general"]
starting_position = "Stå."
instructions = ["Gør sådan.", "Og sådan."]
progression = ["Mere."]
regression = ["Mindre."]

[exercise.dosage]
sets = 1
repetitions = 5

[exercise.figure]
props = ["chair"]
start = "sitting"
start_joints = { knee = [60, 60] }
end = "sitting_knee_up"
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('start = "sitting"', 'start = "dancing"'), "ukendt værdi 'dancing'"),
        (('props = ["chair"]', 'props = ["trampoline"]'), "ukendt værdi 'trampoline'"),
        (("knee = [60, 60]", "tail = [60, 60]"), "ukendt nøgle"),
        (("knee = [60, 60]", "knee = [60, 160]"), r"\[x, y\]"),
        (("knee = [60, 60]", 'knee = ["a", 1]'), r"\[x, y\]"),
        (('end = "sitting_knee_up"', "end_joints = { knee = [1, 1] }"), "kræver en end-stilling"),
    ],
)
def test_a_broken_figure_is_refused(tmp_path, change, message):
    old, new = change
    assert old in FIGURE_FILE
    (tmp_path / "figure.toml").write_text(textwrap.dedent(FIGURE_FILE.replace(old, new)), "utf-8")
    with pytest.raises(DataFileError, match=message):
        load_library(tmp_path)


def test_the_default_library_is_the_shipped_one():
    assert len(default_library()) == len(LIBRARY)
