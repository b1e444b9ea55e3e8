"""Staff read the rules' sentences on decision screens: a fact is named in Danish words,
never by its key in the facts object."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan import rules
from rehabplan.rules.facts import BOOL_FACTS
from rehabplan.rules.guidance import legal_basis
from rehabplan.rules.wording import FACTS, fact_unknown

ON = dt.date(2026, 3, 2)


def _texts(explanations) -> str:
    return " ".join(e.text for e in explanations)


def test_every_yes_no_fact_has_danish_words():
    assert set(BOOL_FACTS) <= set(FACTS)


@pytest.mark.parametrize("fact", BOOL_FACTS)
def test_unknown_fact_sentence_has_no_key(fact):
    sentence = fact_unknown(fact)
    assert fact not in sentence and "Faktum" not in sentence
    assert sentence.startswith("Det er ikke oplyst, om borgeren ")


def test_unknown_motivation_is_said_in_danish(registry):
    result = rules.eligibility(registry, "demo", "SEL86-1", on=ON, facts={})
    motivated = next(c for c in result.criteria if c.id.endswith("SEL86.motivated"))
    assert motivated.status == "unknown"
    assert motivated.detail == "Det er ikke oplyst, om borgeren er motiveret for at træne."
    text = _texts(result.explanation)
    for key in ("motivated", "can_train_alone", "assessments", "Faktum"):
        assert key not in text


def test_judgement_asks_staff_without_naming_the_facts_key(registry):
    result = rules.eligibility(registry, "demo", "SEL86-1", on=ON, facts={})
    target = next(c for c in result.criteria if c.id.endswith("SEL86-1.target"))
    assert target.detail == "Kræver en faglig vurdering fra en medarbejder."


@pytest.mark.parametrize("value", [None, False, True])
def test_reduced_extent_names_the_fact_in_words(registry, value):
    facts = {} if value is None else {"needs_pt_and_ot": value}
    result = rules.extent(registry, "varde", "SEL86-2", on=ON, facts=facts)
    text = _texts(result.explanation)
    assert "needs_pt_and_ot" not in text
    assert "fysioterapeut og ergoterapeut" in text


def test_legal_basis_unknown_aeldrelov_names_no_key(registry):
    result = legal_basis(registry, "varde", "SEL86-2", on=ON, facts={})
    assert "covered_by_aeldreloven" not in _texts(result.explanation)
