"""The calendar's date picker and, for the leader, the choice of therapist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.models import Therapist
from rehabplan.organisation.selectors import active_therapists
from rehabplan.web.forms import DanishDateField, style_fields


class CalendarForm(forms.Form):
    dag = DanishDateField(label=_("Dato"), required=False)
    terapeut = forms.ModelChoiceField(
        label=_("Terapeut"),
        queryset=Therapist.objects.none(),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Vælg en af kommunens terapeuter.")},
    )

    def __init__(self, *args: Any, municipality_id: int | None, may_choose: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if may_choose:
            field = self.fields["terapeut"]
            field.queryset = active_therapists(municipality_id)
            field.label_from_instance = lambda therapist: therapist.name
        else:
            del self.fields["terapeut"]
        # Styled last: styling reads the errors, which must be found with the fields as set here.
        style_fields(self)
