"""The national packages shipped with the product: every file loads, and the set covers every
dementia type, phase, living situation and organisation model, with its exercises in the library
and a source for every finding."""

from __future__ import annotations

import pytest

from rehabplan.exercises.library import default_library
from rehabplan.exercises.package_checks import (
    MINIMUM_PACKAGES,
    catalogue_problems,
    check_shipped_packages,
)
from rehabplan.exercises.packages import Catalogue, load_catalogue, package_from_mapping
from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, ORGANISATION_MODELS, PHASES
from rehabplan.reference.outcome_tests import get_outcome_test

CATALOGUE = load_catalogue()


def test_there_are_enough_packages_and_the_set_is_in_order():
    assert len(CATALOGUE) >= MINIMUM_PACKAGES
    assert catalogue_problems(CATALOGUE, default_library()) == []
    assert check_shipped_packages() == (len(CATALOGUE), [])


@pytest.mark.parametrize(
    ("vocabulary", "covered"),
    [
        (DEMENTIA_TYPES, lambda p: p.dementia_types),
        (PHASES, lambda p: p.phases),
        (LIVING, lambda p: p.living),
        (ORGANISATION_MODELS, lambda p: (p.organisation.model,)),
    ],
)
def test_every_target_group_and_organisation_model_has_a_package(vocabulary, covered):
    seen = {key for package in CATALOGUE for key in covered(package)}
    assert seen == set(vocabulary)


@pytest.mark.parametrize("package", list(CATALOGUE), ids=lambda package: package.key)
def test_each_package_is_complete(package):
    library = default_library()
    assert all(exercise.key in library for exercise in package.exercises)
    assert {exercise.part for exercise in package.exercises} >= {"warm_up", "main", "cool_down"}
    assert package.evidence and all(e.source.strip() and e.finding for e in package.evidence)
    assert any("ESPEN" in e.source for e in package.evidence)  # the nutrition advice's source
    assert package.tests and package.goals and package.nutrition
    for code in package.tests:
        get_outcome_test(code)
    for exercise in package.exercises:
        assert not exercise.dosage.problems()
    assert package_from_mapping(package.to_mapping()) == package


def test_a_set_that_leaves_a_group_out_is_named():
    only_home = Catalogue([p for p in CATALOGUE if p.living == ("home",)])
    problems = catalogue_problems(only_home, default_library())
    assert "Ingen pakke dækker boform 'Bor i plejebolig'." in problems
    assert "Ingen pakke dækker fase 'Svær'." in problems
