"""The adaptation form: the package's adaptable items, each exercise's inclusion and dosage,
exercises added from the library, and a reason field next to every item.

`AdaptationForms` holds the three parts and, when valid, the content in the data file's shape
and the reasons keyed as `package_differences` names the items, ready for the service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.exercises import dosage as dosage_limits
from rehabplan.exercises.dosage import Dosage
from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.library import default_library
from rehabplan.exercises.package_differences import ADAPTABLE_FIELDS, differences, exercise_label
from rehabplan.exercises.packages import (
    MAX_GROUP_SIZE,
    MAX_MINUTES_PER_SESSION,
    MAX_PARTICIPANTS_PER_STAFF,
    MAX_SESSIONS_PER_WEEK,
    MAX_WEEKS,
    PackageExercise,
    TrainingPackage,
    package_from_mapping,
)
from rehabplan.exercises.vocabulary import ORGANISATION_MODELS, PACKAGE_PARTS
from rehabplan.trainingpackages.services.adaptation import (
    missing_reasons,
    reason_required_message,
)
from rehabplan.web.form_errors import add_service_errors

REASON_MAX_LENGTH = 600

# Form field -> the item's key in `ADAPTABLE_FIELDS`, and how to read it from a package.
SCALAR_FIELDS: dict[str, tuple[str, Callable[[TrainingPackage], Any]]] = {
    "weeks": ("weeks", lambda p: p.weeks),
    "sessions_per_week": ("sessions_per_week", lambda p: p.sessions_per_week),
    "minutes_per_session": ("minutes_per_session", lambda p: p.minutes_per_session),
    "intensity": ("intensity", lambda p: p.intensity),
    "organisation_model": ("organisation.model", lambda p: p.organisation.model),
    "organisation_description": (
        "organisation.description",
        lambda p: p.organisation.description,
    ),
    "participants_per_staff": (
        "organisation.participants_per_staff",
        lambda p: p.organisation.participants_per_staff,
    ),
    "group_size": ("organisation.group_size", lambda p: p.organisation.group_size),
    "equipment": ("organisation.equipment", lambda p: "\n".join(p.organisation.equipment)),
    "nutrition": ("nutrition", lambda p: "\n".join(p.nutrition)),
}
# The items short enough to show the national package's value beside the field.
SHORT_FIELDS = {
    "weeks", "sessions_per_week", "minutes_per_session", "participants_per_staff", "group_size",
    "organisation_model",
}  # fmt: skip
DOSAGE_FIELDS = ("sets", "repetitions", "seconds", "minutes", "load", "rest_seconds", "per_week")


def _reason_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=_("Begrundelse (%(item)s)") % {"item": label[0].lower() + label[1:]},
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-input input-width-xl"}),
    )


def _lines(value: str, max_length: int, label: str) -> list[str]:
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if not lines:
        raise ValidationError(_("Skriv mindst én linje."))
    for line in lines:
        if len(line) > max_length:
            raise ValidationError(
                _("En linje i %(label)s er længere end %(max)s tegn.")
                % {"label": label.lower(), "max": max_length}
            )
    return lines


def _style(form: forms.Form) -> None:
    """The design system's classes on every widget, and the hint tied to its input."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-checkbox")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-input")
        if field.help_text or name == "reason" or name.endswith("_reason"):
            widget.attrs["aria-describedby"] = f"id_{form.add_prefix(name)}-hint"


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-input"})


class AdaptationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Den lokale pakkes navn"), max_length=120)
    weeks = forms.IntegerField(label=gettext_lazy("Antal uger"), min_value=1, max_value=MAX_WEEKS)
    sessions_per_week = forms.IntegerField(
        label=gettext_lazy("Træninger om ugen"), min_value=1, max_value=MAX_SESSIONS_PER_WEEK
    )
    minutes_per_session = forms.IntegerField(
        label=gettext_lazy("Minutter pr. træning"), min_value=5, max_value=MAX_MINUTES_PER_SESSION
    )
    intensity = forms.CharField(
        label=gettext_lazy("Intensitet"), max_length=600, widget=_textarea()
    )
    organisation_model = forms.ChoiceField(
        label=gettext_lazy("Organisering"), choices=list(ORGANISATION_MODELS.items())
    )
    organisation_description = forms.CharField(
        label=gettext_lazy("Beskrivelse af organiseringen"), max_length=1500, widget=_textarea(5)
    )
    participants_per_staff = forms.IntegerField(
        label=gettext_lazy("Borgere pr. medarbejder"),
        min_value=1,
        max_value=MAX_PARTICIPANTS_PER_STAFF,
    )
    group_size = forms.IntegerField(
        label=gettext_lazy("Højst borgere sammen"), min_value=1, max_value=MAX_GROUP_SIZE
    )
    equipment = forms.CharField(
        label=gettext_lazy("Udstyr"),
        help_text=gettext_lazy("Ét stykke udstyr pr. linje."),
        widget=_textarea(),
    )
    nutrition = forms.CharField(
        label=gettext_lazy("Ernæringsråd"),
        help_text=gettext_lazy("Ét råd pr. linje."),
        widget=_textarea(6),
    )
    note = forms.CharField(
        label=gettext_lazy("Bemærkning til versionen"),
        required=False,
        max_length=2000,
        widget=_textarea(3),
    )

    def __init__(self, *args: Any, national: TrainingPackage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (key, _read) in SCALAR_FIELDS.items():
            label = ADAPTABLE_FIELDS[key][0]
            self.fields[f"{name}_reason"] = _reason_field(label)
            if name in SHORT_FIELDS:
                self.fields[name].help_text = _("I den nationale pakke: %(value)s") % {
                    "value": ADAPTABLE_FIELDS[key][1](national)
                }
        _style(self)

    def clean_equipment(self) -> list[str]:
        return _lines(self.cleaned_data["equipment"], 120, _("Udstyr"))

    def clean_nutrition(self) -> list[str]:
        return _lines(self.cleaned_data["nutrition"], 600, _("Ernæringsråd"))

    def item_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[name], self[f"{name}_reason"]) for name in SCALAR_FIELDS]

    def reasons(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"{name}_reason"] for name, (key, _r) in SCALAR_FIELDS.items()
        }

    def reason_field(self, key: str) -> str | None:
        for name, (field_key, _read) in SCALAR_FIELDS.items():
            if field_key == key:
                return f"{name}_reason"
        return None


def _dosage_fields() -> dict[str, forms.Field]:
    def number(label: str, maximum: int) -> forms.IntegerField:
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=1,
            max_value=maximum,
            widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
        )

    return {
        "sets": number(_("Sæt"), dosage_limits.MAX_SETS),
        "repetitions": number(_("Gentagelser"), dosage_limits.MAX_REPETITIONS),
        "seconds": number(_("Sekunder"), dosage_limits.MAX_SECONDS),
        "minutes": number(_("Minutter"), dosage_limits.MAX_MINUTES),
        "load": forms.CharField(
            label=_("Belastning"),
            required=False,
            max_length=dosage_limits.MAX_LOAD_LENGTH,
            widget=forms.TextInput(attrs={"class": "form-input input-width-l"}),
        ),
        "rest_seconds": number(_("Pause mellem sæt (sekunder)"), dosage_limits.MAX_REST_SECONDS),
        "per_week": number(_("Gange om ugen"), dosage_limits.MAX_PER_WEEK),
    }


def _dosage_of(data: dict[str, Any]) -> Dosage:
    return Dosage(
        **{name: data.get(name) or (None if name != "load" else "") for name in DOSAGE_FIELDS}
    )


def _dosage_mapping(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in DOSAGE_FIELDS if data.get(name) not in (None, "")}


def dosage_initial(dosage: Dosage) -> dict[str, Any]:
    return {name: getattr(dosage, name) for name in DOSAGE_FIELDS}


class ExerciseRowForm(forms.Form):
    """One exercise of the package (or one added in an earlier version): kept or left out, and
    its dosage."""

    key = forms.SlugField(widget=forms.HiddenInput)
    part = forms.ChoiceField(choices=list(PACKAGE_PARTS.items()), widget=forms.HiddenInput)
    include = forms.BooleanField(label=gettext_lazy("Med i pakken"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_dosage_fields())
        key = self.data.get(self.add_prefix("key")) if self.is_bound else self.initial.get("key")
        part = self.data.get(self.add_prefix("part")) if self.is_bound else self.initial.get("part")
        self.label = ""
        library = default_library()
        if key in library and part in PACKAGE_PARTS:
            self.label = exercise_label(
                PackageExercise(key, part, library.require(key).dosage, ""), library
            )
            self.exercise = library.require(key)
        self.fields["reason"] = _reason_field(self.label or _("øvelsen"))
        _style(self)

    def clean_key(self) -> str:
        if self.cleaned_data["key"] not in default_library():
            raise ValidationError(_("Øvelsen findes ikke i øvelsesbiblioteket."))
        return self.cleaned_data["key"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("include") and not self.errors:
            for problem in _dosage_of(data).problems():
                self.add_error(None, problem)
        return data

    def dosage_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in DOSAGE_FIELDS]


def _library_choices() -> list[tuple[str, str]]:
    exercises = sorted(default_library(), key=lambda exercise: exercise.name)
    return [("", _("Vælg en øvelse")), *((e.key, e.name) for e in exercises)]


class AddedExerciseForm(forms.Form):
    """An exercise from the library added to the package; an empty row adds nothing."""

    exercise = forms.ChoiceField(label=gettext_lazy("Øvelse fra biblioteket"), required=False)
    part = forms.ChoiceField(
        label=gettext_lazy("Del af træningen"), choices=list(PACKAGE_PARTS.items()), initial="main"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = _library_choices()
        self.fields.update(_dosage_fields())
        self.fields["reason"] = _reason_field(_("den tilføjede øvelse"))
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("exercise") and not self.errors:
            for problem in _dosage_of(data).problems():
                self.add_error(None, problem)
        return data

    def dosage_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in DOSAGE_FIELDS]


ExerciseRowFormSet = forms.formset_factory(ExerciseRowForm, extra=0)
AddedExerciseFormSet = forms.formset_factory(AddedExerciseForm, extra=2, max_num=2)


def _exercise_rows(
    national: TrainingPackage, base: TrainingPackage, reasons: dict[str, str]
) -> list[dict[str, Any]]:
    base_by_field = {(e.key, e.part): e for e in base.exercises}
    national_fields = [(e.key, e.part) for e in national.exercises]
    rows = []
    for exercise in national.exercises + tuple(
        e for e in base.exercises if (e.key, e.part) not in national_fields
    ):
        kept = base_by_field.get((exercise.key, exercise.part))
        rows.append(
            {
                "key": exercise.key,
                "part": exercise.part,
                "include": kept is not None,
                "reason": reasons.get(f"exercise:{exercise.key}/{exercise.part}", ""),
                **dosage_initial((kept or exercise).dosage),
            }
        )
    return rows


class AdaptationForms:
    """The adaptation form's three parts, read from a base package (the national package, or
    the newest local version) and checked against the national package."""

    def __init__(
        self,
        *,
        national: TrainingPackage,
        base: TrainingPackage,
        name: str,
        reasons: dict[str, str],
        data: Any = None,
    ) -> None:
        self.national = national
        self.progressions = {(e.key, e.part): e.progression for e in base.exercises}
        self.progressions.update({(e.key, e.part): e.progression for e in national.exercises})
        initial = {field: read(base) for field, (_key, read) in SCALAR_FIELDS.items()}
        initial.update(
            {f"{field}_reason": reasons.get(key, "") for field, (key, _r) in SCALAR_FIELDS.items()}
        )
        initial["name"] = name
        self.main = AdaptationForm(data, initial=initial, national=national)
        self.rows = ExerciseRowFormSet(
            data, initial=_exercise_rows(national, base, reasons), prefix="ovelse"
        )
        self.added = AddedExerciseFormSet(data, prefix="ny")
        self.content: dict[str, Any] = {}
        self.reasons: dict[str, str] = {}

    def is_valid(self) -> bool:
        parts_valid = [self.main.is_valid(), self.rows.is_valid(), self.added.is_valid()]
        if not all(parts_valid):
            return False
        self.content = self._content()
        self.reasons = self._reasons()
        self._check_added_twice()
        if not self.has_errors():
            self._check_reasons()
        return not self.has_errors()

    def has_errors(self) -> bool:
        return bool(
            self.main.errors
            or any(form.errors for form in self.rows)
            or any(form.errors for form in self.added)
        )

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self.main, error)

    def _content(self) -> dict[str, Any]:
        data = self.main.cleaned_data
        content = self.national.to_mapping()
        content.update(
            name=data["name"].strip(),
            weeks=data["weeks"],
            sessions_per_week=data["sessions_per_week"],
            minutes_per_session=data["minutes_per_session"],
            intensity=data["intensity"].strip(),
            nutrition=data["nutrition"],
        )
        content["organisation"] = {
            "model": data["organisation_model"],
            "description": data["organisation_description"].strip(),
            "participants_per_staff": data["participants_per_staff"],
            "group_size": data["group_size"],
            "equipment": data["equipment"],
        }
        content["exercise"] = [
            self._exercise(form.cleaned_data["key"], form.cleaned_data)
            for form in self.rows
            if form.cleaned_data.get("include")
        ] + [
            self._exercise(form.cleaned_data["exercise"], form.cleaned_data)
            for form in self.added
            if form.cleaned_data.get("exercise")
        ]
        return content

    def _exercise(self, key: str, data: dict[str, Any]) -> dict[str, Any]:
        entry = {"key": key, "part": data["part"], "dosage": _dosage_mapping(data)}
        progression = self.progressions.get((key, data["part"]), "")
        if progression:
            entry["progression"] = progression
        return entry

    def _reasons(self) -> dict[str, str]:
        reasons = self.main.reasons()
        for form in list(self.rows) + list(self.added):
            data = form.cleaned_data
            key = data.get("key") or data.get("exercise")
            if key:
                reasons[f"exercise:{key}/{data['part']}"] = data.get("reason", "")
        return reasons

    def _check_added_twice(self) -> None:
        seen = {(f.cleaned_data["key"], f.cleaned_data["part"]) for f in self.rows}
        for form in self.added:
            pair = (form.cleaned_data.get("exercise"), form.cleaned_data.get("part"))
            if pair[0] and pair in seen:
                form.add_error("exercise", _("Øvelsen er allerede med i den del af træningen."))
            seen.add(pair)

    def _check_reasons(self) -> None:
        try:
            package = package_from_mapping(self.content)
        except DataFileError as error:
            self.main.add_error(
                None,
                _("Pakken kan ikke gemmes, fordi indholdet ikke er gyldigt: %(problem)s")
                % {"problem": str(error).rsplit(": ", 1)[-1]},
            )
            return
        for difference in missing_reasons(differences(self.national, package), self.reasons):
            form, field = self._reason_owner(difference.field)
            form.add_error(field, reason_required_message(difference))

    def _reason_owner(self, key: str) -> tuple[forms.Form, str | None]:
        field = self.main.reason_field(key)
        if field is not None:
            return self.main, field
        for form in list(self.rows) + list(self.added):
            data = form.cleaned_data
            if f"exercise:{data.get('key') or data.get('exercise')}/{data.get('part')}" == key:
                return form, "reason"
        return self.main, None

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for every error, the rows' errors named by their exercise."""
        found = [("", str(error)) for error in self.main.non_field_errors()]
        found += [
            (self.main[name].id_for_label, f"{self.main[name].label}: {error}")
            for name, errors in self.main.errors.items()
            if name != "__all__"
            for error in errors
        ]
        for index, form in enumerate(list(self.rows) + list(self.added)):
            label = getattr(form, "label", "") or _("Tilføjet øvelse %(number)s") % {
                "number": index - len(self.rows) + 1
            }
            for name, errors in form.errors.items():
                anchor = form[name].id_for_label if name != "__all__" else ""
                found += [(anchor, f"{label}: {error}") for error in errors]
        return found
