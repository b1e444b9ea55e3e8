"""An assessment key must name a criterion of the service: plain id or the qualified id the
results print. Anything else is refused with the valid keys, never silently ignored."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rehabplan import rules
from rehabplan.rules.cli import main

ON = dt.date(2026, 3, 2)
FACTS = {"motivated": True, "can_train_alone": False}


@pytest.mark.parametrize("key", ["SEL86-1.target", "demo:SEL86-1.target"])
def test_plain_and_qualified_ids_both_settle_the_judgement(registry, key):
    result = rules.eligibility(
        registry, "demo", "SEL86-1", on=ON, facts={**FACTS, "assessments": {key: True}}
    )
    assert result.outcome == "eligible"


@pytest.mark.parametrize(
    "key",
    [
        "SEL86-1.targt",  # a typo
        "varde:SEL86-1.target",  # another municipality's prefix
        "demo:SEL86-2.target",  # a criterion of another service
        "SEL86-2.once_a_year",  # a frequency limit is not judged
    ],
)
def test_unknown_keys_are_refused_with_the_valid_keys(registry, key):
    with pytest.raises(rules.UnknownAssessment) as error:
        rules.eligibility(
            registry, "demo", "SEL86-1", on=ON, facts={**FACTS, "assessments": {key: True}}
        )
    message = str(error.value)
    assert key in message
    assert "SEL86-1.target" in message and "SEL86.motivated" in message
    assert error.value.valid == ("SEL86.motivated", "SEL86.needs_therapist", "SEL86-1.target")


def test_the_cli_refuses_an_unknown_key_with_exit_code_2(tmp_path, capsys):
    facts = tmp_path / "facts.json"
    common = ["--municipality", "demo", "--service", "SEL86-1", "--on", "2026-03-02"]
    facts.write_text(json.dumps({**FACTS, "assessments": {"SEL86-1.targt": True}}))
    assert main(["eligibility", *common, "--facts", str(facts)]) == 2
    err = capsys.readouterr().err
    assert "SEL86-1.targt" in err and "gyldige nøgler" in err
    # The qualified id the CLI prints in its results is accepted as it is.
    facts.write_text(json.dumps({**FACTS, "assessments": {"demo:SEL86-1.target": True}}))
    assert main(["eligibility", *common, "--facts", str(facts)]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "eligible"
