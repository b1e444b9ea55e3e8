from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.web.forms import DkfdsFormMixin


class AlertPreferenceForm(DkfdsFormMixin, forms.Form):
    by_email = forms.BooleanField(
        label=_("Send mig også mine fristvarsler som e-mail"),
        required=False,
        help_text=_(
            "E-mailen nævner kun fristen, datoen og et link til sagen, aldrig borgerens navn "
            "eller helbredsoplysninger."
        ),
    )
