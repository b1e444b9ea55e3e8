"""Broken standard files give a Danish message naming the file, the key and the line."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from rehabplan.rules import LookupFailed, StandardError, deadlines, load_standards

VARDE_START = """[[version.rule]]
id = "SEL86-2.start"
type = "deadline"
services = ["SEL86-2"]
kind = "start"
event = "granted"
count = 6
unit = "weeks"
source = "kvalitetsstandard"
section = "Levering af opgaven"
"""


def _edit(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_every_shipped_file_becomes_one_municipality(standards_copy):
    registry = load_standards(standards_copy)
    slugs = {slug for slug, _, _ in registry.municipalities()}
    declared = {
        tomllib.loads(path.read_text("utf-8"))["municipality"]["slug"]
        for path in standards_copy.glob("*.toml")
    }
    assert slugs == declared
    assert "national" in slugs


def test_malformed_toml_names_file_and_line(standards_copy):
    path = _edit(standards_copy, "varde.toml", "count = 6\n", "count = = 6\n")
    with pytest.raises(StandardError) as error:
        load_standards(standards_copy)
    assert error.value.file == "varde.toml"
    assert error.value.line == _line_of(path, "count = = 6")
    assert "ugyldig TOML" in str(error.value)


def test_unknown_key_in_rule_is_named_with_its_line(standards_copy):
    path = _edit(standards_copy, "varde.toml", "count = 6\n", "count = 6\ncuont = 7\n")
    with pytest.raises(StandardError) as error:
        load_standards(standards_copy)
    assert error.value.file == "varde.toml"
    assert "cuont" in error.value.key
    assert error.value.line == _line_of(path, "cuont")
    assert "ukendt nøgle" in str(error.value)


def test_unknown_service_is_refused(standards_copy):
    _edit(
        standards_copy,
        "varde.toml",
        'services = ["SEL86-2"]\nkind = "start"',
        'services = ["SEL87"]\nkind = "start"',
    )
    with pytest.raises(StandardError, match="indsatsen SEL87, som ikke er defineret") as error:
        load_standards(standards_copy)
    assert error.value.line == _line_of(standards_copy / "varde.toml", 'services = ["SEL87"]')


def test_unknown_rule_type_is_refused(standards_copy):
    _edit(standards_copy, "varde.toml", 'type = "deadline"', 'type = "frist"')
    with pytest.raises(StandardError, match="ukendt regeltype 'frist'"):
        load_standards(standards_copy)


def test_unknown_condition_type_is_refused(standards_copy):
    _edit(standards_copy, "varde.toml", 'condition = "judgement"', 'condition = "mavefornemmelse"')
    with pytest.raises(StandardError, match="ukendt betingelse"):
        load_standards(standards_copy)


def test_rule_without_source_is_refused(standards_copy):
    _edit(
        standards_copy,
        "varde.toml",
        VARDE_START,
        VARDE_START.replace('source = "kvalitetsstandard"\n', ""),
    )
    with pytest.raises(StandardError) as error:
        load_standards(standards_copy)
    assert "ingen kilde" in str(error.value)
    assert error.value.key.endswith(".source")


def test_source_not_declared_is_refused(standards_copy):
    _edit(
        standards_copy,
        "varde.toml",
        VARDE_START,
        VARDE_START.replace('source = "kvalitetsstandard"', 'source = "rygter"'),
    )
    with pytest.raises(StandardError, match="ukendt kilde 'rygter'"):
        load_standards(standards_copy)


def test_assumption_needs_a_reason(standards_copy):
    _edit(
        standards_copy,
        "varde.toml",
        'section = "Levering af opgaven"\ntext = "Indsatsen',
        'section = "Levering af opgaven"\nassumption = true\ntext = "Indsatsen',
    )
    with pytest.raises(StandardError, match="begrundelse"):
        load_standards(standards_copy)


def test_overlapping_periods_are_refused(standards_copy):
    _edit(standards_copy, "national.toml", "effective_to = 2018-06-30", "effective_to = 2018-07-01")
    with pytest.raises(StandardError) as error:
        load_standards(standards_copy)
    assert error.value.file == "national.toml"
    assert "overlapper" in str(error.value)


def test_wrong_value_type_is_refused(standards_copy):
    _edit(standards_copy, "varde.toml", "count = 6", 'count = "seks"')
    with pytest.raises(StandardError, match="forkert type"):
        load_standards(standards_copy)


def test_municipal_rule_shadowing_baseline_must_declare_exception(standards_copy):
    path = _edit(
        standards_copy,
        "fredericia.toml",
        'id = "SUL140.start"\ntype = "deadline"\nexception = true\n',
        'id = "SUL140.start"\ntype = "deadline"\n',
    )
    with pytest.raises(StandardError) as error:
        load_standards(standards_copy)
    assert "exception = true" in str(error.value)
    assert error.value.line == _line_of(path, 'id = "SUL140.start"')


def test_two_rules_for_the_same_slot_without_precedence_are_refused(standards_copy):
    _edit(
        standards_copy,
        "fredericia.toml",
        'id = "SUL140.start"\ntype = "deadline"\nexception = true\n',
        'id = "SUL140.own_start"\ntype = "deadline"\n',
    )
    with pytest.raises(StandardError, match="uden erklæret forrang"):
        load_standards(standards_copy)


def test_missing_folder(tmp_path):
    with pytest.raises(StandardError, match="findes ikke"):
        load_standards(tmp_path / "nowhere")


def test_unknown_municipality(registry):
    with pytest.raises(LookupFailed, match="ukendt kommune 'aarhus'"):
        deadlines(registry, "aarhus", "SUL140", discharge=dt.date(2026, 4, 1))


def test_unknown_service(registry):
    with pytest.raises(LookupFailed, match="ukendt indsats 'SEL85'"):
        deadlines(registry, "varde", "SEL85", granted=dt.date(2026, 4, 1))


def test_date_before_any_period(registry):
    with pytest.raises(LookupFailed, match="i kraft den 30. september 2017"):
        deadlines(registry, "varde", "SEL86-2", granted=dt.date(2017, 9, 30))


def test_errors_are_value_errors():
    assert issubclass(StandardError, ValueError)


def test_a_rule_may_move_a_deadline_off_a_closed_day(standards_copy):
    _edit(
        standards_copy,
        "varde.toml",
        'count = 6\nunit = "weeks"\n',
        'count = 6\nunit = "weeks"\non_closed_day = "next_working_day"\n',
    )
    registry = load_standards(standards_copy)
    # 6 weeks after 23 February 2026 is Easter Monday; the next working day is Tuesday.
    result = deadlines(registry, "varde", "SEL86-2", granted=dt.date(2026, 2, 23))
    start = result.by_kind("start")
    assert start.due == dt.date(2026, 4, 7)
    assert not start.falls_on_closed_day
    assert "flyttes" in start.explanation[1].text


DEMO_START = 'id = "SEL86.start"'


@pytest.mark.parametrize(
    "old, new, marker",
    [
        # An unknown source in a rule far down the file: its own line, not the first `source =`.
        (
            'source = "demo"\nsection = "Råd og vejledning"',
            'source = "ukendt"\nsection = "Råd og vejledning"',
            'source = "ukendt"',
        ),
        ('count = 4\nunit = "weeks"', 'count = -1\nunit = "weeks"', "count = -1"),
        ('count = 4\nunit = "weeks"', 'count = 4\nunit = "fortnights"', 'unit = "fortnights"'),
        ('section = "Hold"', "section = 7", "section = 7"),
        ('services = ["RAAD"]\ncondition', 'services = ["R A A D"]\ncondition', '"R A A D"'),
        ("max_sessions = 3\n", "max_sessions = 3\nmax_session = 4\n", "max_session = 4"),
        ("level = 2\n", 'level = 2\nfact = "unknown_fact"\n', 'fact = "unknown_fact"'),
        ('  { name = "Træningsforløb"', '  { name = "Afklaringsforløb"', "tiers = ["),
        ('follows = "SEL86-2"', 'follows = "SEL87"', 'follows = "SEL87"'),
        (
            'assumption = true\nreason = "Demo Kommune er fiktiv."',
            "assumption = true  # uden begrundelse",
            "# uden begrundelse",
        ),
    ],
)
def test_errors_in_a_rule_or_service_point_at_the_offending_key(standards_copy, old, new, marker):
    path = standards_copy / "demo.toml"
    text = path.read_text("utf-8")
    assert old in text
    # Edit the last occurrence, so a line found by searching from the top would be wrong.
    head, _sep, tail = text.rpartition(old)
    path.write_text(head + new + tail, "utf-8")
    with pytest.raises(StandardError) as error:
        load_standards(standards_copy)
    assert error.value.line == _line_of(path, marker), str(error.value)
