"""A course's diagnoses as ICD-10 chapters and blocks, never as codes or text.

The codes come from the hospital's plan (the GOP's structured diagnoses, primary first).
A referral typed in by hand has only a text; from it only a code written in SKS form
("DS720") is taken, so no word of the text itself can reach the export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rehabplan.reference.icd10 import Icd10Group, icd10_group

_SKS_CODE = re.compile(r"\bD[A-Z][0-9]{2}[0-9A-Z]{0,4}\b")


def diagnosis_codes(*, gop_content: dict[str, Any] | None, diagnosis_text: str) -> list[str]:
    """The referral's diagnosis codes, the primary diagnosis first."""
    structured = (gop_content or {}).get("diagnoses") or []
    if structured:
        ordered = sorted(structured, key=lambda item: not item.get("primary"))
        return [str(item.get("code", "")) for item in ordered if item.get("code")]
    return _SKS_CODE.findall(diagnosis_text or "")


def icd10_groups(codes: Iterable[str]) -> list[Icd10Group]:
    """The distinct groups of the codes in their order; codes that are no ICD-10 are left out."""
    groups: list[Icd10Group] = []
    for code in codes:
        group = icd10_group(code)
        if group is not None and group not in groups:
            groups.append(group)
    return groups


def joined_chapters(groups: Iterable[Icd10Group]) -> str:
    chapters: list[str] = []
    for group in groups:
        if group.chapter not in chapters:
            chapters.append(group.chapter)
    return ";".join(chapters)


def joined_blocks(groups: Iterable[Icd10Group]) -> str:
    return ";".join(group.block for group in groups if group.block)
