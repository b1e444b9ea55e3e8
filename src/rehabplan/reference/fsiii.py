"""FSIII (Fællessprog III) codes relevant to training.

The list in `fsiii_training.csv` is taken from KL's FSIII code system
(urn:oid:1.2.208.176.2.21, version 20240530): the function areas of care and nursing
(funktionsevnetilstande), the conditions used for rehabilitation after hospital stays,
the municipal nursing conditions (helbredstilstande) and the 0-4/9 scale. FSIII is being
simplified, so each concept is known by its current UUID and by its older code
(e.g. "J3.5"); both are accepted and resolve to the same concept.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

SYSTEM = "urn:oid:1.2.208.176.2.21"
SYSTEM_VERSION = "20240530"
# 0 none, 1 light, 2 moderate, 3 severe, 4 total limitation, 9 not relevant.
LEVELS = (0, 1, 2, 3, 4, 9)
LEVEL_NAMES = {
    0: "Ingen begrænsninger",
    1: "Lette begrænsninger",
    2: "Moderate begrænsninger",
    3: "Svære begrænsninger",
    4: "Totale begrænsninger",
    9: "Ikke relevant",
}


@dataclass(frozen=True)
class FsiiiCode:
    code: str  # current UUID
    old_code: str
    display: str  # Danish name
    parent: str | None  # UUID of the parent area, None for a top group
    group: str  # funktionsevnetilstand, genoptraeningstilstand, helbredstilstand, skala


@cache
def _table() -> tuple[dict[str, FsiiiCode], dict[str, FsiiiCode]]:
    by_code: dict[str, FsiiiCode] = {}
    by_any: dict[str, FsiiiCode] = {}
    text = resources.files(__package__).joinpath("fsiii_training.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        concept = FsiiiCode(
            code=row["code"],
            old_code=row["old_code"],
            display=row["display"],
            parent=row["parent"] or None,
            group=row["group"],
        )
        by_code[concept.code] = concept
        by_any[concept.code] = concept
        by_any[concept.old_code] = concept
    return by_code, by_any


def fsiii_codes() -> list[FsiiiCode]:
    """Every shipped concept, in the code system's order."""
    return list(_table()[0].values())


def fsiii_code(code: str) -> FsiiiCode | None:
    """Look up a concept by its current UUID or its older code; None when unknown."""
    return _table()[1].get(code)


def parent_area(code: str) -> FsiiiCode | None:
    concept = fsiii_code(code)
    if concept is None or concept.parent is None:
        return None
    return fsiii_code(concept.parent)


def is_fsiii_level(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in LEVELS
