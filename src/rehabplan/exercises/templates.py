"""Home programme templates: a starting set of exercises with dosage for a kind of course.

Each file under data/templates holds `[[template]]` tables: a key, a Danish name, the course
group it is for, the service codes it suits (optional) and its exercises, each with the
library's key and a dosage. A template that names an exercise the library does not have is
refused by `check_against`, which the test suite runs on the shipped files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rehabplan.exercises.dosage import DOSAGE_KEYS, Dosage, read_dosage
from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import Library
from rehabplan.exercises.reading import Table, read_toml
from rehabplan.exercises.vocabulary import COURSE_GROUPS

TEMPLATES_FOLDER = Path(__file__).parent / "data" / "templates"

TEMPLATE_KEYS = {"key", "name", "course_group", "service_codes", "note", "per_week", "exercise"}
TEMPLATE_EXERCISE_KEYS = {"key", "dosage", "note"}
MAX_PER_WEEK = 14


@dataclass(frozen=True)
class TemplateExercise:
    key: str
    dosage: Dosage
    note: str = ""


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    course_group: str
    service_codes: tuple[str, ...]
    note: str
    per_week: int
    exercises: tuple[TemplateExercise, ...]
    file: str

    @property
    def course_group_label(self) -> str:
        return COURSE_GROUPS[self.course_group]


class Templates:
    """All templates by key, in the order of their files and entries."""

    def __init__(self, templates: Iterable[Template]) -> None:
        self._by_key: dict[str, Template] = {}
        for template in templates:
            if template.key in self._by_key:
                raise DataFileError(
                    f"skabelonen {template.key!r} findes allerede", file=template.file, key="key"
                )
            self._by_key[template.key] = template

    def __iter__(self) -> Iterator[Template]:
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: str) -> Template | None:
        return self._by_key.get(key)

    def check_against(self, library: Library) -> None:
        """Every exercise a template names is in `library`; raises DataFileError if not."""
        for template in self:
            for index, exercise in enumerate(template.exercises):
                if exercise.key not in library:
                    raise DataFileError(
                        f"ukendt øvelse {exercise.key!r}",
                        file=template.file,
                        key=f"{template.key}.exercise[{index}].key",
                    )


def read_template(table: Table) -> Template:
    exercises = []
    for entry in table.tables("exercise", TEMPLATE_EXERCISE_KEYS):
        dosage_table = entry.table("dosage", DOSAGE_KEYS)
        assert dosage_table is not None  # required
        exercises.append(
            TemplateExercise(
                key=entry.slug("key"),
                dosage=read_dosage(dosage_table),
                note=entry.text("note", "", max_length=300),
            )
        )
    keys = [exercise.key for exercise in exercises]
    if len(set(keys)) != len(keys):
        raise table.error("en øvelse står to gange", "exercise")
    return Template(
        key=table.slug("key"),
        name=table.text("name", max_length=80),
        course_group=table.choice("course_group", COURSE_GROUPS),
        service_codes=table.texts("service_codes", required=False, max_length=20),
        note=table.text("note", "", max_length=600),
        per_week=table.integer("per_week", 1, MAX_PER_WEEK),
        exercises=tuple(exercises),
        file=table.file,
    )


def load_templates(folder: Path = TEMPLATES_FOLDER) -> Templates:
    """Every `*.toml` under `folder`, each a list of `[[template]]` tables; raises DataFileError."""
    templates = []
    for path in sorted(folder.glob("*.toml")):
        top = Table(read_toml(path), path.name, "", {"template"})
        templates.extend(read_template(entry) for entry in top.tables("template", TEMPLATE_KEYS))
    return Templates(templates)


@cache
def default_templates() -> Templates:
    return load_templates()
