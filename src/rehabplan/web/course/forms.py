"""Forms for the therapist's course screens. Validation of rules lives in the services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehabplan.courses.models import (
    AttendanceStatus,
    GoalStatus,
    MeasurementPhase,
    SessionKind,
)
from rehabplan.courses.models.notes import (
    NOTE_MAX_LENGTH,
    STANDALONE_NOTE_KINDS,
    NoteKind,
    note_too_long_message,
)
from rehabplan.courses.services.sessions import CANCELLED_BY_CITIZEN, KNOWN_FROM_THE_START
from rehabplan.organisation.models import (
    WEEKDAY_CHOICES,
    Location,
    Municipality,
    TeamClass,
    Therapist,
)
from rehabplan.organisation.selectors import (
    active_locations,
    active_team_classes,
    active_therapists,
)
from rehabplan.reference.outcome_tests import all_outcome_tests
from rehabplan.web.forms import (
    DATETIME_PLACEHOLDER,
    DanishDateField,
    DkfdsFormMixin,
    optional_choice_of,
    style_fields,
)

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
COPM_HINT = _("Valgfrit: 1-10")


def aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def test_choices(blank: bool = True) -> list[tuple[str, str]]:
    choices = [(t.code, f"{t.name} ({t.unit})") for t in all_outcome_tests()]
    return ([("", _("Ingen test"))] if blank else []) + choices


def copm_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=10,
        help_text=COPM_HINT,
        error_messages={
            "min_value": _("COPM-scoren skal være fra 1 til 10."),
            "max_value": _("COPM-scoren skal være fra 1 til 10."),
            "invalid": _("Skriv et helt tal fra 1 til 10."),
        },
    )


class CourseCreateForm(forms.Form):
    therapist = optional_choice_of(Therapist, _("Fast terapeut"))
    team_class = optional_choice_of(TeamClass, _("Hold"))

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = active_therapists(municipality)
        self.fields["team_class"].queryset = active_team_classes(municipality)
        style_fields(self)


def note_field(**kwargs: Any) -> forms.CharField:
    """A textarea for a journal note, with the notes' length limit and its Danish message."""
    error_messages = {"max_length": note_too_long_message()}
    error_messages.update(kwargs.pop("error_messages", {}))
    return forms.CharField(max_length=NOTE_MAX_LENGTH, error_messages=error_messages, **kwargs)


class IntakeForm(DkfdsFormMixin, forms.Form):
    intake_on = DanishDateField(label=_("Dato for opstartssamtalen"))
    note = note_field(
        label=_("Forundersøgelse og samtale (notat)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv et notat fra opstartssamtalen.")},
    )
    plan_text = forms.CharField(
        label=_("Plan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PlanForm(DkfdsFormMixin, forms.Form):
    plan_text = forms.CharField(label=_("Plan"), widget=forms.Textarea(attrs={"rows": 3}))


class BlockedWeekdaysForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ugedage borgeren ikke kan træne"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )


class ReasonForm(DkfdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=300,
        error_messages={"required": _("Skriv en begrundelse.")},
    )


class GoalForm(DkfdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Mål med borgerens egne ord"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv målet med borgerens egne ord.")},
    )
    set_on = DanishDateField(label=_("Sat den"))
    copm_performance = copm_field(_("COPM udførelse"))
    copm_satisfaction = copm_field(_("COPM tilfredshed"))


class GoalEvaluationForm(DkfdsFormMixin, forms.Form):
    evaluated_on = DanishDateField(label=_("Evalueret den"))
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    text = forms.CharField(
        label=_("Evaluering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en kort evaluering.")},
    )
    copm_performance = copm_field(_("COPM udførelse"))
    copm_satisfaction = copm_field(_("COPM tilfredshed"))


class MeasurementForm(DkfdsFormMixin, forms.Form):
    test_code = forms.ChoiceField(label=_("Test"), choices=test_choices(blank=False))
    phase = forms.ChoiceField(label=_("Tidspunkt"), choices=MeasurementPhase.choices)
    value = forms.CharField(
        label=_("Resultat (i testens enhed)"),
        max_length=20,
        error_messages={"required": _("Skriv resultatet.")},
    )
    measured_on = DanishDateField(label=_("Dato"))

    def clean_value(self) -> str:
        return self.cleaned_data["value"].replace(",", ".").strip()


class BookingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=SessionKind.choices)
    day = DanishDateField(label=_("Dato"))
    time = forms.TimeField(
        label=_("Klokkeslæt"),
        widget=TIME_WIDGET,
        required=False,
        help_text=_("Ved hold bruges holdets tid."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Varighed (minutter)"), min_value=15, max_value=240, initial=45
    )
    therapist = optional_choice_of(Therapist, _("Terapeut"))
    team_class = optional_choice_of(TeamClass, _("Hold"))
    location = optional_choice_of(Location, _("Sted"))
    replaces = forms.IntegerField(required=False, widget=forms.HiddenInput)
    confirmed = forms.BooleanField(
        label=_("Jeg har læst advarslerne og booker alligevel"), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = active_therapists(municipality)
        self.fields["team_class"].queryset = active_team_classes(municipality)
        self.fields["location"].queryset = active_locations(municipality)
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("kind") != SessionKind.TEAM
            and not data.get("time")
            and "time" not in self.errors
        ):
            self.add_error("time", _("Skriv klokkeslættet."))
        return data

    def starts_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return aware(data["day"], data.get("time") or datetime.time(12, 0))


class CitizenCancellationForm(DkfdsFormMixin, forms.Form):
    cancelled_on = DanishDateField(label=_("Afbud modtaget dato"))
    cancelled_time = forms.TimeField(label=_("Afbud modtaget klokkeslæt"), widget=TIME_WIDGET)

    def cancelled_at(self) -> datetime.datetime:
        return aware(self.cleaned_data["cancelled_on"], self.cleaned_data["cancelled_time"])


class TherapistCancellationForm(DkfdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor aflyses aftalen?"),
        max_length=300,
        error_messages={"required": _("Skriv hvorfor aftalen aflyses.")},
    )
    new_day = DanishDateField(
        label=_("Erstatningstid: dato"),
        required=False,
        help_text=_("Udfyld for at booke erstatningstiden med det samme."),
    )
    new_time = forms.TimeField(
        label=_("Erstatningstid: klokkeslæt"), widget=TIME_WIDGET, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("new_day")) != bool(data.get("new_time")):
            self.add_error("new_time", _("Skriv både dato og klokkeslæt for erstatningstiden."))
        return data

    def replacement_at(self) -> datetime.datetime | None:
        data = self.cleaned_data
        if data.get("new_day") and data.get("new_time"):
            return aware(data["new_day"], data["new_time"])
        return None


class NoteForm(DkfdsFormMixin, forms.Form):
    """A journal note on the course that belongs to no session: a phone call, a talk."""

    # The course page has other forms with a "text" field: the prefix keeps the ids unique.
    prefix = "note"

    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[(kind.value, kind.label) for kind in STANDALONE_NOTE_KINDS],
        initial=NoteKind.GENERAL,
        error_messages={
            "required": _("Vælg typen af notat."),
            "invalid_choice": _("Vælg typen af notat."),
        },
    )
    text = note_field(
        label=_("Notat"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv notatet.")},
    )


class NoteCorrectionForm(DkfdsFormMixin, forms.Form):
    text = note_field(
        label=_("Rettet notat"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv den rettede tekst.")},
    )


ATTENDANCE_CHOICES = [
    (AttendanceStatus.BOOKED, _("Ikke registreret")),
    (AttendanceStatus.ATTENDED, _("Mødt")),
    (CANCELLED_BY_CITIZEN, _("Afbud fra borger (skriv tidspunkt)")),
    (AttendanceStatus.CANCELLED_IN_TIME, _("Afbud fra borger (rettidigt)")),
    (AttendanceStatus.CANCELLED_LATE, _("Afbud fra borger (for sent)")),
    (AttendanceStatus.CANCELLED_BY_THERAPIST, _("Aflyst af terapeut")),
    (AttendanceStatus.NO_SHOW, _("Udeblevet")),
]


class SessionDocumentForm(forms.Form):
    """One row of fields per participant, plus one test for the whole session."""

    test_code = forms.ChoiceField(label=_("Test for hele holdet"), choices=(), required=False)
    phase = forms.ChoiceField(
        label=_("Tidspunkt i forløbet"),
        choices=MeasurementPhase.choices,
        initial=MeasurementPhase.DURING,
    )

    def __init__(
        self, *args: Any, attendances: list[Any], started: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["test_code"].choices = test_choices()
        # Before the start there is no attendance and no test to record, only cancellations.
        self.fields["phase"].required = started
        choices = (
            ATTENDANCE_CHOICES
            if started
            else [choice for choice in ATTENDANCE_CHOICES if choice[0] not in KNOWN_FROM_THE_START]
        )
        self.rows = []
        for attendance in attendances:
            name = attendance.course.citizen.full_name
            prefix = f"a{attendance.pk}"
            self.fields[f"{prefix}_status"] = forms.ChoiceField(
                label=_("Fremmøde for %s") % name,
                choices=choices,
                initial=attendance.status,
            )
            self.fields[f"{prefix}_cancelled_at"] = forms.DateTimeField(
                label=_("Afbud modtaget (%s)") % name,
                required=False,
                widget=forms.DateTimeInput(
                    attrs={"placeholder": DATETIME_PLACEHOLDER, "autocomplete": "off"},
                    format="%d-%m-%Y %H.%M",
                ),
                help_text=_("Skriv dato og klokkeslæt som dd-mm-åååå tt.mm, fx 02-12-2026 09.30."),
            )
            self.fields[f"{prefix}_note"] = note_field(
                label=_("Kort notat om %s") % name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{prefix}_value"] = forms.CharField(
                label=_("Testresultat for %s") % name, required=False, max_length=20
            )
            self.rows.append(
                {
                    "attendance": attendance,
                    "status": self[f"{prefix}_status"],
                    "cancelled_at": self[f"{prefix}_cancelled_at"],
                    "note": self[f"{prefix}_note"],
                    "value": self[f"{prefix}_value"],
                }
            )
        style_fields(self)

    def entries(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        result = []
        for row in self.rows:
            prefix = f"a{row['attendance'].pk}"
            value = (data.get(f"{prefix}_value") or "").replace(",", ".").strip()
            result.append(
                {
                    "attendance_id": row["attendance"].pk,
                    "status": data[f"{prefix}_status"],
                    "note": data.get(f"{prefix}_note") or "",
                    "test_value": value or None,
                    "cancelled_at": data.get(f"{prefix}_cancelled_at"),
                }
            )
        return result


class StatusReportForm(DkfdsFormMixin, forms.Form):
    send_to_citizen = forms.BooleanField(
        label=_("Til borgeren (Digital Post), borgeren har ønsket det"), required=False
    )
    send_to_gp = forms.BooleanField(label=_("Til egen læge (MedCom)"), required=False)
    send_to_hospital = forms.BooleanField(
        label=_("Til det henvisende sygehus (MedCom)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(name) for name in self.fields):
            raise forms.ValidationError(_("Vælg mindst én modtager."))
        return data


EQUIPMENT_CHOICES = [
    ("yes", _("Ja, lånte redskaber er afleveret")),
    ("no", _("Nej, lånte redskaber er ikke afleveret")),
    ("none", _("Borgeren har ikke lånt redskaber")),
]
EQUIPMENT_VALUES = {"yes": True, "no": False, "none": None}


class ClosingForm(forms.Form):
    closing_talk_on = DanishDateField(
        label=_("Dato for afslutningssamtalen"),
        error_messages={"required": _("Skriv datoen for afslutningssamtalen.")},
    )
    self_training_programme = forms.CharField(
        label=_("Selvtræningsprogram"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    continue_training_at = forms.CharField(
        label=_("Hvor træner borgeren videre?"),
        help_text=_("Fx foreninger, Idræt i dagtimerne, eget træningscenter."),
        required=False,
    )
    end_reason = forms.ChoiceField(
        label=_("Afslutningsårsag (fra kvalitetsstandarden)"),
        error_messages={"required": _("Vælg en afslutningsårsag.")},
    )
    end_reason_note = forms.CharField(
        label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    equipment = forms.ChoiceField(
        label=_("Lånte træningsredskaber"),
        choices=[("", _("Vælg")), *EQUIPMENT_CHOICES],
        error_messages={"required": _("Vælg, om borgeren har lånt træningsredskaber.")},
    )
    closing_note = note_field(
        label=_("Notat fra afslutningssamtalen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    send_to_citizen = forms.BooleanField(
        label=_("Send status til borgeren (Digital Post), borgeren har ønsket det"), required=False
    )
    send_to_gp = forms.BooleanField(label=_("Send status til egen læge (MedCom)"), required=False)
    send_to_hospital = forms.BooleanField(
        label=_("Send status til det henvisende sygehus (MedCom)"), required=False
    )

    def __init__(
        self,
        *args: Any,
        reasons: list[tuple[str, str]],
        tests: list[Any],
        fsiii: list[tuple[str, str, int | None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_reason"].choices = [("", _("Vælg årsag")), *reasons]
        self.test_fields = []
        for test in tests:
            name = f"end_{test.code}"
            self.fields[name] = forms.CharField(
                label=_("%(test)s ved slut (%(unit)s)") % {"test": test.name, "unit": test.unit},
                required=False,
                max_length=20,
            )
            self.test_fields.append(name)
        self.fsiii_fields = []
        level_choices = [("", _("Ikke vurderet"))] + [
            (str(level), label) for level, label in _fsiii_levels()
        ]
        for code, label, _level in fsiii:
            name = f"fsiii_{code}"
            self.fields[name] = forms.ChoiceField(
                label=_("FSIII ved slut: %s") % label, choices=level_choices, required=False
            )
            self.fsiii_fields.append((name, code))
        style_fields(self)

    @property
    def end_value_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.test_fields] + [
            self[name] for name, _code in self.fsiii_fields
        ]

    def end_values(self) -> dict[str, str]:
        return {
            name.removeprefix("end_"): (self.cleaned_data.get(name) or "").replace(",", ".").strip()
            for name in self.test_fields
        }

    def fsiii_levels(self) -> dict[str, int]:
        return {
            code: int(self.cleaned_data[name])
            for name, code in self.fsiii_fields
            if self.cleaned_data.get(name) not in (None, "")
        }


def _fsiii_levels() -> list[tuple[int, str]]:
    from rehabplan.reference.fsiii import LEVEL_NAMES

    return [(level, f"{level} – {name}") for level, name in LEVEL_NAMES.items()]
