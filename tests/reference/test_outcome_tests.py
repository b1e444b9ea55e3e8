"""The outcome test catalogue: every standard test, its unit and range, and shown changes."""

from __future__ import annotations

import pytest

from rehabplan.reference.outcome_tests import (
    all_outcome_tests,
    describe_change,
    format_number,
    get_outcome_test,
)


def test_catalogue_has_the_standard_tests():
    codes = {test.code for test in all_outcome_tests()}
    assert codes == {
        "chair_stand_30s",
        "timed_up_and_go",
        "six_minute_walk",
        "berg_balance",
        "grip_strength_right",
        "grip_strength_left",
        "gait_speed_10m",
        "copm_performance",
        "copm_satisfaction",
    }


@pytest.mark.parametrize(
    ("code", "unit", "minimum", "maximum", "higher_is_better"),
    [
        ("chair_stand_30s", "gentagelser", 0, 60, True),
        ("timed_up_and_go", "s", 0, 300, False),
        ("six_minute_walk", "m", 0, 1200, True),
        ("berg_balance", "point", 0, 56, True),
        ("grip_strength_left", "kg", 0, 100, True),
        ("gait_speed_10m", "m/s", 0, 3, True),
        ("copm_performance", "point", 1, 10, True),
        ("copm_satisfaction", "point", 1, 10, True),
    ],
)
def test_units_ranges_and_direction(code, unit, minimum, maximum, higher_is_better):
    test = get_outcome_test(code)
    assert (test.unit, test.minimum, test.maximum, test.higher_is_better) == (
        unit,
        minimum,
        maximum,
        higher_is_better,
    )


def test_every_test_has_a_danish_name_and_protocol():
    for test in all_outcome_tests():
        assert test.name and len(test.protocol) > 80, test.code
    grip = [test for test in all_outcome_tests() if test.group == "grip_strength"]
    assert {test.name for test in grip} == {
        "Gribestyrke, højre hånd",
        "Gribestyrke, venstre hånd",
    }


@pytest.mark.parametrize(
    ("code", "start", "end", "difference", "improved", "text"),
    [
        (
            "chair_stand_30s", 8, 12, 4, True,
            "30 sekunders rejse-sætte-sig-test: fra 8 gentagelser til 12 gentagelser, "
            "forbedret med 4 gentagelser.",
        ),
        (
            "timed_up_and_go", 14.2, 11.0, -3.2, True,
            "Timed Up and Go: fra 14,2 s til 11,0 s, forbedret med 3,2 s (lavere er bedre).",
        ),
        (
            "timed_up_and_go", 11.0, 13.5, 2.5, False,
            "Timed Up and Go: fra 11,0 s til 13,5 s, forringet med 2,5 s (lavere er bedre).",
        ),
        (
            "berg_balance", 41, 41, 0, None,
            "Bergs Balanceskala: fra 41 point til 41 point, uændret.",
        ),
        (
            "gait_speed_10m", 0.62, 0.85, 0.23, True,
            "Ganghastighed (10 meter gangtest): fra 0,62 m/s til 0,85 m/s, "
            "forbedret med 0,23 m/s.",
        ),
        (
            "six_minute_walk", 320, 290, -30, False,
            "6 minutters gangtest: fra 320 m til 290 m, forringet med 30 m.",
        ),
        (
            "copm_performance", 3.4, 6.8, 3.4, True,
            "COPM, udførelse: fra 3,4 point til 6,8 point, forbedret med 3,4 point.",
        ),
    ],
)  # fmt: skip
def test_describe_change(code, start, end, difference, improved, text):
    change = describe_change(code, start, end)
    assert change.difference == pytest.approx(difference)
    assert change.improved is improved
    assert change.text == text
    assert tuple(change) == (change.difference, improved, text)


@pytest.mark.parametrize(
    ("code", "start", "end", "fragment"),
    [
        ("berg_balance", 40, 57, "uden for det mulige interval 0-56 point"),
        ("copm_satisfaction", 0, 5, "uden for det mulige interval 1,0-10,0 point"),
        ("chair_stand_30s", 8.5, 10, "hele gentagelser"),
        ("timed_up_and_go", -1, 10, "uden for"),
    ],
)
def test_impossible_values_are_refused(code, start, end, fragment):
    with pytest.raises(ValueError, match=fragment):
        describe_change(code, start, end)


def test_unknown_test_code():
    with pytest.raises(KeyError, match="Ukendt test 'sit_to_stand'"):
        get_outcome_test("sit_to_stand")


def test_danish_number_format():
    assert format_number(11, 1) == "11,0"
    assert format_number(0.846, 2) == "0,85"
