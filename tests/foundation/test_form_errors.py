"""A service's Danish errors land where the user looks: on the field, else at the top."""

from django import forms
from django.core.exceptions import ValidationError

from rehabplan.web.form_errors import add_service_errors


class _DateForm(forms.Form):
    decided_on = forms.DateField()


def _bound_form() -> _DateForm:
    form = _DateForm({"decided_on": "2026-12-02"})
    assert form.is_valid()
    return form


def test_an_error_about_a_field_of_the_form_is_shown_on_that_field() -> None:
    form = _bound_form()
    add_service_errors(form, ValidationError({"decided_on": "Datoen ligger i fremtiden."}))
    assert form.errors == {"decided_on": ["Datoen ligger i fremtiden."]}


def test_an_error_about_a_field_the_form_lacks_is_shown_at_the_top() -> None:
    form = _bound_form()
    add_service_errors(form, ValidationError({"referral": "Henvisningen er afgjort."}))
    assert form.non_field_errors() == ["Henvisningen er afgjort."]


def test_an_error_about_no_field_is_shown_at_the_top() -> None:
    form = _bound_form()
    add_service_errors(form, ValidationError(["Forløbet er lukket.", "Ring til borgeren."]))
    assert form.non_field_errors() == ["Forløbet er lukket.", "Ring til borgeren."]
