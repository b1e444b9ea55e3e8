"""Differences between resolved standards, compared by effect (rules/diff.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from rehabplan.rules.diff import diff_dates, diff_municipalities
from rehabplan.rules.loader import load_text
from rehabplan.rules.registry import shipped_standards_dir

D = dt.date


def _topics(result) -> set[tuple[str, str]]:
    return {(code, d.topic) for d in result.differences for code in d.services}


# (municipality, before, after, expected (service, topic) pairs)
DATE_CASES = [
    # The Ældrelov switch in the national baseline reaches a municipality whose file is unchanged.
    (
        "varde",
        D(2025, 6, 30),
        D(2025, 7, 1),
        {("SEL86-1", "Lovgrundlag"), ("SEL86-2", "Lovgrundlag"), ("RAAD", "Lovgrundlag")},
    ),
    (
        "demo",
        D(2025, 6, 30),
        D(2025, 7, 1),
        {("SEL86-1", "Lovgrundlag"), ("SEL86-2", "Lovgrundlag"), ("RAAD", "Lovgrundlag")},
    ),
    # Bekendtgørelse 918/2018: the 7-day start and free choice of provider for SUL140.
    (
        "national",
        D(2018, 6, 30),
        D(2018, 7, 1),
        {("SUL140", "Frist for start"), ("SUL140", "Frit valg af leverandør")},
    ),
    # Nothing changes inside one period.
    ("varde", D(2025, 7, 1), D(2026, 11, 23), set()),
    ("fredericia", D(2021, 1, 1), D(2025, 6, 30), set()),
]


@pytest.mark.parametrize("slug, before, after, expected", DATE_CASES)
def test_diff_between_dates_includes_the_inherited_baseline(
    registry, slug, before, after, expected
):
    result = diff_dates(registry, slug, before, after)
    assert _topics(result) == expected
    assert result.same is (not expected)


def test_the_aeldrelov_difference_names_both_sides_and_sources(registry):
    result = diff_dates(registry, "varde", D(2025, 6, 30), D(2025, 7, 1), service="SEL86-2")
    (difference,) = result.differences
    assert difference.left.rule_id == difference.right.rule_id == "national:SEL86-2.legal_basis"
    assert difference.left.inherited and difference.right.inherited
    assert "Ældreloven § 9" in difference.right.effect
    assert "Ældreloven" not in difference.left.effect
    assert difference.left.source.section == "§ 86, stk. 2"
    assert difference.right.source.title.startswith("Ældreloven")
    assert difference.right.assumption and difference.right.reason
    assert "Varde Kommune pr. 30. juni 2025" in difference.text
    assert "Varde Kommune pr. 1. juli 2025" in difference.text


# (municipality, other, on, service, expected topics for that service)
MUNICIPALITY_CASES = [
    (
        "demo",
        "naestved",
        D(2026, 3, 1),
        "SEL86-1",
        {
            "Frist for start",
            "Omfang",
            "Klage over afgørelsen",
            "Klage over indsatsen",
            "Træningsform",
            "Kørsel",
            "Afbud og udeblivelse",
            "Åbningstider",
            "Frit valg af leverandør",
            "Holdstørrelse",
            "Afslutning",
            "Visitationskriterium",
        },
    ),
    # Both follow the national 7-day start for SUL140 (with different rule ids in Fredericia's
    # file); only the contact deadline and local practicalities differ.
    ("national", "fredericia", D(2026, 3, 1), "SUL140", None),
]


@pytest.mark.parametrize("slug, other, on, service, expected", MUNICIPALITY_CASES)
def test_diff_between_municipalities(registry, slug, other, on, service, expected):
    result = diff_municipalities(registry, slug, other, on, service=service)
    topics = {d.topic for d in result.differences}
    if expected is not None:
        assert topics == expected
    assert all(service in d.services for d in result.differences)


def test_same_effect_with_other_ids_is_no_difference_and_the_start_deadline_names_both(registry):
    result = diff_municipalities(registry, "demo", "naestved", D(2026, 3, 1), service="SEL86-2")
    start = next(d for d in result.differences if d.topic == "Frist for start")
    assert start.left.rule_id == "demo:SEL86.start"
    assert start.right.rule_id == "naestved:SEL86.start"
    assert start.left.effect == "Start senest 4 uger efter afgørelsen."
    assert start.right.effect == "Start senest 10 kalenderdage efter afgørelsen."
    assert start.left.source.issuer == "Demo Kommune"
    assert start.right.source.issuer == "Næstved Kommune"
    # Both have a "motivated" criterion and a "cannot train alone" criterion, with different ids
    # in Næstved's file: same effect, so not a difference.
    criteria = [d for d in result.differences if d.topic == "Visitationskriterium"]
    ids = {side.rule_id for d in criteria for side in (d.left, d.right) if side}
    assert "demo:SEL86.motivated" not in ids and "naestved:SEL86.motivated" not in ids
    assert "demo:SEL86.needs_therapist" not in ids


def _renamed_copy(text: str) -> str:
    """Demo's standard as another municipality: every own rule id and text changed."""
    text = text.replace('slug = "demo"', 'slug = "kopi"').replace(
        "kommunekode = 999", "kommunekode = 998"
    )
    text = text.replace('name = "Demo Kommune"', 'name = "Kopi Kommune"')
    counter = iter(range(1000))

    def rename(match: re.Match[str]) -> str:
        return f'id = "lokal-{next(counter)}"'

    # SUL140.start is an exception to the baseline and must keep the baseline's id.
    text = re.sub(r'id = "(?!SUL140\.start")[^"]+"', rename, text)
    # A criterion decided by professional judgement has only its text as effect: keep it.
    blocks = text.split("[[version.rule]]")
    return "[[version.rule]]".join(
        block
        if 'condition = "judgement"' in block
        else re.sub(r'text = "[^"]*"', 'text = "Anden formulering."', block)
        for block in blocks
    )


def test_identical_effects_under_new_ids_and_wording_show_no_difference(registry):
    demo_text = (shipped_standards_dir() / "demo.toml").read_text("utf-8")
    copy = load_text(_renamed_copy(demo_text), "kopi.toml")
    both = registry.with_municipality(copy)
    assert diff_municipalities(both, "demo", "kopi", D(2026, 3, 1)).same

    changed = _renamed_copy(demo_text).replace(
        'count = 4\nunit = "weeks"', 'count = 3\nunit = "weeks"'
    )
    both = registry.with_municipality(load_text(changed, "kopi.toml"))
    result = diff_municipalities(both, "demo", "kopi", D(2026, 3, 1))
    assert [(d.topic, d.services) for d in result.differences] == [
        ("Frist for start", ("SEL86-1", "SEL86-2", "RAAD", "SEL86-2-DAG"))
    ]
    assert result.differences[0].right.effect == "Start senest 3 uger efter afgørelsen."


def test_a_judgement_criterion_differs_by_its_text(registry):
    demo_text = (shipped_standards_dir() / "demo.toml").read_text("utf-8")
    changed = _renamed_copy(demo_text).replace(
        "Borgeren har mistet funktionsevne efter sygdom", "Borgeren har mistet funktionsevne"
    )
    both = registry.with_municipality(load_text(changed, "kopi.toml"))
    result = diff_municipalities(both, "demo", "kopi", D(2026, 3, 1))
    assert [(d.topic, d.services) for d in result.differences] == [
        ("Visitationskriterium", ("SEL86-1",)),
        ("Visitationskriterium", ("SEL86-1",)),
    ]


def test_an_unknown_service_is_a_danish_error(registry):
    from rehabplan.rules.errors import LookupFailed

    with pytest.raises(LookupFailed, match="ukendt indsats"):
        diff_municipalities(registry, "varde", "demo", D(2026, 3, 1), service="XYZ")
