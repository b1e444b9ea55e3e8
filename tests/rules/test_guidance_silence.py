"""A standard without a rule on a topic answers so, citing the service's source."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.rules import attendance_rules, opening_hours, transport
from rehabplan.rules.guidance import provider_choice, referral_validity

ON = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    "ask, municipality, service, topic, text",
    [
        (transport, "naestved", "SUL140", "transport", "ingen regel om kørsel"),
        (provider_choice, "demo", "SEL86-2", "provider", "ikke borgeren frit valg af leverandør"),
        (attendance_rules, "national", "SUL140", "attendance", "ingen regler om afbud"),
        (opening_hours, "national", "SEL86-1", "opening_hours", "ingen åbningstider"),
    ],
)
def test_a_missing_rule_is_explained(registry, ask, municipality, service, topic, text):
    result = ask(registry, municipality, service, on=ON)
    (explanation,) = result.explanation
    assert text in explanation.text
    assert explanation.source == registry.resolve(municipality, ON).service(service).source
    assert explanation.rule_id == f"{municipality}:{service}.{topic}"


def test_a_referral_without_a_validity_rule_has_no_last_day(registry):
    result = referral_validity(registry, "demo", "SUL140", referred_on=ON)
    assert result.valid_until is None
    assert "ingen gyldighedsperiode" in result.explanation[0].text


def test_silent_transport_and_provider_carry_the_text_as_their_answer(registry):
    assert "kørsel" in transport(registry, "naestved", "SUL140", on=ON).text
    assert provider_choice(registry, "demo", "SEL86-2", on=ON).free_choice == "never"
