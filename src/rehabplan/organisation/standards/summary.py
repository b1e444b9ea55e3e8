"""What a municipality's standard provides on a day, in Danish: its services with their legal
basis, and its versions with their dates. The command line prints it after an upload and the
admin shows it with each uploaded file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.rules.danish import MONTHS


@dataclass(frozen=True)
class ServiceInForce:
    name: str
    legal_basis: str
    legal_basis_aeldreloven: str


@dataclass(frozen=True)
class VersionPeriod:
    effective_from: dt.date
    effective_to: dt.date | None
    in_force: bool
    note: str

    @property
    def text(self) -> str:
        period = _("fra %(start)s") % {"start": danish_date(self.effective_from)}
        if self.effective_to is not None:
            period += " " + _("til og med %(end)s") % {"end": danish_date(self.effective_to)}
        if self.in_force:
            period += " " + _("(gælder i dag)")
        if self.note:
            period += f": {self.note}"
        return period


@dataclass(frozen=True)
class StandardSummary:
    name: str
    kommunekode: int
    slug: str
    file_name: str
    on: dt.date
    services: tuple[ServiceInForce, ...]
    versions: tuple[VersionPeriod, ...]

    def lines(self) -> list[str]:
        """The summary as lines of plain Danish text."""
        lines = [
            _("%(name)s (kommunekode %(code)s) følger kvalitetsstandarden i %(file)s.")
            % {"name": self.name, "code": self.kommunekode, "file": self.file_name}
        ]
        if self.services:
            lines.append(_("Indsatser i kraft i dag, %(day)s:") % {"day": danish_date(self.on)})
            for service in self.services:
                line = f"  - {service.name}: {service.legal_basis}"
                if service.legal_basis_aeldreloven:
                    line += " " + _("(for borgere omfattet af ældreloven: %(basis)s)") % {
                        "basis": service.legal_basis_aeldreloven
                    }
                lines.append(line)
        else:
            lines.append(
                _("Ingen version af standarden er i kraft i dag, %(day)s.")
                % {"day": danish_date(self.on)}
            )
        lines.append(_("Versioner:"))
        lines.extend(f"  - {version.text}" for version in self.versions)
        return lines


def danish_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def standard_summary(
    registry: rules.StandardsRegistry, slug: str, *, on: dt.date
) -> StandardSummary:
    """The summary of the standard with `slug` in `registry` on the day `on`."""
    municipality = registry.municipality(slug)
    try:
        services = registry.services(slug, on)
    except rules.LookupFailed:
        services = []  # no version in force on that day: the versions say when one is
    return StandardSummary(
        name=municipality.name,
        kommunekode=municipality.kommunekode,
        slug=municipality.slug,
        file_name=municipality.file,
        on=on,
        services=tuple(
            ServiceInForce(
                service.name,
                service.legal_basis,
                service.aeldrelov.legal_basis if service.aeldrelov else "",
            )
            for service in services
        ),
        versions=tuple(
            VersionPeriod(v.effective_from, v.effective_to, v.in_force(on), v.note)
            for v in sorted(municipality.versions, key=lambda v: v.effective_from)
        ),
    )
