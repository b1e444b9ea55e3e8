"""The demo's adapted training package: the leader has copied the national package for balance
and safe gait with Lewy body dementia and adapted it in two versions, each change with its reason,
so the catalogue shows a local version beside the national one and the difference tables have
content."""

from __future__ import annotations

from typing import Any

from rehabplan.accounts.models import User
from rehabplan.trainingpackages.models import LocalPackageVersion
from rehabplan.trainingpackages.selectors.catalogue import national_catalogue
from rehabplan.trainingpackages.services.adaptation import (
    local_package_create,
    local_version_create,
)

NATIONAL_KEY = "balance_falls_lewy_body"
LOCAL_NAME = "Balance og sikker gang ved Lewy body, Demo Kommune"


def _first_version(national: Any) -> tuple[dict[str, Any], dict[str, str]]:
    content = national.to_mapping()
    content["weeks"] = 10
    content["organisation"] = {**content["organisation"], "group_size": 5}
    for exercise in content["exercise"]:
        if exercise["key"] == "turning_practice" and exercise["part"] == "main":
            exercise["dosage"] = {"sets": 2, "repetitions": 4, "rest_seconds": 90, "per_week": 2}
    reasons = {
        "weeks": "Holdet følger kommunens kørselsordning, der planlægges i perioder på ti uger.",
        "organisation.group_size": "Træningslokalet i Sundhedshuset har plads til fem stole "
        "langs væggen.",
        "exercise:turning_practice/main": "Lokalet er smalt; færre vendinger ad gangen de "
        "første uger.",
    }
    return content, reasons


def seed_local_package(*, leader: User) -> LocalPackageVersion | None:
    national = national_catalogue().get(NATIONAL_KEY)
    if national is None:  # a catalogue without it (a test's own) gets no local package
        return None
    content, reasons = _first_version(national)
    first = local_package_create(
        user=leader,
        national_key=national.key,
        name=LOCAL_NAME,
        content=content,
        reasons=reasons,
        note="Første tilpasning til holdet i Sundhedshuset.",
    )
    content = dict(first.content)
    content["minutes_per_session"] = 60
    content["nutrition"] = [
        *content["nutrition"],
        "Kantinen i Sundhedshuset serverer et glas kakaomælk efter træningen.",
    ]
    reasons = {
        **reasons,
        "minutes_per_session": "Borgerne skal have tid til at hvile og få blodtrykket målt "
        "før og efter.",
        "nutrition": "Et proteinrigt mellemmåltid er nemmere at huske, når det står klar.",
    }
    return local_version_create(
        user=leader,
        local_package_id=first.local_package_id,
        name=LOCAL_NAME,
        content=content,
        reasons=reasons,
        note="Længere træninger efter de første hold.",
    )
