"""The services the municipality's standard declares: names, legal basis, national process,
free choice of provider. Screens and services ask here, never a Python list of codes.

A service code means what the standard in force on the case's date says: the national
services of the baseline and any service the municipality declares in its own file.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.organisation.standards import installation_registry
from rehabplan.rules.ruletypes import NATIONAL_PROCESSES

if TYPE_CHECKING:
    from rehabplan.organisation.models import Municipality


# A hospital's GOP is by law a plan under the national service whose process has a GOP
# (Sundhedsloven § 140); a GOP import always creates a referral for it.
GOP_SERVICE = next(code for code, process in NATIONAL_PROCESSES.items() if process.has_gop)


def _slug(municipality: Municipality | str) -> str:
    return municipality if isinstance(municipality, str) else municipality.slug


def services_in_force(municipality: Municipality | str, on: datetime.date) -> list[rules.Service]:
    """Every service of the standard in force for the municipality on `on`, baseline first."""
    return installation_registry().services(_slug(municipality), on)


def service_definition(
    municipality: Municipality | str, code: str, on: datetime.date
) -> rules.Service:
    """The service as the standard in force defines it; `rules.LookupFailed` when unknown."""
    return installation_registry().resolve(_slug(municipality), on).service(code)


def service_name(municipality: Municipality | str, code: str, on: datetime.date) -> str:
    """The service's name as the standard gives it, for screens and letters."""
    try:
        return service_definition(municipality, code, on).name
    except rules.RulesError:
        pass
    # A date outside the standard's periods: any version that knows the code names it.
    registry = installation_registry()
    for slug in (_slug(municipality), "national"):
        try:
            versions = registry.municipality(slug).versions
        except rules.RulesError:
            continue
        for version in reversed(versions):
            if code in version.services:
                return version.services[code].name
    return _("Indsats, som kvalitetsstandarden ikke kender")


def checked_service(
    municipality: Municipality | str, code: str, on: datetime.date, *, field: str = "service_code"
) -> rules.Service:
    """The service, or a Danish ValidationError naming the services the standard has."""
    try:
        return service_definition(municipality, code, on)
    except rules.RulesError:
        try:
            names = ", ".join(s.name for s in services_in_force(municipality, on))
        except rules.RulesError as error:
            raise ValidationError(
                {field: [_("Kvalitetsstandarden kan ikke bruges: %(error)s") % {"error": error}]}
            ) from None
        raise ValidationError(
            {
                field: [
                    _("Kvalitetsstandarden har ikke den valgte indsats. Indsatserne er: %(names)s.")
                    % {"names": names}
                ]
            }
        ) from None


def free_choice_when_late(municipality: Municipality | str, code: str, on: datetime.date) -> bool:
    """Whether the standard's `provider` rule gives free choice when the start is late."""
    try:
        choice = rules.provider_choice(installation_registry(), _slug(municipality), code, on=on)
    except rules.RulesError:
        return False
    return choice.applies_when_late


def service_or_none(
    municipality: Municipality | str, code: str, on: datetime.date
) -> rules.Service | None:
    """The service definition, or None when the standard does not know the code on `on`."""
    try:
        return service_definition(municipality, code, on)
    except rules.RulesError:
        return None
