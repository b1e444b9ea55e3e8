"""FSIII's training interventions after a hospital stay (genoptræningsindsatser).

`fsiii_interventions.csv` holds the children of "Kommunal genoptræning efter
sygehusophold-indsatser" in KL's FSIII code system (urn:oid:1.2.208.176.2.21, version
20240530): the level-2 intervention codes a KL Gateway §140 report names for each planned
intervention. They sit beside the conditions in `fsiii_training.csv` but in a file of their own,
because the assessment screens list that file's concepts and an intervention is never scored.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rehabplan.reference.fsiii import SYSTEM

TOP_CODE = "7deb81de-12c0-4a49-bd5b-72ea6fe89d83"
PHYSICAL_TRAINING = "2abe20c7-c0b4-41c1-b397-52acf36499ef"
FUNCTIONAL_TRAINING = "58293f63-00d7-4730-8dbc-c784d40f9e23"
THERAPEUTIC_ASSESSMENT = "1130ad70-6553-490d-87f8-5e8941687a0c"

__all__ = [
    "FUNCTIONAL_TRAINING",
    "PHYSICAL_TRAINING",
    "SYSTEM",
    "THERAPEUTIC_ASSESSMENT",
    "TOP_CODE",
    "FsiiiIntervention",
    "fsiii_intervention",
    "fsiii_interventions",
]


@dataclass(frozen=True)
class FsiiiIntervention:
    code: str  # UUID in FSIII
    display: str  # Danish name


@cache
def _table() -> dict[str, FsiiiIntervention]:
    text = resources.files(__package__).joinpath("fsiii_interventions.csv").read_text("utf-8")
    return {
        row["code"]: FsiiiIntervention(code=row["code"], display=row["display"])
        for row in csv.DictReader(text.splitlines())
        if row["parent"] == TOP_CODE
    }


def fsiii_interventions() -> list[FsiiiIntervention]:
    """The training interventions, in the code system's order."""
    return list(_table().values())


def fsiii_intervention(code: str) -> FsiiiIntervention | None:
    return _table().get(code)
