"""ICD-10 chapters and blocks for a diagnosis code, from the table in `icd10_groups.csv`.

Danish hospitals send diagnoses as SKS codes: the ICD-10 code with a leading "D" and no dot
("DS720" is S72.0). A research export groups them by chapter and block, which says enough for
analysis without the exact diagnosis.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# An ICD-10 category: a letter and two digits, optionally followed by a subdivision.
_ICD10 = re.compile(r"^([A-Z][0-9]{2})(?:\.?[0-9A-Z]{0,4})$")


@dataclass(frozen=True)
class Icd10Group:
    chapter: str  # Roman numeral, "XIX"
    block: str  # category range, "S70-S79"; empty when the category lies in no block


@dataclass(frozen=True)
class _Block:
    chapter: str
    chapter_first: str
    chapter_last: str
    first: str
    last: str


@cache
def _blocks() -> tuple[_Block, ...]:
    text = resources.files(__package__).joinpath("icd10_groups.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(_Block(*row) for row in csv.reader(lines))


def icd10_category(code: str) -> str | None:
    """The three-character ICD-10 category of an ICD-10 or SKS diagnosis code, or None."""
    compact = code.strip().upper().replace(" ", "")
    # SKS diagnosis codes are the ICD-10 code behind a "D" for "diagnose".
    if len(compact) >= 4 and compact[0] == "D" and compact[1].isalpha():
        compact = compact[1:]
    found = _ICD10.match(compact)
    return found.group(1) if found else None


def icd10_group(code: str) -> Icd10Group | None:
    """The chapter and block of a diagnosis code; None for a code that is no ICD-10 code."""
    category = icd10_category(code)
    if category is None:
        return None
    chapter = ""
    for block in _blocks():
        if block.chapter_first <= category <= block.chapter_last:
            chapter = block.chapter
            if block.first <= category <= block.last:
                return Icd10Group(chapter=block.chapter, block=f"{block.first}-{block.last}")
    return Icd10Group(chapter=chapter, block="") if chapter else None
