"""Forms for choosing a course's training package and a class's package."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, PHASES
from rehabplan.web.forms import CHOOSE_FROM_LIST, DkfdsFormMixin, style_fields


def _choices(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [("", _("Vælg")), *labels.items()]


class TargetGroupForm(DkfdsFormMixin, forms.Form):
    """The citizen's dementia type, phase and living, which decide the matching packages."""

    dementia_type = forms.ChoiceField(
        label=_("Demenstype"),
        choices=_choices(DEMENTIA_TYPES),
        error_messages={
            "required": _("Vælg borgerens demenstype."),
            "invalid_choice": CHOOSE_FROM_LIST,
        },
    )
    phase = forms.ChoiceField(
        label=_("Fase"),
        choices=_choices(PHASES),
        error_messages={"required": _("Vælg sygdommens fase."), "invalid_choice": CHOOSE_FROM_LIST},
    )
    living = forms.ChoiceField(
        label=_("Boform"),
        choices=_choices(LIVING),
        error_messages={
            "required": _("Vælg, hvor borgeren bor."),
            "invalid_choice": CHOOSE_FROM_LIST,
        },
    )


class _TargetFields(forms.Form):
    dementia_type = TargetGroupForm.base_fields["dementia_type"]
    phase = TargetGroupForm.base_fields["phase"]
    living = TargetGroupForm.base_fields["living"]


class AssignForm(_TargetFields):
    """The target group and the chosen package, with the deviation from the target group."""

    package = forms.ChoiceField(
        label=_("Træningspakke"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg en træningspakke."),
            "invalid_choice": CHOOSE_FROM_LIST,
        },
    )
    deviate = forms.BooleanField(label=_("Fravig målgruppen"), required=False)
    deviation_reason = forms.CharField(
        label=_("Begrundelse for at fravige målgruppen"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Begrundelsen må højst være 1000 tegn.")},
    )

    def __init__(self, *args: Any, package_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["package"].choices = package_choices
        # Styled last: styling reads the errors, which must be judged against these choices.
        style_fields(self)


class ClassPackageForm(forms.Form):
    package = forms.ChoiceField(
        label=_("Træningspakke"),
        error_messages={
            "required": _("Vælg en træningspakke."),
            "invalid_choice": CHOOSE_FROM_LIST,
        },
    )

    def __init__(self, *args: Any, package_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["package"].choices = [("", _("Vælg")), *package_choices]
        style_fields(self)


class PlaceOnClassForm(forms.Form):
    team_class = forms.IntegerField(
        error_messages={"required": CHOOSE_FROM_LIST, "invalid": CHOOSE_FROM_LIST},
        widget=forms.HiddenInput,
    )
