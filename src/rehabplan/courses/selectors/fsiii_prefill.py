"""What the FSIII screen is filled in with before the visitator or therapist starts: the
citizen's last assessment and the function levels the hospital's plan (GOP) gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rehabplan.courses.models import Assessment, Referral
from rehabplan.reference.fsiii import ICF_QUALIFIERS, fsiii_from_icf

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


@dataclass(frozen=True)
class AssessmentPrefill:
    levels: dict[str, int] = field(default_factory=dict)  # FSIII code -> level
    last_assessment: Assessment | None = None
    from_last_assessment: int = 0  # how many levels came from it
    from_gop: int = 0  # how many levels came from the plan


def gop_fsiii_levels(referral: Any) -> dict[str, int]:
    """The plan's ICF function levels as FSIII levels (same 0-4 scale), by FSIII code."""
    levels: dict[str, int] = {}
    for item in ((referral.gop_content or {}) if referral is not None else {}).get("icf", []):
        concept = fsiii_from_icf(str(item.get("code", "")))
        gradient = str(item.get("gradient", "")).strip()
        if concept is None or not gradient.isdigit() or int(gradient) not in ICF_QUALIFIERS:
            continue
        levels[concept.code] = int(gradient)
    return levels


def assessment_prefill(*, citizen: Citizen, referral: Referral | None = None) -> AssessmentPrefill:
    """The newer source wins where both give a level: the plan when it came in after the last
    assessment, else the assessment."""
    last = (
        Assessment.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen)
        .prefetch_related("items")
        .order_by("-assessed_on", "-id")
        .first()
    )
    assessed = {item.code: item.level for item in last.items.all()} if last else {}
    from_gop = gop_fsiii_levels(referral)
    gop_is_newer = referral is not None and (
        last is None or referral.received_on > last.assessed_on
    )
    sources = dict.fromkeys(assessed, assessed)
    for code in from_gop:
        if gop_is_newer or code not in assessed:
            sources[code] = from_gop
    return AssessmentPrefill(
        levels={code: source[code] for code, source in sources.items()},
        last_assessment=last,
        from_last_assessment=sum(1 for source in sources.values() if source is assessed),
        from_gop=sum(1 for source in sources.values() if source is from_gop),
    )
