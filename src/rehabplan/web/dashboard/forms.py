"""The dashboard's filters: a GET form whose every choice is of the user's municipality."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehabplan.courses.standard_services import services_in_force
from rehabplan.organisation.models import Location, TeamClass, Therapist
from rehabplan.reporting.kpi.figures import KpiFilters
from rehabplan.reporting.kpi.period import period_problem
from rehabplan.web.forms import CHOOSE_FROM_LIST, DanishDateField, optional_choice_of, style_fields

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

FILTER_FIELDS = ("fra", "til", "sted", "ydelse", "hold", "terapeut")


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last 12 whole months and the days of this month up to today."""
    year, month = today.year, today.month - 12
    if month < 1:
        year, month = year - 1, month + 12
    return datetime.date(year, month, 1), today


class KpiFilterForm(forms.Form):
    fra = DanishDateField(label=_("Fra og med"))
    til = DanishDateField(label=_("Til og med"))
    sted = optional_choice_of(
        Location,
        _("Træningssted"),
        empty_label=_("Alle steder"),
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )
    ydelse = forms.ChoiceField(
        label=_("Indsats"), required=False, error_messages={"invalid_choice": CHOOSE_FROM_LIST}
    )
    hold = optional_choice_of(
        TeamClass,
        _("Hold"),
        empty_label=_("Alle hold"),
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )
    terapeut = optional_choice_of(
        Therapist,
        _("Terapeut"),
        empty_label=_("Alle terapeuter"),
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )

    def __init__(self, data: Any, *, user: User, today: datetime.date | None = None) -> None:
        today = today or timezone.localdate()
        data = data.copy()
        start, end = default_period(today)
        # An empty period field means the default, so the first visit is a bound, valid form.
        if not data.get("fra"):
            data["fra"] = start.strftime("%d-%m-%Y")
        if not data.get("til"):
            data["til"] = end.strftime("%d-%m-%Y")
        super().__init__(data)
        municipality = user.municipality
        self.municipality = municipality
        # Only the user's municipality's choices: another's id is an invalid choice.
        self.fields["sted"].queryset = Location.objects.filter(municipality=municipality)
        self.fields["hold"].queryset = TeamClass.objects.filter(
            municipality=municipality
        ).select_related("location")
        self.fields["terapeut"].queryset = Therapist.objects.filter(municipality=municipality)
        self.fields["hold"].label_from_instance = lambda team: f"{team.name} ({team.location})"
        self.fields["terapeut"].label_from_instance = lambda therapist: therapist.name
        self.fields["ydelse"].choices = [
            ("", _("Alle indsatser")),
            *((service.code, service.name) for service in services_in_force(municipality, today)),
        ]
        # Styled last: styling reads the errors, which must be judged against these choices.
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("fra"), cleaned.get("til")
        if start and end:
            problem = period_problem(start, end)
            if problem:
                self.add_error("til", problem)
        return cleaned

    def filters(self) -> KpiFilters:
        """The valid form's choices as the sections take them."""
        data = self.cleaned_data
        return KpiFilters(
            municipality_id=self.municipality.pk,
            period_start=data["fra"],
            period_end=data["til"],
            location_id=data["sted"].pk if data["sted"] else None,
            service_code=data["ydelse"] or "",
            team_class_id=data["hold"].pk if data["hold"] else None,
            therapist_id=data["terapeut"].pk if data["terapeut"] else None,
        )
