"""Training packages (træningspakker): a ready plan of training for a target group, as data.

The national dementia plan (initiative 8) asks for packages per dementia type and disease phase,
with exercises and dosage, tests, nutrition advice, a model for organising the training and the
evidence behind it, free for municipalities to adapt. Each package is one TOML file under
data/packages with a version number; a municipality's adapted copy is kept in its database and
has the same shape (`package_from_mapping` reads both), so the rest of the product treats a
national package and a local version alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rehabplan.exercises.dosage import DOSAGE_KEYS, Dosage, read_dosage
from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import Library, default_library
from rehabplan.exercises.reading import Table, read_toml
from rehabplan.exercises.vocabulary import (
    DEMENTIA_TYPES,
    LIVING,
    ORGANISATION_MODELS,
    PACKAGE_PARTS,
    PHASES,
)
from rehabplan.reference.outcome_tests import all_outcome_tests

PACKAGES_FOLDER = Path(__file__).parent / "data" / "packages"

PACKAGE_KEYS = {
    "key", "version", "published", "name", "summary", "aim", "dementia_types", "phases", "living",
    "inclusion", "caution", "weeks", "sessions_per_week", "minutes_per_session", "intensity",
    "tests", "goals", "nutrition", "organisation", "exercise", "evidence",
}  # fmt: skip
ORGANISATION_KEYS = {"model", "description", "participants_per_staff", "group_size", "equipment"}
PACKAGE_EXERCISE_KEYS = {"key", "part", "dosage", "progression"}
EVIDENCE_KEYS = {"finding", "source"}

MAX_WEEKS = 104
MAX_SESSIONS_PER_WEEK = 7
MAX_MINUTES_PER_SESSION = 180
MAX_GROUP_SIZE = 30
MAX_PARTICIPANTS_PER_STAFF = 12


@dataclass(frozen=True)
class Organisation:
    model: str  # key of ORGANISATION_MODELS
    description: str
    participants_per_staff: int
    group_size: int  # at most this many citizens together; 1 for one-to-one training
    equipment: tuple[str, ...]

    @property
    def model_label(self) -> str:
        return ORGANISATION_MODELS[self.model]


@dataclass(frozen=True)
class PackageExercise:
    key: str  # an exercise of the library
    part: str  # key of PACKAGE_PARTS
    dosage: Dosage
    progression: str

    @property
    def part_label(self) -> str:
        return PACKAGE_PARTS[self.part]


@dataclass(frozen=True)
class Evidence:
    finding: str  # what the study found, in plain Danish
    source: str  # author, title, journal, year


@dataclass(frozen=True)
class TrainingPackage:
    key: str
    version: int
    published: dt.date
    name: str
    summary: str
    aim: str
    dementia_types: tuple[str, ...]
    phases: tuple[str, ...]
    living: tuple[str, ...]
    inclusion: tuple[str, ...]
    caution: tuple[str, ...]
    weeks: int
    sessions_per_week: int
    minutes_per_session: int
    intensity: str
    tests: tuple[str, ...]  # outcome test codes, taken at the start and the end
    goals: tuple[str, ...]  # goal suggestions, in the citizen's words
    nutrition: tuple[str, ...]
    organisation: Organisation
    exercises: tuple[PackageExercise, ...]
    evidence: tuple[Evidence, ...]

    @property
    def dementia_type_labels(self) -> tuple[str, ...]:
        return tuple(DEMENTIA_TYPES[key] for key in self.dementia_types)

    @property
    def phase_labels(self) -> tuple[str, ...]:
        return tuple(PHASES[key] for key in self.phases)

    @property
    def living_labels(self) -> tuple[str, ...]:
        return tuple(LIVING[key] for key in self.living)

    def home_exercises(self) -> tuple[PackageExercise, ...]:
        return tuple(exercise for exercise in self.exercises if exercise.part == "home")

    def to_mapping(self) -> dict[str, Any]:
        """The package as plain data in the file's shape (a local version stores this)."""
        data = _plain(asdict(self))
        data["published"] = self.published.isoformat()
        data["exercise"] = data.pop("exercises")
        for exercise in data["exercise"]:
            exercise["dosage"] = {
                k: v for k, v in exercise["dosage"].items() if v not in (None, "")
            }
        return data


def _plain(value: Any) -> Any:
    """Tuples as lists, recursively, so the mapping is JSON and reads back through `Table`."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def read_package(table: Table, library: Library) -> TrainingPackage:
    organisation = table.table("organisation", ORGANISATION_KEYS)
    assert organisation is not None  # a required table
    exercises = tuple(
        _package_exercise(entry, library)
        for entry in table.tables("exercise", PACKAGE_EXERCISE_KEYS)
    )
    keys = [exercise.key + "/" + exercise.part for exercise in exercises]
    if len(set(keys)) != len(keys):
        raise table.error("en øvelse står to gange i samme del", "exercise")
    tests = table.texts("tests", max_length=40)
    known_tests = {test.code for test in all_outcome_tests()}
    for index, code in enumerate(tests):
        if code not in known_tests:
            raise table.error(f"ukendt test {code!r}", f"tests[{index}]")
    published = table.raw.get("published")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            raise table.error("skal være en dato, fx 2026-01-15", "published") from None
    if not isinstance(published, dt.date) or isinstance(published, dt.datetime):
        raise table.error("skal være en dato, fx 2026-01-15", "published")
    return TrainingPackage(
        key=table.slug("key"),
        version=table.integer("version", 1, 999),
        published=published,
        name=table.text("name", max_length=120),
        summary=table.text("summary", max_length=400),
        aim=table.text("aim", max_length=1000),
        dementia_types=table.choices("dementia_types", DEMENTIA_TYPES),
        phases=table.choices("phases", PHASES),
        living=table.choices("living", LIVING),
        inclusion=table.texts("inclusion"),
        caution=table.texts("caution"),
        weeks=table.integer("weeks", 1, MAX_WEEKS),
        sessions_per_week=table.integer("sessions_per_week", 1, MAX_SESSIONS_PER_WEEK),
        minutes_per_session=table.integer("minutes_per_session", 5, MAX_MINUTES_PER_SESSION),
        intensity=table.text("intensity", max_length=600),
        tests=tests,
        goals=table.texts("goals"),
        nutrition=table.texts("nutrition"),
        organisation=Organisation(
            model=organisation.choice("model", ORGANISATION_MODELS),
            description=organisation.text("description", max_length=1500),
            participants_per_staff=organisation.integer(
                "participants_per_staff", 1, MAX_PARTICIPANTS_PER_STAFF
            ),
            group_size=organisation.integer("group_size", 1, MAX_GROUP_SIZE),
            equipment=organisation.texts("equipment", max_length=120),
        ),
        exercises=exercises,
        evidence=tuple(
            Evidence(entry.text("finding", max_length=1000), entry.text("source", max_length=400))
            for entry in table.tables("evidence", EVIDENCE_KEYS)
        ),
    )


def _package_exercise(table: Table, library: Library) -> PackageExercise:
    key = table.slug("key")
    if key not in library:
        raise table.error(f"øvelsen {key!r} findes ikke i øvelsesbiblioteket", "key")
    dosage = table.table("dosage", DOSAGE_KEYS, required=False)
    return PackageExercise(
        key=key,
        part=table.choice("part", PACKAGE_PARTS),
        dosage=read_dosage(dosage) if dosage is not None else library.require(key).dosage,
        progression=table.text("progression", "", max_length=600),
    )


def package_from_mapping(
    data: dict[str, Any], *, library: Library | None = None, origin: str = "lokal version"
) -> TrainingPackage:
    """A package from plain data in the file's shape (a local version); raises DataFileError."""
    return read_package(Table(data, origin, "", PACKAGE_KEYS), library or default_library())


class Catalogue:
    """The national packages by key, each in its newest version."""

    def __init__(self, packages: list[TrainingPackage]) -> None:
        self._by_key: dict[str, TrainingPackage] = {}
        for package in packages:
            if package.key in self._by_key:
                raise DataFileError(f"pakken {package.key!r} findes to gange", key="package.key")
            self._by_key[package.key] = package

    def __iter__(self) -> Iterator[TrainingPackage]:
        return iter(sorted(self._by_key.values(), key=lambda package: package.name))

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: str) -> TrainingPackage | None:
        return self._by_key.get(key)

    def matching(
        self, *, dementia_type: str = "", phase: str = "", living: str = ""
    ) -> list[TrainingPackage]:
        return [
            package
            for package in self
            if (not dementia_type or dementia_type in package.dementia_types)
            and (not phase or phase in package.phases)
            and (not living or living in package.living)
        ]


def load_catalogue(folder: Path = PACKAGES_FOLDER, library: Library | None = None) -> Catalogue:
    """Every `*.toml` under `folder`, each one `[package]`; raises DataFileError."""
    library = library or default_library()
    packages = []
    for path in sorted(folder.glob("*.toml")):
        top = Table(read_toml(path), path.name, "", {"package"})
        package_table = top.table("package", PACKAGE_KEYS)
        assert package_table is not None  # a required table
        packages.append(read_package(package_table, library))
    return Catalogue(packages)


@cache
def default_catalogue() -> Catalogue:
    return load_catalogue()
