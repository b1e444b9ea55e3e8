"""Checks on the shipped catalogue as a whole: enough packages, every target group and model
covered, every exercise in the library and every finding with its source.

A single package is checked when it is read (`packages.read_package`); these checks are about
the set, so a catalogue that loads can still be refused for leaving a group without a package.
"""

from __future__ import annotations

from pathlib import Path

from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import Library, default_library
from rehabplan.exercises.packages import PACKAGES_FOLDER, Catalogue, load_catalogue
from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, ORGANISATION_MODELS, PHASES

MINIMUM_PACKAGES = 6


def catalogue_problems(catalogue: Catalogue, library: Library) -> list[str]:
    """Danish sentences, one per problem; empty when the catalogue is in order."""
    problems = []
    if len(catalogue) < MINIMUM_PACKAGES:
        problems.append(f"Der er {len(catalogue)} pakker; der skal være mindst {MINIMUM_PACKAGES}.")
    covered = {
        "demenstype": (DEMENTIA_TYPES, {k for p in catalogue for k in p.dementia_types}),
        "fase": (PHASES, {k for p in catalogue for k in p.phases}),
        "boform": (LIVING, {k for p in catalogue for k in p.living}),
        "organisering": (ORGANISATION_MODELS, {p.organisation.model for p in catalogue}),
    }
    for what, (vocabulary, seen) in covered.items():
        problems.extend(
            f"Ingen pakke dækker {what} {label!r}."
            for key, label in vocabulary.items()
            if key not in seen
        )
    for package in catalogue:
        problems.extend(_package_problems(package, library))
    return problems


def _package_problems(package, library: Library) -> list[str]:
    problems = [
        f"{package.name}: øvelsen {exercise.key!r} findes ikke i øvelsesbiblioteket."
        for exercise in package.exercises
        if exercise.key not in library
    ]
    if not package.evidence:
        problems.append(f"{package.name}: pakken har ingen evidens.")
    problems.extend(
        f"{package.name}: et fund mangler sin kilde."
        for evidence in package.evidence
        if not evidence.source.strip()
    )
    if not package.exercises:
        problems.append(f"{package.name}: pakken har ingen øvelser.")
    return problems


def check_shipped_packages(
    folder: Path = PACKAGES_FOLDER, library: Library | None = None
) -> tuple[int, list[str]]:
    """The number of packages and the problems found; a file that cannot be read is a problem."""
    library = library or default_library()
    try:
        catalogue = load_catalogue(folder, library)
    except DataFileError as error:
        return 0, [str(error)]
    return len(catalogue), catalogue_problems(catalogue, library)
