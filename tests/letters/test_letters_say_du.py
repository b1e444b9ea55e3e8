"""The decision letter speaks to the citizen as "du" throughout, the criteria included."""

from __future__ import annotations

import datetime
import re

import pytest

from rehabplan.courses.letters import decision_letter
from rehabplan.courses.models import Decision, DecisionOutcome
from rehabplan.letters import letter_to_text
from rehabplan.rules.danish import to_citizen
from tests.shared_demo import seed_for_module

TODAY = datetime.date(2026, 11, 23)
THIRD_PERSON = re.compile(r"\bborger(?:en|ens|e|ne|nes)?\b", re.IGNORECASE)


@pytest.mark.parametrize(
    ("staff_text", "citizen_text"),
    [
        ("Borgeren er 72 år.", "Du er 72 år."),
        ("Borgeren er motiveret for at træne.", "Du er motiveret for at træne."),
        (
            "Det er ikke oplyst, om oplysningen »motiveret« gælder for borgeren.",
            "Det er ikke oplyst, om oplysningen »motiveret« gælder for dig.",
        ),
        (
            "Betingelse: borgerens seneste forløb med træning sluttede for under 6 måneder siden.",
            "Betingelse: dit seneste forløb med træning sluttede for under 6 måneder siden.",
        ),
        (
            "Klagefristen er fire uger efter, at borgeren modtog afgørelsen.",
            "Klagefristen er fire uger efter, at du modtog afgørelsen.",
        ),
        (
            "Kørsel er gratis for borgere, der af helbredsmæssige årsager ikke kan komme frem.",
            "Kørsel er gratis for dig, hvis du af helbredsmæssige årsager ikke kan komme frem.",
        ),
        (
            "Standarden giver ikke borgeren frit valg af leverandør.",
            "Standarden giver dig ikke frit valg af leverandør.",
        ),
        (
            "Ønsker borgeren en senere start, indkaldes borgeren.",
            "Ønsker du en senere start, indkaldes du.",
        ),
    ],
)
def test_the_engine_s_words_about_the_citizen_are_said_to_the_citizen(staff_text, citizen_text):
    assert to_citizen(staff_text) == citizen_text


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for the module's tests, which only look at it (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=7, today=TODAY)


@pytest.fixture
def demo(seeded_demo, db):
    return seeded_demo


def test_every_demo_decision_letter_says_du_not_borgeren(demo):
    decisions = list(
        Decision.objects.of_municipality(demo.municipality).select_related("referral__citizen")
    )
    outcomes = {decision.outcome for decision in decisions}
    assert {DecisionOutcome.GRANTED, DecisionOutcome.REFUSED} <= outcomes
    for decision in decisions:
        text = letter_to_text(decision_letter(decision))
        assert THIRD_PERSON.findall(text) == [], text
        assert "du" in text.lower().split() or "Du" in text


def test_a_refusal_with_unmet_and_unknown_criteria_says_du(demo):
    decision = (
        Decision.objects.of_municipality(demo.municipality)
        .filter(outcome=DecisionOutcome.REFUSED)
        .first()
    )
    decision.eligibility = {
        "criteria": [
            {"status": "unmet", "text": "Borgeren er motiveret for at træne.", "detail": ""},
            {
                "status": "unmet",
                "text": "Borgeren modtager ikke genoptræning for samme funktionsnedsættelse.",
                "detail": "Borgeren modtager vederlagsfri fysioterapi.",
            },
        ]
    }
    text = letter_to_text(decision_letter(decision))
    assert "Du er motiveret for at træne." in text
    assert "(Du modtager vederlagsfri fysioterapi.)" in text
    assert THIRD_PERSON.findall(text) == []
