"""Forms of the home programme screens. The rules live in the services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from rehabplan.exercises.dosage import Dosage
from rehabplan.exercises.library import Exercise, Library
from rehabplan.formats.text import week_text
from rehabplan.homeprogrammes.models import MAX_SESSIONS_PER_WEEK, VersionReason
from rehabplan.homeprogrammes.services import MAX_EXERCISES, ProgrammeLine
from rehabplan.planning.calendar import monday_of
from rehabplan.web.forms import DanishDateField, DkfdsFormMixin, style_fields

PER_WEEK_ERRORS = {
    "required": _lazy("Skriv hvor mange gange om ugen borgeren skal træne."),
    "invalid": _lazy("Skriv et helt tal."),
    "min_value": _lazy("Træningsgange om ugen skal være mellem 1 og 14."),
    "max_value": _lazy("Træningsgange om ugen skal være mellem 1 og 14."),
}
SESSIONS_ERRORS = {
    "required": _lazy("Skriv hvor mange gange borgeren har trænet."),
    "invalid": _lazy("Skriv et helt tal."),
    "min_value": _lazy("Antal træningsgange skal være mellem 0 og 14."),
    "max_value": _lazy("Antal træningsgange skal være mellem 0 og 14."),
}


class ProgrammeForm(DkfdsFormMixin, forms.Form):
    start_on = DanishDateField(label=_lazy("Startdato"))
    per_week = forms.IntegerField(
        label=_lazy("Træningsgange om ugen (mål)"),
        min_value=1,
        max_value=MAX_SESSIONS_PER_WEEK,
        error_messages=PER_WEEK_ERRORS,
    )
    note = forms.CharField(
        label=_lazy("Besked til borgeren"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_lazy("Står øverst i programmet og på borgerens side."),
    )
    reason = forms.ChoiceField(
        label=_lazy("Årsag til programmet"),
        choices=VersionReason.choices,
        error_messages={"required": _lazy("Vælg årsagen til programmet.")},
    )
    reason_text = forms.CharField(
        label=_lazy("Begrundelse"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    source_label = forms.CharField(widget=forms.HiddenInput, required=False)
    q = forms.CharField(label=_lazy("Søg øvelse i biblioteket"), required=False)

    HEADER_FIELDS = ("start_on", "per_week", "note", "reason", "reason_text", "source_label", "q")


# The dosage inputs of one row: field, label, and whether it is a number.
DOSAGE_INPUTS = (
    ("sets", _lazy("Sæt")),
    ("repetitions", _lazy("Gentagelser")),
    ("seconds", _lazy("Sekunder")),
    ("minutes", _lazy("Minutter")),
    ("rest_seconds", _lazy("Pause mellem sæt (sekunder)")),
    ("per_week", _lazy("Gange om ugen")),
)
TEXT_INPUTS = (("load", _lazy("Belastning")), ("note", _lazy("Bemærkning")))
MAX_ROWS = MAX_EXERCISES + 1


@dataclass
class Row:
    """One exercise in the builder as typed: its values as text, its problems in Danish."""

    key: str
    exercise: Exercise | None
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)

    def inputs(self, index: int) -> list[dict[str, Any]]:
        return [
            {
                "name": f"row-{index}-{name}",
                "label": label,
                "value": self.values.get(name, ""),
                "numeric": name not in ("load", "note"),
            }
            for name, label in (*DOSAGE_INPUTS, *TEXT_INPUTS)
        ]

    def line(self) -> ProgrammeLine | None:
        """The row as a programme line, or None with `errors` set when a number is not one."""
        numbers: dict[str, int | None] = {}
        for name, label in DOSAGE_INPUTS:
            text = self.values.get(name, "").strip()
            if not text:
                numbers[name] = None
            elif text.isdigit():
                numbers[name] = int(text)
            else:
                self.errors.append(_("%s: skriv et helt tal.") % label)
        if self.errors:
            return None
        dosage = Dosage(load=self.values.get("load", "").strip(), **numbers)
        return ProgrammeLine(self.key, dosage, self.values.get("note", "").strip())


def row_from_line(line: ProgrammeLine, library: Library) -> Row:
    values = {
        name: "" if getattr(line.dosage, name) is None else str(getattr(line.dosage, name))
        for name, _label in DOSAGE_INPUTS
    }
    values["load"] = line.dosage.load
    values["note"] = line.note
    return Row(line.exercise_key, library.get(line.exercise_key), values)


def rows_from_post(data: Any, library: Library) -> list[Row]:
    """The rows as posted, in the order typed, without a removed one and with an added one."""
    numbered = []
    for index in range(MAX_ROWS):
        key = data.get(f"row-{index}-key")
        if not key or data.get("remove") == str(index):
            continue
        values = {name: data.get(f"row-{index}-{name}", "") for name, _l in DOSAGE_INPUTS}
        values.update({name: data.get(f"row-{index}-{name}", "") for name, _l in TEXT_INPUTS})
        order = data.get(f"row-{index}-order", "")
        position = int(order) if order.strip().isdigit() else index + 1
        numbered.append((position, index, Row(key, library.get(key), values)))
    rows = [row for _position, _index, row in sorted(numbered, key=lambda item: item[:2])]
    added = data.get("add", "")
    exercise = library.get(added)
    if exercise is not None and added not in {row.key for row in rows} and len(rows) < MAX_ROWS:
        rows.append(row_from_line(ProgrammeLine(added, exercise.dosage), library))
    return rows


def week_choices(today: datetime.date, weeks: int = 4) -> list[tuple[str, str]]:
    this_week = monday_of(today)
    choices = []
    for back in range(weeks):
        monday = this_week - datetime.timedelta(weeks=back)
        label = week_text(monday)
        if back == 0:
            label = _("Denne uge, %s") % label
        elif back == 1:
            label = _("Sidste uge, %s") % label
        choices.append((monday.isoformat(), label[:1].upper() + label[1:]))
    return choices


class AdherenceForm(forms.Form):
    WEEKS = 4
    week_start = forms.ChoiceField(
        label=_lazy("Uge"), error_messages={"required": _lazy("Vælg ugen.")}
    )
    sessions_done = forms.IntegerField(
        label=_lazy("Træningsgange udført"),
        min_value=0,
        max_value=MAX_SESSIONS_PER_WEEK,
        error_messages=SESSIONS_ERRORS,
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["week_start"].choices = week_choices(today, self.WEEKS)
        self.fields["week_start"].error_messages["invalid_choice"] = _("Vælg en af ugerne.")
        style_fields(self)

    def clean_week_start(self) -> datetime.date:
        return datetime.date.fromisoformat(self.cleaned_data["week_start"])


class CitizenAdherenceForm(AdherenceForm):
    """The citizen's own count: this week or last week, in the citizen's words."""

    WEEKS = 2
    week_start = forms.ChoiceField(
        label=_lazy("Hvilken uge?"), error_messages={"required": _lazy("Vælg ugen.")}
    )
    sessions_done = forms.IntegerField(
        label=_lazy("Hvor mange gange har du trænet?"),
        min_value=0,
        max_value=MAX_SESSIONS_PER_WEEK,
        error_messages={
            **SESSIONS_ERRORS,
            "required": _lazy("Skriv hvor mange gange du har trænet."),
        },
    )
