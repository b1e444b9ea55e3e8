from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rehabplan.citizens.cpr import normalise_cpr
from rehabplan.citizens.models import Citizen, ConsentScope

CHOOSE_FROM_LIST = _("Vælg en af mulighederne på listen.")


def optional_choice_of(
    model: type[models.Model], label: str, *, empty_label: str = _("Ikke valgt"), **kwargs: Any
) -> forms.ModelChoiceField:
    """A list of records that may be left unchosen. It starts empty: the form's __init__ offers
    the user's municipality's own records, so another's id is an invalid choice."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.none(),
        required=False,
        empty_label=empty_label,
        **kwargs,
    )


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


DATE_PLACEHOLDER = "dd-mm-åååå"
DATE_HINT = _("Skriv datoen som dd-mm-åååå, fx 02-12-2026.")
DATE_INVALID = _("Skriv datoen som dd-mm-åååå, fx 02-12-2026.")
DATETIME_PLACEHOLDER = "dd-mm-åååå tt.mm"


class DanishDateInput(forms.DateInput):
    """The one date input of the UI: a text field showing dd-mm-åååå.

    A text field rather than the browser's date picker, which shows each browser's own format.
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": DATE_PLACEHOLDER, "autocomplete": "off", "size": "10"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d-%m-%Y")


class DanishDateField(forms.DateField):
    """A date typed as dd-mm-åååå (also 02.12.2026, 02/12/2026, 02122026 or ISO, as the locale
    formats in rehabplan/formats/da allow), with the typing hint tied to the input."""

    widget = DanishDateInput
    default_error_messages = {"invalid": DATE_INVALID, "required": _("Skriv en dato.")}

    def __init__(self, **kwargs: Any) -> None:
        help_text = kwargs.pop("help_text", "")
        kwargs["help_text"] = format_lazy("{} {}", help_text, DATE_HINT) if help_text else DATE_HINT
        super().__init__(**kwargs)


class DkfdsFormMixin:
    """Give every widget the design system's classes and tie hints and errors to the input."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)


class CprField(forms.CharField):
    """The one field a CPR number is typed into: "ddmmåå-xxxx" or "ddmmååxxxx", cleaned to the
    ten digits, with the Danish reason when the number cannot be a CPR number."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("CPR-nummer"))
        kwargs.setdefault("max_length", 11)  # ten digits and the hyphen
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"})
        )
        kwargs.setdefault("help_text", _("Fx 010150-1234 eller 0101501234."))
        error_messages = {
            "required": _("Skriv borgerens CPR-nummer."),
            "max_length": _("CPR-nummeret skal have 10 cifre."),
        }
        error_messages.update(kwargs.pop("error_messages", None) or {})
        super().__init__(error_messages=error_messages, **kwargs)

    def to_python(self, value: Any) -> str:
        # Spaces around or inside the number are typing noise, not part of it.
        return "".join(str(value or "").split())

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return normalise_cpr(value) if value else value


class CitizenSearchForm(forms.Form):
    term = forms.CharField(
        label=_("Navn eller CPR-nummer"),
        max_length=100,
        error_messages={"required": _("Skriv et navn eller et CPR-nummer.")},
    )

    def clean_term(self) -> str:
        # The first digits of a CPR number are a fine search; a whole number (ten digits or more,
        # or written with its hyphen) that cannot be a CPR number would only find nobody.
        term = self.cleaned_data["term"]
        compact = "".join(term.split())
        digits = compact.replace("-", "")
        looks_like_cpr = digits.isdigit() and (len(digits) >= 10 or "-" in compact)
        if looks_like_cpr:
            try:
                normalise_cpr(compact)
            except ValidationError as error:
                raise ValidationError(
                    _("Det er ikke et gyldigt CPR-nummer. %(reason)s")
                    % {"reason": " ".join(error.messages)},
                    code="invalid_cpr",
                ) from None
        return term


class CitizenForm(DkfdsFormMixin, forms.ModelForm):
    cpr = CprField()

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
            "digital_post_exempt",
        ]
        error_messages = {
            "first_name": {"required": _("Skriv borgerens fornavn.")},
            "last_name": {"required": _("Skriv borgerens efternavn.")},
            "email": {"invalid": _("Skriv en gyldig e-mailadresse.")},
        }

    def _post_clean(self) -> None:
        # Validation lives in the service, which the form's view calls; skip model validation here.
        pass


class ConsentForm(DkfdsFormMixin, forms.Form):
    scope = forms.ChoiceField(
        label=_("Samtykke til"),
        choices=ConsentScope.choices,
        error_messages={"required": _("Vælg hvad samtykket gælder.")},
    )
    given_on = DanishDateField(
        label=_("Givet den"),
        error_messages={"required": _("Skriv datoen samtykket blev givet.")},
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)


class ConsentWithdrawForm(DkfdsFormMixin, forms.Form):
    withdrawn_on = DanishDateField(
        label=_("Trukket tilbage den"),
        error_messages={"required": _("Skriv datoen samtykket blev trukket tilbage.")},
    )
