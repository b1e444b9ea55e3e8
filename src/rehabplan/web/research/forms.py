from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rehabplan.reporting.models import ResearchExportFormat
from rehabplan.reporting.research.services import check_period
from rehabplan.web.forms import DanishDateField, DkfdsFormMixin


class ResearchExportForm(DkfdsFormMixin, forms.Form):
    first_day = DanishDateField(
        label=_("Forløb startet fra og med"),
        error_messages={"required": _("Skriv periodens første dag.")},
    )
    last_day = DanishDateField(
        label=_("Forløb startet til og med"),
        error_messages={"required": _("Skriv periodens sidste dag.")},
    )
    file_format = forms.ChoiceField(
        label=_("Filformat"),
        choices=ResearchExportFormat.choices,
        initial=ResearchExportFormat.CSV,
        help_text=_("CSV kan åbnes i et regneark; Parquet læses af R, Python og Stata."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("first_day") and data.get("last_day"):
            try:
                check_period(data["first_day"], data["last_day"])
            except ValidationError as error:
                for message in error.message_dict.get("to", error.messages):
                    self.add_error("last_day", message)
        return data
