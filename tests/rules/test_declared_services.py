"""A municipality's own service: declared in its file, following a national service's process,
inheriting the baseline's rules for that service slot by slot unless the file states its own."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan import rules
from rehabplan.rules import StandardError
from rehabplan.rules.loader import load_text

ON = dt.date(2026, 3, 2)

HEAD = """schema = 1

[municipality]
slug = "egen"
kommunekode = 901
name = "Egen Kommune"

[sources.ks]
issuer = "Egen Kommune"
title = "Kvalitetsstandard"
date = "2026-01"

[[version]]
effective_from = 2026-01-01
"""

DAY_CENTRE = """
[[version.service]]
code = "DAGCENTER"
name = "Vedligeholdende træning i dagcenter"
legal_basis = "Serviceloven § 86, stk. 2"
follows = "SEL86-2"
source = "ks"
section = "Dagcenter"
"""

OWN_COMPLAINT = """
[[version.rule]]
id = "DAGCENTER.complaint"
type = "complaint"
services = ["DAGCENTER"]
topic = "decision"
steps = [{ body = "Dagcentrets leder" }]
source = "ks"
section = "Klage"
text = "Klage over afgørelsen sendes til dagcentrets leder."
"""


def _registry(text: str) -> rules.StandardsRegistry:
    return rules.default_registry().with_municipality(load_text(text, "egen.toml"))


def test_declared_service_is_listed_with_its_name_legal_basis_and_process():
    registry = _registry(HEAD + DAY_CENTRE)
    services = {s.code: s for s in registry.services("egen", ON)}
    day = services["DAGCENTER"]
    assert day.name == "Vedligeholdende træning i dagcenter"
    assert day.legal_basis == "Serviceloven § 86, stk. 2"
    assert day.follows == "SEL86-2"
    assert day.is_declared and not services["SEL86-2"].is_declared
    # The law decides: a service following § 86, stk. 2 is a grant, joins maintenance classes.
    assert day.is_grant and day.process.intake == "application"
    assert day.level == "vedligehold"
    assert "SUL140" in services  # the national services stay


@pytest.mark.parametrize(
    "own_rules, expected_first_body, expected_rule",
    [
        # Silent file: the baseline's complaint route for SEL86-2 is inherited.
        ("", "Kommunen, der genvurderer afgørelsen", "national:complaint.decision"),
        # The file states its own rule for the slot: it takes precedence, no exception needed.
        (OWN_COMPLAINT, "Dagcentrets leder", "egen:DAGCENTER.complaint"),
    ],
)
def test_baseline_rules_are_inherited_unless_the_file_states_its_own(
    own_rules, expected_first_body, expected_rule
):
    registry = _registry(HEAD + DAY_CENTRE + own_rules)
    guidance = rules.complaint_guidance(registry, "egen", "DAGCENTER", on=ON)
    route = next(r for r in guidance.routes if r.topic == "decision")
    assert route.steps[0].body == expected_first_body
    assert expected_rule in [e.rule_id for e in guidance.explanation]


def test_the_municipalitys_rules_for_the_followed_service_are_not_inherited():
    """Only the baseline is inherited: the file's own SEL86-2 rules must name the service."""
    start_for_sel86_2 = """
[[version.rule]]
id = "SEL86-2.start"
type = "deadline"
services = ["SEL86-2"]
kind = "start"
event = "granted"
count = 3
unit = "weeks"
source = "ks"
section = "Start"
text = "Start inden 3 uger."
"""
    registry = _registry(HEAD + DAY_CENTRE + start_for_sel86_2)
    granted = dt.date(2026, 3, 2)
    own = rules.deadlines(registry, "egen", "SEL86-2", granted=granted).by_kind("start")
    declared = rules.deadlines(registry, "egen", "DAGCENTER", granted=granted).by_kind("start")
    assert own is not None and own.due == dt.date(2026, 3, 23)
    assert declared is None


def test_demo_day_centre_flows_through_the_engine(registry):
    service = registry.resolve("demo", ON).service("SEL86-2-DAG")
    assert service.name == "Vedligeholdende træning i dagcenter"
    deadlines = rules.deadlines(
        registry, "demo", "SEL86-2-DAG", received=dt.date(2026, 3, 2), decided=dt.date(2026, 3, 9)
    )
    assert deadlines.by_kind("start").due == dt.date(2026, 4, 6)
    guidance = rules.complaint_guidance(registry, "demo", "SEL86-2-DAG", on=ON)
    assert any(r.topic == "decision" for r in guidance.routes)
    eligibility = rules.eligibility(
        registry, "demo", "SEL86-2-DAG", on=ON, facts={"motivated": True}
    )
    assert eligibility.decision == "grant"
    assert eligibility.outcome == "eligible"


@pytest.mark.parametrize(
    "service_table, message",
    [
        (DAY_CENTRE.replace('follows = "SEL86-2"\n', ""), "skal angive follows"),
        (DAY_CENTRE.replace('follows = "SEL86-2"', 'follows = "SEL99"'), "follows skal være"),
        (DAY_CENTRE.replace('"DAGCENTER"', '"dag center"'), "ugyldig indsatskode"),
        (DAY_CENTRE.replace('"DAGCENTER"', '"' + "D" * 31 + '"'), "højst 30 tegn"),
        (
            DAY_CENTRE.replace('follows = "SEL86-2"', 'follows = "SEL86-2"\ndecision = "plan"'),
            "loven afgør det",
        ),
        (
            DAY_CENTRE.replace('code = "DAGCENTER"', 'code = "SUL140"'),
            "følger sin egen lov",
        ),
        (DAY_CENTRE.replace('follows = "SEL86-2"', 'follows = "SEL86-2"\nlevel = "x"'), "level"),
    ],
)
def test_declared_service_errors(service_table, message):
    with pytest.raises(StandardError, match=message):
        _registry(HEAD + service_table)


@pytest.mark.parametrize(
    "service, facts, criterion, expected, code",
    [
        (
            "RAAD",
            {"last_course_end": {}},
            "demo:RAAD.recent_course",
            "afsluttet forløb med vedligeholdende træning",
            "SEL86-2",
        ),
        (
            "SEL86-2",
            {
                "impairment": "hofte",
                "other_services": [{"service": "SUL140a", "impairment": "hofte"}],
            },
            "demo:SEL86-2.no_other_training",
            "Borgeren modtager vederlagsfri fysioterapi for samme funktionsnedsættelse",
            "SUL140a",
        ),
    ],
)
def test_criterion_details_name_services_as_the_standard_does(
    registry, service, facts, criterion, expected, code
):
    result = rules.eligibility(registry, "demo", service, on=ON, facts=facts)
    detail = next(c.detail for c in result.criteria if c.id == criterion)
    assert expected in detail
    assert code not in detail
