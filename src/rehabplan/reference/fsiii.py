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


def fsiii_position(concept: FsiiiCode) -> tuple[int, tuple[int, ...], str]:
    """Where a concept stands in FSIII's own order: the numbered function areas and conditions
    by their number (J1 before J2, J3.2 before J3.10), the newer unnumbered concepts after them
    by name. The shipped table keeps the code system's internal order, which is no help to a
    visitator."""
    number = concept.old_code[1:] if concept.old_code[:1].isalpha() else ""
    parts = number.split(".")
    if number and all(part.isdigit() for part in parts):
        return (0, tuple(int(part) for part in parts), concept.display)
    return (1, (), concept.display)


# FSIII's function areas (funktionsevnetilstande) are ICF's activities and body functions under
# Danish names; each is paired here with the ICF code of the same title (d510 "washing oneself" is
# "vaske sig"). The code system files carry no ICF reference, so the pairs follow the titles. A GOP
# scores ICF codes with the qualifier 0-4, the scale FSIII uses, so a plan's levels pre-fill the
# assessment as suggestions: the visitator sees where each level came from and confirms it.
ICF_TO_FSIII = {
    "d510": "J1.1",  # vaske sig
    "d520": "J1.2",  # kropspleje
    "d540": "J1.3",  # af- og påklædning
    "d560": "J1.4",  # drikke
    "d550": "J1.6",  # spise
    "d570": "J1.7",  # varetage egen sundhed
    "d530": "J1.8",  # gå på toilet
    "d640": "J2.1",  # lave husligt arbejde
    "d630": "J2.2",  # lave mad
    "d230": "J2.3",  # udføre daglige rutiner
    "d620": "J2.4",  # indkøb (skaffe varer og tjenesteydelser)
    "d430": "J3.1",  # løfte og bære
    "d455": "J3.2",  # bevæge sig omkring
    "d470": "J3.3",  # bruge transportmidler
    "d460": "J3.4",  # færden i forskellige omgivelser
    "d420": "J3.5",  # forflytte sig
    "d410": "J3.6",  # ændre kropsstilling
    "b730": "J3.7",  # muskelstyrke
    "d450": "J3.8",  # gå
    "b455": "J3.9",  # udholdenhed
    "d360": "J4.1",  # anvende kommunikationsudstyr og -teknikker
    "b144": "J4.2",  # hukommelse
    "b114": "J4.3",  # orienteringsevne
    "b164": "J4.4",  # overordnede kognitive funktioner
    "b152": "J4.5",  # følelsesfunktioner
    "b130": "J4.6",  # energi og handlekraft
    "d155": "J4.7",  # tilegne sig færdigheder
    "d175": "J4.8",  # problemløsning
    "d850": "J5.1",  # have lønnet beskæftigelse
}
ICF_QUALIFIERS = (0, 1, 2, 3, 4)  # 8 (not specified) and 9 (not applicable) say nothing


def fsiii_from_icf(icf_code: str) -> FsiiiCode | None:
    """The FSIII function area an ICF code (or a more detailed code under it) describes."""
    code = icf_code.strip().lower()
    for length in range(len(code), 3, -1):
        old_code = ICF_TO_FSIII.get(code[:length])
        if old_code is not None:
            return fsiii_code(old_code)
    return None
