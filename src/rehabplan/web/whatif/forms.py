from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.web.forms import DkfdsFormMixin


class DraftUploadForm(DkfdsFormMixin, forms.Form):
    draft = forms.FileField(
        label=_("Udkast til kvalitetsstandard (TOML-fil)"),
        help_text=_(
            "Standardfilen for din kommune med de ændringer, du overvejer, fx en anden startfrist "
            "eller færre gange. Den nyeste version i filen afprøves på de sidste 12 måneders "
            "henvisninger og forløb."
        ),
        error_messages={"required": _("Vælg en fil med udkastet.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".toml,text/plain"}),
    )
