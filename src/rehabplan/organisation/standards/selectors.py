"""Reads about the installation's municipalities and the standards they follow."""

from __future__ import annotations

from dataclasses import dataclass

from rehabplan.organisation.models import Municipality, MunicipalStandard
from rehabplan.organisation.standards.registry import installation_registry
from rehabplan.rules.registry import BASELINE


@dataclass(frozen=True)
class ServedMunicipality:
    municipality: Municipality
    newest_upload: MunicipalStandard | None
    uploads: int
    standard_file: str  # the file the registry holds for it; "" when it has none


@dataclass(frozen=True)
class InstallationOverview:
    served: tuple[ServedMunicipality, ...]
    # Shipped standards with no municipality in this installation: (slug, kommunekode, name).
    shipped_only: tuple[tuple[str, int, str], ...]


def installation_overview() -> InstallationOverview:
    """Every municipality the installation serves with the standard it follows, and the shipped
    standards that no municipality uses yet."""
    registry = installation_registry()
    known = {slug for slug, _code, _name in registry.municipalities()}
    served = []
    slugs = set()
    for municipality in Municipality.objects.order_by("name"):
        uploads = MunicipalStandard.objects.of_municipality(municipality)
        slugs.add(municipality.slug)
        served.append(
            ServedMunicipality(
                municipality=municipality,
                newest_upload=uploads.order_by("-id").first(),
                uploads=uploads.count(),
                standard_file=(
                    registry.municipality(municipality.slug).file
                    if municipality.slug in known
                    else ""
                ),
            )
        )
    shipped_only = tuple(
        entry
        for entry in registry.municipalities()
        if entry[0] not in slugs and entry[0] != BASELINE
    )
    return InstallationOverview(tuple(served), shipped_only)
