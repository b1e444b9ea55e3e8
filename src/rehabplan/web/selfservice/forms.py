from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rehabplan.citizens.cpr import normalise_cpr
from rehabplan.selfservice.login.codes import CODE_DIGITS
from rehabplan.selfservice.models import CodeChannel
from rehabplan.web.forms import style_fields


class CodeRequestForm(forms.Form):
    cpr = forms.CharField(
        label=_("Dit CPR-nummer"),
        help_text=_("10 cifre, fx 010150-1234."),
        max_length=20,
        error_messages={"required": _("Skriv dit CPR-nummer.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    channel = forms.ChoiceField(
        label=_("Hvordan vil du have koden?"),
        choices=[
            (CodeChannel.SMS, _("SMS til min mobil")),
            (CodeChannel.EMAIL, _("E-mail")),
        ],
        initial=CodeChannel.SMS,
        error_messages={"required": _("Vælg SMS eller e-mail.")},
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)
        self.fields["channel"].widget.attrs["class"] = "form-radio"

    def clean_cpr(self) -> str:
        # The register's own rule and wording (python-stdnum), as staff get when they type it.
        return normalise_cpr(self.cleaned_data["cpr"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Koden"),
        help_text=_("%(digits)d cifre fra din SMS eller e-mail.") % {"digits": CODE_DIGITS},
        max_length=20,
        error_messages={"required": _("Skriv koden.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != CODE_DIGITS:
            raise ValidationError(
                _("Koden er %(digits)d cifre. Skriv kun tallene.") % {"digits": CODE_DIGITS}
            )
        return code
