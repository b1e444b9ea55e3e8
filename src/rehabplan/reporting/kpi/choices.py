"""The key figures' filters for a caller that names them by id (the API): a bounded period, and
places, classes, therapists and services of the caller's own municipality only."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from rehabplan.courses.standard_services import services_in_force
from rehabplan.organisation.models import Location, TeamClass, Therapist
from rehabplan.reporting.kpi.figures import KpiFilters
from rehabplan.reporting.kpi.period import period_problem
from rehabplan.rules import RulesError

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


def _own(model: type, pk: int | None, municipality_id: int, missing: str) -> int | None:
    if pk is not None and not model.objects.filter(pk=pk, municipality_id=municipality_id).exists():
        raise Http404(missing)
    return pk


def checked_filters(
    *,
    user: User,
    period_start: datetime.date,
    period_end: datetime.date,
    today: datetime.date,
    location_id: int | None = None,
    service_code: str = "",
    team_class_id: int | None = None,
    therapist_id: int | None = None,
) -> KpiFilters:
    """The filters, if the period is allowed and every id is the user's municipality's; another
    municipality's place, class or therapist is not found (404), never counted."""
    municipality = user.municipality
    if municipality is None:
        raise PermissionDenied(_("Din bruger er ikke knyttet til en kommune."))
    problem = period_problem(period_start, period_end)
    if problem:
        raise ValidationError({"date_to": [problem]})
    if service_code:
        try:
            known = {service.code for service in services_in_force(municipality, today)}
        except RulesError:
            known = set()
        if service_code not in known:
            raise ValidationError(
                {"service_code": [_("Kvalitetsstandarden i kraft i dag har ikke den indsats.")]}
            )
    return KpiFilters(
        municipality_id=municipality.pk,
        period_start=period_start,
        period_end=period_end,
        location_id=_own(Location, location_id, municipality.pk, _("Træningsstedet findes ikke.")),
        service_code=service_code,
        team_class_id=_own(TeamClass, team_class_id, municipality.pk, _("Holdet findes ikke.")),
        therapist_id=_own(Therapist, therapist_id, municipality.pk, _("Terapeuten findes ikke.")),
    )
