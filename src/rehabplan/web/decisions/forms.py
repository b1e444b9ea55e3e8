"""Forms for the assessment and decision screens. Validation of the rules lives in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rehabplan.courses.models import AssessmentPhase, DecisionOutcome, FunctionLevel, GopLevel
from rehabplan.courses.selectors.decisions import (
    PROGRAMME_LABELS,
    AnswerableCriterion,
    DecisionAnswers,
    ExtentDefaults,
)
from rehabplan.courses.services.assessments import FsiiiArea
from rehabplan.web.forms import DanishDateField, DkfdsFormMixin, style_fields

YES_NO = [("", _("Ikke oplyst")), ("yes", _("Ja")), ("no", _("Nej"))]
JUDGEMENT = [("", _("Ikke vurderet")), ("yes", _("Opfyldt")), ("no", _("Ikke opfyldt"))]
LEVEL_CHOICES = [("", _("Ikke vurderet"))] + [
    (str(value), label) for value, label in FunctionLevel.choices
]


def _forget_validation(form: forms.Form) -> None:
    # The design-system mixin looks at errors while it sets up the widgets, which validates a
    # bound form before the fields added afterwards exist; validate again with all of them.
    form._errors = None
    if hasattr(form, "cleaned_data"):
        del form.cleaned_data


def _tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _field_name(code: str) -> str:
    return "fsiii_" + code.replace("-", "_")


def _area_field_name(number: int) -> str:
    return f"area_{number}_not_relevant"


class AssessmentForm(DkfdsFormMixin, forms.Form):
    phase = forms.ChoiceField(label=_("Tidspunkt"), choices=AssessmentPhase.choices)
    assessed_on = DanishDateField(
        label=_("Vurderet den"),
        error_messages={
            "required": _("Skriv datoen for vurderingen."),
        },
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort om borgerens funktionsevne i hverdagen."),
    )

    def __init__(
        self,
        *args: Any,
        areas: list[FsiiiArea],
        prefill: dict[str, int] | None = None,
        **kwargs: Any,
    ) -> None:
        self.areas = areas
        self.level_fields: dict[str, str] = {}
        super().__init__(*args, **kwargs)
        prefill = prefill or {}
        for number, area in enumerate(areas):
            self.fields[_area_field_name(number)] = forms.BooleanField(
                label=_("Hele området %(area)s er ikke relevant") % {"area": area.area.display},
                help_text=_("Sætter alle områdets punkter til 9 (ikke relevant), når du gemmer."),
                required=False,
                widget=forms.CheckboxInput(attrs={"data-area-not-relevant": "true"}),
            )
            for concept in area.concepts:
                name = _field_name(concept.code)
                self.fields[name] = forms.ChoiceField(
                    label=concept.display,
                    choices=LEVEL_CHOICES,
                    required=False,
                    initial=str(prefill[concept.code]) if concept.code in prefill else "",
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
                self.level_fields[name] = concept.code
        style_fields(self)
        _forget_validation(self)

    def grouped(self) -> list[tuple[FsiiiArea, forms.BoundField, list[forms.BoundField]]]:
        return [
            (
                area,
                self[_area_field_name(number)],
                [self[_field_name(concept.code)] for concept in area.concepts],
            )
            for number, area in enumerate(self.areas)
        ]

    def levels(self) -> dict[str, int]:
        """The chosen levels; an area ticked "ikke relevant" gives 9 for each of its items,
        whatever its dropdowns say (the page works the same with and without JavaScript)."""
        levels = {
            code: int(self.cleaned_data[name])
            for name, code in self.level_fields.items()
            if self.cleaned_data.get(name) not in (None, "")
        }
        for number, area in enumerate(self.areas):
            if self.cleaned_data.get(_area_field_name(number)):
                levels.update(
                    dict.fromkeys((c.code for c in area.concepts), int(FunctionLevel.NOT_RELEVANT))
                )
        return levels


class DecisionForm(DkfdsFormMixin, forms.Form):
    """Grant or refusal, with the visitator's answers the engine needs."""

    decided_on = DanishDateField(
        label=_("Afgørelsesdato"),
        error_messages={
            "required": _("Skriv afgørelsesdatoen."),
        },
    )
    motivated = forms.ChoiceField(
        label=_("Er borgeren motiveret for træning?"), choices=YES_NO, required=False
    )
    can_train_alone = forms.ChoiceField(
        label=_("Kan borgeren træne på egen hånd eller i andet regi?"),
        choices=YES_NO,
        required=False,
    )
    needs_pt_and_ot = forms.ChoiceField(
        label=_("Er der behov for både fysio- og ergoterapeut?"), choices=YES_NO, required=False
    )
    programme = forms.ChoiceField(
        label=_("Forløbsprogram (§ 119)"),
        choices=[("", _("Ikke oplyst"))] + list(PROGRAMME_LABELS.items()),
        required=False,
    )
    outcome = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[
            ("", _("Vælg")),
            (DecisionOutcome.GRANTED.value, _("Bevilling")),
            (DecisionOutcome.REFUSED.value, _("Afslag")),
        ],
        error_messages={"required": _("Vælg bevilling eller afslag.")},
    )
    extent_tier = forms.ChoiceField(
        label=_("Trin i kvalitetsstandardens omfang"),
        required=False,
        help_text=_("Standarden har flere trin; vælg det, borgeren bevilges."),
    )
    granted_sessions = forms.IntegerField(
        label=_("Antal gange i alt"), required=False, min_value=1, max_value=200
    )
    sessions_per_week = forms.IntegerField(
        label=_("Gange pr. uge"), required=False, min_value=1, max_value=14
    )
    granted_weeks = forms.IntegerField(
        label=_("Antal uger"), required=False, min_value=1, max_value=104
    )
    period_start = DanishDateField(
        label=_("Periode fra"),
        required=False,
    )
    period_end = DanishDateField(
        label=_("Periode til"),
        required=False,
        help_text=_("Tom: beregnes ud fra antal uger eller standardens længste periode."),
    )
    deviation_reason = forms.CharField(
        label=_("Begrundelse for afvigelse fra standardens omfang"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes, når omfanget afviger fra kvalitetsstandarden."),
    )
    refusal_reason = forms.CharField(
        label=_("Begrundelse for afslag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Står i brevet til borgeren sammen med de kriterier, der ikke er opfyldt."),
    )

    def __init__(
        self,
        *args: Any,
        answerable: tuple[AnswerableCriterion, ...] = (),
        asks_programme: bool = False,
        tiers: tuple[Any, ...] = (),
        length_range: Any = None,
        **kwargs: Any,
    ) -> None:
        self.judgement_fields: dict[str, str] = {}
        super().__init__(*args, **kwargs)
        for index, criterion in enumerate(answerable):
            name = f"judgement_{index}"
            self.fields[name] = forms.ChoiceField(
                label=criterion.text,
                choices=JUDGEMENT,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.judgement_fields[name] = criterion.key
        # The programme is asked only where a criterion of the standard depends on it.
        if not asks_programme:
            del self.fields["programme"]
        if tiers:
            self.fields["extent_tier"].choices = [("", _("Vælg trin"))] + [
                (tier.name, tier_label(tier)) for tier in tiers
            ]
        else:
            del self.fields["extent_tier"]
        if length_range is not None:
            field = "granted_weeks" if length_range.unit == "weeks" else "granted_sessions"
            unit = _("uger") if length_range.unit == "weeks" else _("gange")
            self.fields[field].help_text = _(
                "Kvalitetsstandarden: afgørelsen fastsætter mellem %(low)d og %(high)d %(unit)s."
            ) % {"low": length_range.minimum, "high": length_range.maximum, "unit": unit}
        _forget_validation(self)

    def judgement_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.judgement_fields]

    def answers(self) -> DecisionAnswers:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        judgements = {}
        for name, key in self.judgement_fields.items():
            value = _tri(data.get(name, ""))
            if value is not None:
                judgements[key] = value
        return DecisionAnswers(
            needs_pt_and_ot=_tri(data.get("needs_pt_and_ot", "")),
            motivated=_tri(data.get("motivated", "")),
            can_train_alone=_tri(data.get("can_train_alone", "")),
            programme=data.get("programme") or None,
            judgements=judgements,
        )

    def extent_values(self) -> dict[str, Any]:
        values = {
            name: self.cleaned_data.get(name)
            for name in (
                "granted_sessions",
                "sessions_per_week",
                "granted_weeks",
                "period_start",
                "period_end",
            )
        }
        values["extent_tier"] = self.cleaned_data.get("extent_tier") or ""
        return values


def tier_label(tier: Any) -> str:
    """A tier as the visitator sees it: its name from the standard and its limits."""
    parts = []
    if tier.max_sessions:
        parts.append(
            ngettext("højst %(count)d gang", "højst %(count)d gange", tier.max_sessions)
            % {"count": tier.max_sessions}
        )
    if tier.max_weeks:
        parts.append(
            ngettext("højst %(count)d uge", "højst %(count)d uger", tier.max_weeks)
            % {"count": tier.max_weeks}
        )
    if tier.max_sessions_per_week:
        parts.append(
            ngettext(
                "højst %(count)d gang om ugen",
                "højst %(count)d gange om ugen",
                tier.max_sessions_per_week,
            )
            % {"count": tier.max_sessions_per_week}
        )
    return f"{tier.name} ({', '.join(parts)})" if parts else tier.name


def decision_initial(defaults: ExtentDefaults, decided_on: Any) -> dict[str, Any]:
    """The form's starting values: the engine's extent for the decision date."""
    return {
        "decided_on": decided_on,
        "granted_sessions": defaults.sessions,
        "sessions_per_week": defaults.sessions_per_week,
        "granted_weeks": defaults.weeks,
        "period_start": defaults.period_start,
        "period_end": defaults.period_end,
    }


class PlanForm(DkfdsFormMixin, forms.Form):
    """SUL140: level and plan, no grant or refusal."""

    decided_on = DanishDateField(
        label=_("Dato"),
        error_messages={
            "required": _("Skriv datoen."),
        },
    )
    level = forms.ChoiceField(
        label=_("Niveau"),
        choices=[("", _("Vælg"))] + list(GopLevel.choices),
        error_messages={"required": _("Vælg niveau: basal eller avanceret.")},
    )
    plan_text = forms.CharField(
        label=_("Plan for genoptræningen"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Indhold, træningsform og hyppighed; står i planbrevet til borgeren."),
        error_messages={"required": _("Skriv planen for genoptræningen.")},
    )


class ReceiptForm(DkfdsFormMixin, forms.Form):
    received_on = DanishDateField(
        label=_("Borgeren modtog brevet den"),
        help_text=_("Klagefristen regnes fra denne dato."),
        error_messages={
            "required": _("Skriv datoen, hvor borgeren modtog brevet."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
