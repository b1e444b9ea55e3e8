"""What a municipality's adapted package changes from the package it builds on, item by item.

Each difference names the item by a stable key (the field, or the exercise and its part), a
Danish label and both values as staff read them. The same comparison gives the difference from
the national package (where every item needs a reason) and from the previous local version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rehabplan.exercises.library import Library, default_library
from rehabplan.exercises.packages import PackageExercise, TrainingPackage
from rehabplan.exercises.vocabulary import ORGANISATION_MODELS, PACKAGE_PARTS

LEFT_OUT = "Udeladt"
NOT_IN_PACKAGE = "Ikke med"

# The items a municipality may adapt, in the order the form and the tables show them.
ADAPTABLE_FIELDS: dict[str, tuple[str, Callable[[TrainingPackage], str]]] = {
    "weeks": ("Antal uger", lambda p: str(p.weeks)),
    "sessions_per_week": ("Træninger om ugen", lambda p: str(p.sessions_per_week)),
    "minutes_per_session": ("Minutter pr. træning", lambda p: str(p.minutes_per_session)),
    "intensity": ("Intensitet", lambda p: p.intensity),
    "organisation.model": (
        "Organisering",
        lambda p: ORGANISATION_MODELS[p.organisation.model],
    ),
    "organisation.description": (
        "Beskrivelse af organiseringen",
        lambda p: p.organisation.description,
    ),
    "organisation.participants_per_staff": (
        "Borgere pr. medarbejder",
        lambda p: str(p.organisation.participants_per_staff),
    ),
    "organisation.group_size": ("Højst borgere sammen", lambda p: str(p.organisation.group_size)),
    "organisation.equipment": ("Udstyr", lambda p: "\n".join(p.organisation.equipment)),
    "nutrition": ("Ernæringsråd", lambda p: "\n".join(p.nutrition)),
}


@dataclass(frozen=True)
class Difference:
    field: str  # "weeks", "organisation.model" or "exercise:<key>/<part>"
    label: str
    before: str  # in the package compared with (the national package or the previous version)
    after: str  # in the local version


def exercise_field(exercise: PackageExercise) -> str:
    return f"exercise:{exercise.key}/{exercise.part}"


def exercise_label(exercise: PackageExercise, library: Library) -> str:
    found = library.get(exercise.key)
    name = found.name if found is not None else exercise.key
    return f"Øvelse: {name} ({PACKAGE_PARTS[exercise.part].lower()})"


def differences(
    before: TrainingPackage, after: TrainingPackage, *, library: Library | None = None
) -> list[Difference]:
    """Every adaptable item whose value differs, fields first, then exercises in order."""
    library = library or default_library()
    found = [
        Difference(field, label, shown(before), shown(after))
        for field, (label, shown) in ADAPTABLE_FIELDS.items()
        if shown(before) != shown(after)
    ]
    return found + _exercise_differences(before, after, library)


def _exercise_differences(
    before: TrainingPackage, after: TrainingPackage, library: Library
) -> list[Difference]:
    old = {exercise_field(exercise): exercise for exercise in before.exercises}
    new = {exercise_field(exercise): exercise for exercise in after.exercises}
    found = []
    for field in list(old) + [field for field in new if field not in old]:
        was, now = old.get(field), new.get(field)
        if was is not None and now is not None and was.dosage == now.dosage:
            continue
        exercise = was or now
        assert exercise is not None
        found.append(
            Difference(
                field,
                exercise_label(exercise, library),
                was.dosage.describe() if was is not None else NOT_IN_PACKAGE,
                now.dosage.describe() if now is not None else LEFT_OUT,
            )
        )
    return found
