from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, PHASES


def _choices(vocabulary: dict[str, str], everyone: str) -> list[tuple[str, str]]:
    return [("", everyone), *vocabulary.items()]


class PackageFilterForm(forms.Form):
    demenstype = forms.ChoiceField(
        label=_("Demenstype"), required=False, choices=_choices(DEMENTIA_TYPES, _("Alle typer"))
    )
    fase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=_choices(PHASES, _("Alle faser"))
    )
    boform = forms.ChoiceField(
        label=_("Boform"), required=False, choices=_choices(LIVING, _("Alle boformer"))
    )

    def matching_arguments(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "dementia_type": data.get("demenstype", ""),
            "phase": data.get("fase", ""),
            "living": data.get("boform", ""),
        }
