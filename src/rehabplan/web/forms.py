from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.citizens.models import Citizen, ConsentScope


def style_fields(form: forms.Form) -> None:
    """The design system's classes on every widget, with hints and errors tied to the input.

    Forms whose fields are added after construction call this at the end of their __init__.
    """
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-checkbox")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-input")
        described_by = []
        if field.help_text:
            described_by.append(f"id_{name}-hint")
        if form.is_bound and name in form.errors:
            described_by.append(f"id_{name}-error")
            widget.attrs["aria-invalid"] = "true"
        if described_by:
            widget.attrs["aria-describedby"] = " ".join(described_by)


class DkfdsFormMixin:
    """Give every widget the design system's classes and tie hints and errors to the input."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        style_fields(self)


class CitizenSearchForm(forms.Form):
    term = forms.CharField(
        label=_("Navn eller CPR-nummer"),
        max_length=100,
        error_messages={"required": _("Skriv et navn eller et CPR-nummer.")},
    )


class CitizenForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Citizen
        fields = [
            "cpr",
            "first_name",
            "last_name",
            "address",
            "postcode",
            "city",
            "phone",
            "email",
            "gp_name",
            "gp_clinic",
            "gp_phone",
            "covered_by_aeldreloven",
        ]
        error_messages = {
            "cpr": {"required": _("Skriv borgerens CPR-nummer.")},
            "first_name": {"required": _("Skriv borgerens fornavn.")},
            "last_name": {"required": _("Skriv borgerens efternavn.")},
            "email": {"invalid": _("Skriv en gyldig e-mailadresse.")},
        }
        widgets = {"cpr": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"})}

    def _post_clean(self) -> None:
        # Validation lives in the service, which the form's view calls; skip model validation here.
        pass


class ConsentForm(DkfdsFormMixin, forms.Form):
    scope = forms.ChoiceField(
        label=_("Samtykke til"),
        choices=ConsentScope.choices,
        error_messages={"required": _("Vælg hvad samtykket gælder.")},
    )
    given_on = forms.DateField(
        label=_("Givet den"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Skriv datoen samtykket blev givet."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)


class ConsentWithdrawForm(DkfdsFormMixin, forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Trukket tilbage den"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Skriv datoen samtykket blev trukket tilbage."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )
