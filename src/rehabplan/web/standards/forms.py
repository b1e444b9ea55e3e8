"""The standard page's choices: the date, and what to compare with."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.web.forms import style_fields

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Skriv datoen som dd-mm-åååå, fx 01-07-2025.")}


class StandardQueryForm(forms.Form):
    dato = forms.DateField(
        label=_("Standarden pr. dato"),
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"],
    )
    sammenlign = forms.ChoiceField(
        label=_("Sammenlign med kommune"),
        required=False,
        help_text=_("Vælg den viste kommune for at sammenligne med en anden dato."),
    )
    sammenlign_dato = forms.DateField(
        label=_("Sammenlign med dato"),
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"],
        help_text=_("Uden dato sammenlignes på samme dato."),
    )

    def __init__(self, *args, municipalities: tuple[tuple[str, str], ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sammenlign"].choices = [("", _("Ingen sammenligning")), *municipalities]
        # After the choices: styling looks at the errors, which validates the form.
        style_fields(self)
