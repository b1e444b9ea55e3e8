"""The standard page's choices: the date, and what to compare with."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.web.forms import DanishDateField, style_fields


class StandardQueryForm(forms.Form):
    dato = DanishDateField(
        label=_("Standarden pr. dato"),
        required=False,
    )
    sammenlign = forms.ChoiceField(
        label=_("Sammenlign med kommune"),
        required=False,
        help_text=_("Vælg den viste kommune for at sammenligne med en anden dato."),
    )
    sammenlign_dato = DanishDateField(
        label=_("Sammenlign med dato"),
        required=False,
        help_text=_("Uden dato sammenlignes på samme dato."),
    )

    def __init__(self, *args, municipalities: tuple[tuple[str, str], ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sammenlign"].choices = [("", _("Ingen sammenligning")), *municipalities]
        # After the choices: styling looks at the errors, which validates the form.
        style_fields(self)
