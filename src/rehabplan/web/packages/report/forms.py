"""The report's period: from and to, typed as Danish dates."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.reporting.kpi.period import MAX_PERIOD_YEARS
from rehabplan.web.dashboard.forms import default_period
from rehabplan.web.forms import DanishDateField, style_fields


class ReportPeriodForm(forms.Form):
    fra = DanishDateField(label=_("Fra og med"))
    til = DanishDateField(label=_("Til og med"))

    def __init__(self, data: Any, *, today: datetime.date) -> None:
        data = data.copy()
        start, end = default_period(today)
        # An empty field means the default period, so the first visit shows figures.
        if not data.get("fra"):
            data["fra"] = start.strftime("%d-%m-%Y")
        if not data.get("til"):
            data["til"] = end.strftime("%d-%m-%Y")
        super().__init__(data)
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("fra"), cleaned.get("til")
        if start and end:
            if end < start:
                self.add_error("til", _("Slutdatoen kan ikke ligge før startdatoen."))
            elif (end - start).days > MAX_PERIOD_YEARS * 366:
                self.add_error("til", _("Perioden kan højst være 3 år."))
        return cleaned
