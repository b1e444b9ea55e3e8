"""The diagnoses of a referral, primary first: the GOP's structured diagnoses (SKS codes with
their text) or, for a referral typed in by hand, the SKS codes written in its text
("Hoftebrud, opereret (DS720)"), or else the text alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rehabplan.courses.models import Referral

_SKS_IN_TEXT = re.compile(r"\b(D[A-Z][0-9]{2}[0-9A-Z]{0,4})\b")


@dataclass(frozen=True)
class Diagnosis:
    number: int  # 1-based position, primary first: part of the Condition's id
    code: str  # SKS diagnosis code, "" when the referral has only a text
    text: str


def referral_diagnoses(referral: Referral) -> list[Diagnosis]:
    structured = [
        item
        for item in (referral.gop_content or {}).get("diagnoses") or []
        if isinstance(item, dict) and (str(item.get("code", "")).strip() or item.get("text"))
    ]
    if structured:
        ordered = sorted(structured, key=lambda item: not item.get("primary"))
        return [
            Diagnosis(number, str(item.get("code", "")).strip(), str(item.get("text", "")).strip())
            for number, item in enumerate(ordered, start=1)
        ]
    text = referral.diagnosis_text.strip()
    if not text:
        return []
    found = _SKS_IN_TEXT.findall(text)
    if not found:
        return [Diagnosis(1, "", text)]
    label = text.split(" (")[0].strip()
    return [Diagnosis(number, code, label) for number, code in enumerate(found, start=1)]
