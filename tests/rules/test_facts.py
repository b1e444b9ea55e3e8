"""Facts: validated with Danish messages naming the fact; the JSON Schema names the same facts."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from rehabplan.rules import Facts, FactsError, eligibility, parse_facts
from rehabplan.rules.facts import FACT_NAMES

ON = dt.date(2026, 11, 23)


def test_schema_and_parser_know_the_same_facts():
    text = resources.files("rehabplan.rules").joinpath("facts.schema.json").read_text("utf-8")
    schema = json.loads(text)
    assert set(schema["properties"]) == set(FACT_NAMES)
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize(
    "facts, fact",
    [
        ({"motivated": "ja"}, "motivated"),
        ({"birth_date": "23-11-1950"}, "birth_date"),
        ({"last_course_end": {"SEL86-2": "i går"}}, "last_course_end.SEL86-2"),
        ({"last_grant": ["SEL86-2"]}, "last_grant"),
        ({"last_grant": {"§ 86": "2026-01-01"}}, "last_grant"),
        ({"other_services": {"service": "SUL140"}}, "other_services"),
        ({"other_services": [{"service": "SUL140", "impairment": 3}]}, "other_services[0]"),
        ({"fsiii": {"J3.5": 5}}, "fsiii.J3.5"),
        ({"fsiii": {"not-a-code": 2}}, "fsiii"),
        ({"programme": "yoga"}, "programme"),
        ({"assessments": {"SEL86-2.potential": "yes"}}, "assessments.SEL86-2.potential"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
    ],
)
def test_wrong_fact_types_are_named(facts, fact):
    with pytest.raises(FactsError) as error:
        parse_facts(facts)
    assert error.value.fact == fact
    assert fact in str(error.value)


def test_facts_must_be_an_object(registry):
    with pytest.raises(FactsError, match="ét JSON-objekt"):
        eligibility(registry, "varde", "RAAD", on=ON, facts=["motivated"])


def test_null_means_unknown():
    assert parse_facts({"motivated": None}).motivated is None


def test_old_and_new_fsiii_codes_are_the_same_concept():
    old = parse_facts({"fsiii": {"J3.5": 3}})
    new = parse_facts({"fsiii": {"d39cd035-eb12-4a18-8a68-f43d4c0c62ef": 3}})
    assert old.fsiii == new.fsiii


def test_a_facts_object_is_accepted(registry):
    facts = Facts(last_course_end={"SEL86-2": dt.date(2026, 6, 1)})
    assert eligibility(registry, "varde", "RAAD", on=ON, facts=facts).outcome == "eligible"
