"""The FSIII code list shipped for training."""

from __future__ import annotations

from rehabplan.reference import fsiii_code, fsiii_codes, is_fsiii_level
from rehabplan.reference.fsiii import parent_area


def test_function_areas_for_training_are_shipped():
    names = {c.display for c in fsiii_codes()}
    for needed in (
        "Mobilitet",
        "Forflytte sig",
        "Egenomsorg",
        "Praktiske opgaver",
        "Mentale funktioner",
        "Lave mad",
        "Indkøb",
        "Hukommelse",
        "Kognitive funktioner",
        "Personlig pleje",
        "Mobilitet og bevægelse",
        "Bevægeapparat",
        "Sanser og smerter",
        "Respiration og cirkulation",
    ):
        assert needed in names, needed


def test_old_and_new_codes_resolve_to_the_same_concept():
    new = fsiii_code("d39cd035-eb12-4a18-8a68-f43d4c0c62ef")
    old = fsiii_code("J3.5")
    assert new is old
    assert new.display == "Forflytte sig"
    assert parent_area("J3.5").display == "Mobilitet"
    assert new.group == "funktionsevnetilstand"


def test_health_conditions_have_a_parent_area():
    concept = fsiii_code("I2.1")
    assert concept.display == "Problemer med mobilitet og bevægelse"
    assert parent_area(concept.code).display == "Bevægeapparat"
    assert concept.group == "helbredstilstand"


def test_unknown_code():
    assert fsiii_code("Z9.9") is None


def test_levels():
    assert all(is_fsiii_level(level) for level in (0, 1, 2, 3, 4, 9))
    assert not any(is_fsiii_level(level) for level in (5, -1, True, "2"))


def test_codes_are_unique():
    codes = [c.code for c in fsiii_codes()]
    assert len(codes) == len(set(codes))
