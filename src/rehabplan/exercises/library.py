"""The exercise library: every exercise file under data/library, read and checked.

An exercise names its aim, body regions and functions, level, starting position and plain Danish
instructions, a dosage, progression and regression steps, precautions and a figure. `harder` and
`easier` may name another exercise of the library, so a therapist can move a citizen along.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rehabplan.exercises.dosage import DOSAGE_KEYS, Dosage, read_dosage
from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.figures import FIGURE_KEYS, Figure, read_figure, render_svg
from rehabplan.exercises.reading import Table, read_toml
from rehabplan.exercises.vocabulary import COURSE_GROUPS, FUNCTIONS, LEVELS, REGIONS

LIBRARY_FOLDER = Path(__file__).parent / "data" / "library"

EXERCISE_KEYS = {
    "key", "name", "aim", "regions", "functions", "level", "courses", "starting_position",
    "instructions", "equipment", "precautions", "progression", "regression", "harder", "easier",
    "dosage", "figure",
}  # fmt: skip


@dataclass(frozen=True)
class Exercise:
    key: str
    name: str
    aim: str
    regions: tuple[str, ...]
    functions: tuple[str, ...]
    level: int
    courses: tuple[str, ...]
    starting_position: str
    instructions: tuple[str, ...]
    equipment: tuple[str, ...]
    precautions: tuple[str, ...]
    progression: tuple[str, ...]
    regression: tuple[str, ...]
    harder: str
    easier: str
    dosage: Dosage
    figure: Figure
    file: str

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    @property
    def region_labels(self) -> tuple[str, ...]:
        return tuple(REGIONS[region] for region in self.regions)

    @property
    def function_labels(self) -> tuple[str, ...]:
        return tuple(FUNCTIONS[function] for function in self.functions)

    @property
    def course_labels(self) -> tuple[str, ...]:
        return tuple(COURSE_GROUPS[group] for group in self.courses)

    def svg(self) -> str:
        return render_svg(self.figure, f"Tegning: {self.name}")

    def thumbnail_svg(self) -> str:
        """The figure beside the exercise's name in a list: hidden from screen readers."""
        return render_svg(self.figure, self.name, decorative=True)

    def search_text(self) -> str:
        return " ".join(
            (self.name, self.aim, self.starting_position, *self.instructions, *self.equipment,
             *self.region_labels, *self.function_labels, *self.course_labels)
        ).casefold()  # fmt: skip


class Library:
    """All exercises by key, in the order of their files and entries."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self._by_key: dict[str, Exercise] = {}
        for exercise in exercises:
            if exercise.key in self._by_key:
                raise DataFileError(
                    f"øvelsen {exercise.key!r} findes allerede i {self._by_key[exercise.key].file}",
                    file=exercise.file,
                    key="exercise.key",
                )
            self._by_key[exercise.key] = exercise
        for exercise in self._by_key.values():
            for step in ("harder", "easier"):
                other = getattr(exercise, step)
                if other and other not in self._by_key:
                    raise DataFileError(
                        f"{step} peger på en øvelse, der ikke findes: {other!r}",
                        file=exercise.file,
                        key=f"{exercise.key}.{step}",
                    )
                if other == exercise.key:
                    raise DataFileError(
                        f"{step} må ikke pege på øvelsen selv", file=exercise.file, key=exercise.key
                    )

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_key.values())

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> Exercise | None:
        return self._by_key.get(key)

    def require(self, key: str) -> Exercise:
        exercise = self._by_key.get(key)
        if exercise is None:
            raise DataFileError(f"ukendt øvelse {key!r}")
        return exercise

    def search(
        self,
        text: str = "",
        *,
        region: str = "",
        function: str = "",
        level: int | None = None,
        course: str = "",
    ) -> list[Exercise]:
        """Exercises matching every given filter; `text` matches each of its words anywhere."""
        words = text.casefold().split()
        return [
            exercise
            for exercise in self._by_key.values()
            if (not region or region in exercise.regions)
            and (not function or function in exercise.functions)
            and (level is None or exercise.level == level)
            and (not course or course in exercise.courses)
            and all(word in exercise.search_text() for word in words)
        ]


def read_exercise(table: Table) -> Exercise:
    key = table.slug("key")
    level = table.integer("level", 1, 3)
    dosage_table = table.table("dosage", DOSAGE_KEYS)
    figure_table = table.table("figure", FIGURE_KEYS)
    assert dosage_table is not None and figure_table is not None  # required tables
    return Exercise(
        key=key,
        name=table.text("name", max_length=80),
        aim=table.text("aim", max_length=300),
        regions=table.choices("regions", REGIONS),
        functions=table.choices("functions", FUNCTIONS),
        level=level,
        courses=table.choices("courses", COURSE_GROUPS),
        starting_position=table.text("starting_position", max_length=400),
        instructions=table.texts("instructions"),
        equipment=table.texts("equipment", required=False, max_length=120),
        precautions=table.texts("precautions", required=False),
        progression=table.texts("progression"),
        regression=table.texts("regression"),
        harder=table.slug("harder") if table.has("harder") else "",
        easier=table.slug("easier") if table.has("easier") else "",
        dosage=read_dosage(dosage_table),
        figure=read_figure(figure_table),
        file=table.file,
    )


def load_library(folder: Path = LIBRARY_FOLDER) -> Library:
    """Every `*.toml` under `folder`, each a list of `[[exercise]]` tables; raises DataFileError."""
    exercises = []
    for path in sorted(folder.glob("*.toml")):
        top = Table(read_toml(path), path.name, "", {"exercise"})
        exercises.extend(read_exercise(entry) for entry in top.tables("exercise", EXERCISE_KEYS))
    return Library(exercises)


@cache
def default_library() -> Library:
    return load_library()
