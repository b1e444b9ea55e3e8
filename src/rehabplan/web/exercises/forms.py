"""The exercise library's search: free text and four filters, sent as a GET form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.exercises.vocabulary import COURSE_GROUPS, FUNCTIONS, LEVELS, REGIONS
from rehabplan.web.forms import style_fields


def _choice(label: str, everything: str, choices: dict, invalid: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", everything), *((str(key), text) for key, text in choices.items())],
        error_messages={"invalid_choice": invalid},
    )


class ExerciseSearchForm(forms.Form):
    tekst = forms.CharField(
        label=_("Søg i øvelserne"),
        required=False,
        max_length=100,
        help_text=_("Fx navn, kropsdel eller udstyr."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Skriv højst 100 tegn.")},
    )
    formaal = _choice(
        _("Formål"), _("Alle formål"), FUNCTIONS, _("Vælg et af formålene på listen.")
    )
    omraade = _choice(
        _("Kropsområde"), _("Alle kropsområder"), REGIONS, _("Vælg et af kropsområderne på listen.")
    )
    niveau = _choice(_("Niveau"), _("Alle niveauer"), LEVELS, _("Vælg et af niveauerne på listen."))
    forloeb = _choice(
        _("Forløbsgruppe"),
        _("Alle forløbsgrupper"),
        COURSE_GROUPS,
        _("Vælg en af forløbsgrupperne på listen."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)

    def search_arguments(self) -> dict:
        """The library's search arguments from a valid form."""
        data = self.cleaned_data
        return {
            "text": data.get("tekst") or "",
            "function": data.get("formaal") or "",
            "region": data.get("omraade") or "",
            "level": int(data["niveau"]) if data.get("niveau") else None,
            "course": data.get("forloeb") or "",
        }
