"""A training package as the screens show it: exercises grouped by part with their figures,
tests by their Danish names. National packages and local versions are shown the same way."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe

from rehabplan.exercises.library import default_library
from rehabplan.exercises.packages import TrainingPackage
from rehabplan.exercises.vocabulary import PACKAGE_PARTS
from rehabplan.reference.outcome_tests import get_outcome_test


def package_parts(package: TrainingPackage) -> list[dict[str, Any]]:
    library = default_library()
    parts = []
    for part, label in PACKAGE_PARTS.items():
        rows = []
        for item in package.exercises:
            if item.part != part:
                continue
            exercise = library.get(item.key)
            rows.append(
                {
                    "exercise": exercise,
                    "name": exercise.name if exercise else item.key,
                    # The SVG escapes its own text.
                    "figure": mark_safe(exercise.svg()) if exercise else "",
                    "dosage": item.dosage.describe(),
                    "progression": item.progression,
                }
            )
        if rows:
            parts.append({"label": label, "rows": rows})
    return parts


def test_names(package: TrainingPackage) -> list[str]:
    return [get_outcome_test(code).name for code in package.tests]


def target_group(package: TrainingPackage) -> str:
    return "; ".join(
        [
            ", ".join(package.dementia_type_labels),
            "fase: " + ", ".join(label.lower() for label in package.phase_labels),
            ", ".join(label.lower() for label in package.living_labels),
        ]
    )


def package_context(package: TrainingPackage) -> dict[str, Any]:
    return {
        "package": package,
        "parts": package_parts(package),
        "test_names": test_names(package),
        "target_group": target_group(package),
    }
