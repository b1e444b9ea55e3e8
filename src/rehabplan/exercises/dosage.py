"""A dosage: sets and repetitions, or a time to hold or keep going, with load, rest and frequency.

The same shape describes an exercise's usual dosage in the library, a package's dosage and the
dosage a therapist writes into a citizen's home programme.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehabplan.exercises.reading import Table

DOSAGE_KEYS = {"sets", "repetitions", "seconds", "minutes", "load", "rest_seconds", "per_week"}

MAX_SETS = 10
MAX_REPETITIONS = 100
MAX_SECONDS = 600
MAX_MINUTES = 120
MAX_REST_SECONDS = 600
MAX_PER_WEEK = 14
MAX_LOAD_LENGTH = 80


@dataclass(frozen=True)
class Dosage:
    sets: int | None = None
    repetitions: int | None = None
    seconds: int | None = None  # held or kept going per set
    minutes: int | None = None  # for walking, cycling and other continuous work
    load: str = ""
    rest_seconds: int | None = None
    per_week: int | None = None

    def problems(self) -> list[str]:
        """Danish reasons the dosage cannot be followed; empty when it can."""
        problems = []
        if not (self.repetitions or self.seconds or self.minutes):
            problems.append("Angiv gentagelser, sekunder eller minutter.")
        if self.minutes and (self.repetitions or self.seconds):
            problems.append("Minutter bruges alene, ikke sammen med gentagelser eller sekunder.")
        if (self.repetitions or self.seconds) and not self.sets:
            problems.append("Angiv antal sæt.")
        return problems

    def describe(self) -> str:
        """The dosage as the citizen reads it: "3 sæt × 10 gentagelser, 1 kg, 3 gange om ugen"."""
        parts = []
        if self.minutes:
            parts.append(f"{self.minutes} minutter")
        else:
            amount = []
            if self.repetitions:
                amount.append(_count(self.repetitions, "gentagelse", "gentagelser"))
            if self.seconds:
                amount.append(
                    f"hold {self.seconds} sekunder"
                    if self.repetitions
                    else f"{self.seconds} sekunder"
                )
            if self.sets:
                parts.append(f"{_count(self.sets, 'sæt', 'sæt')} × {', '.join(amount)}")
            else:
                parts.append(", ".join(amount))
        if self.load:
            parts.append(self.load[0].lower() + self.load[1:])
        if self.rest_seconds:
            parts.append(f"pause {self.rest_seconds} sekunder mellem sæt")
        if self.per_week:
            parts.append(_frequency(self.per_week))
        return ", ".join(parts)


def _frequency(per_week: int) -> str:
    """Daily training reads as days, not as "14 gange om ugen"."""
    if per_week == 7:
        return "hver dag"
    if per_week % 7 == 0:
        return f"{per_week // 7} gange om dagen"
    return _count(per_week, "gang om ugen", "gange om ugen")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def read_dosage(table: Table) -> Dosage:
    dosage = Dosage(
        sets=table.optional_integer("sets", 1, MAX_SETS),
        repetitions=table.optional_integer("repetitions", 1, MAX_REPETITIONS),
        seconds=table.optional_integer("seconds", 1, MAX_SECONDS),
        minutes=table.optional_integer("minutes", 1, MAX_MINUTES),
        load=table.text("load", "", max_length=MAX_LOAD_LENGTH),
        rest_seconds=table.optional_integer("rest_seconds", 1, MAX_REST_SECONDS),
        per_week=table.optional_integer("per_week", 1, MAX_PER_WEEK),
    )
    problems = dosage.problems()
    if problems:
        raise table.error(" ".join(problems), "")
    return dosage
