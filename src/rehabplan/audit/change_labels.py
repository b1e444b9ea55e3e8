"""The audit log's change lists in Danish: a changed key is shown by the field's verbose name.

Services write changes as {field name: [before, after]}; staff reading the log should see
"Modtaget af borgeren", never "letter_received_on".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from rehabplan.formats.text import day_text, moment_text

# Keys written by services that are not a field of the model acted on.
EXTRA_LABELS = {
    "warnings_confirmed": _("Advarsler bekræftet"),
    "replaces": _("Erstatter tidligere aftale"),
    "corrects": _("Retter tidligere notat"),
    "elements": _("Afviste dele af genoptræningsplanen"),
    "levels": _("Funktionsniveauer"),
    "letter_identifier": _("Brevets identifikation"),
    "older_letter_identifier": _("Ældre brevs identifikation"),
    "deleted_before": _("Slettet før"),
    "deleted": _("Antal slettede poster"),
    "standard": _("Kvalitetsstandardens fil"),
    "checksum": _("Filens kontrolsum"),
    "versions": _("Versioner"),
    "password": _("Adgangskode"),
}
# How the engine names the standard it used: "demo@2024-01-01+national@2025-07-01".
VERSION_PATTERN = re.compile(
    r"^([a-z0-9_-]+)@(\d{4}-\d{2}-\d{2})(?:\+([a-z0-9_-]+)@(\d{4}-\d{2}-\d{2}))?$"
)
# Keys the admin's inline changes carry before the field: "<verbose name> <id>: <field>".
INLINE_SEPARATOR = ": "


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: Any
    after: Any


@cache
def _models_by_name() -> dict[str, list[type[models.Model]]]:
    found: dict[str, list[type[models.Model]]] = {}
    for model in apps.get_models():
        found.setdefault(model._meta.model_name, []).append(model)
    return found


def _field_label(model: type[models.Model], name: str) -> str | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    verbose = getattr(field, "verbose_name", None)
    if verbose is None or str(verbose) == name.replace("_", " "):
        # Django's default verbose name is the field name itself: no better than the key.
        return None
    return capfirst(str(verbose))


def change_label(object_type: str, key: str) -> str:
    """The Danish label of one key in an entry's changes; `object_type` is the entry's model."""
    prefix, _sep, name = key.rpartition(INLINE_SEPARATOR)
    label = _label_of_name(object_type, name)
    return f"{prefix}{INLINE_SEPARATOR}{label}" if prefix else label


def _label_of_name(object_type: str, name: str) -> str:
    for model in _models_by_name().get(object_type, []):
        label = _field_label(model, name)
        if label:
            return label
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    # Services sometimes record a field of a related record (the referral behind a decision).
    for candidates in _models_by_name().values():
        for model in candidates:
            label = _field_label(model, name)
            if label:
                return label
    return capfirst(name.replace("_", " "))


def change_rows(object_type: str, changes: Any) -> list[ChangeRow]:
    """An entry's changes as rows of (Danish label, before, after), the values as a person reads
    them: a choice by its label, a date as "2. december 2026", yes/no as "ja"/"nej"."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for key, values in changes.items():
        if isinstance(values, list | tuple) and len(values) == 2:
            before, after = values
        else:
            before, after = None, values
        name = str(key).rpartition(INLINE_SEPARATOR)[2]
        rows.append(
            ChangeRow(
                change_label(object_type, str(key)),
                change_value(object_type, name, before),
                change_value(object_type, name, after),
            )
        )
    return rows


def change_field_labels(object_type: str, changes: Any) -> list[str]:
    """Only the Danish labels of an entry's changed keys, for lists that show no values (the
    values can name a standard, which costs a lookup)."""
    if not isinstance(changes, dict):
        return []
    return [change_label(object_type, str(key)) for key in changes]


def object_label(object_type: str) -> str:
    """The Danish name of the kind of record an entry is about ("Afgørelse", not "decision")."""
    for model in _models_by_name().get(object_type, []):
        return capfirst(str(model._meta.verbose_name))
    return ""


def change_value(object_type: str, name: str, value: Any) -> Any:
    """One recorded value in words; None and "" stay empty, for the template's dash."""
    if value is None or value == "":
        return value
    if isinstance(value, bool):
        return str(_("ja") if value else _("nej"))
    if isinstance(value, list | tuple):
        return ", ".join(str(change_value(object_type, name, item)) for item in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{change_label(object_type, str(key))}: {change_value(object_type, str(key), item)}"
            for key, item in value.items()
        )
    choice = _choice_label(object_type, name, value)
    if choice is not None:
        return choice
    if isinstance(value, str):
        return _version_text(value) or _date_text(value)
    return value


def _version_text(value: str) -> str | None:
    """A standard version in words: "Kvalitetsstandard for Demo Kommune, gældende fra 1. januar
    2024"; None for any other text."""
    match = VERSION_PATTERN.match(value)
    if match is None:
        return None
    return standard_version_text(value)


def standard_version_text(version: str) -> str:
    """The standard (and the national basis) a version string names, as staff read it."""
    from rehabplan.organisation.models import Municipality

    parts = []
    for part in version.split("+"):
        slug, _sep, day = part.partition("@")
        try:
            since = day_text(datetime.date.fromisoformat(day))
        except ValueError:
            return version
        if slug == "national":
            parts.append(str(_("den nationale basis gældende fra %(day)s") % {"day": since}))
            continue
        municipality = Municipality.objects.filter(slug=slug).first()
        name = municipality.name if municipality else slug
        parts.append(
            str(
                _("Kvalitetsstandard for %(name)s, gældende fra %(day)s")
                % {"name": name, "day": since}
            )
        )
    return " ".join([parts[0], f"({', '.join(parts[1:])})"]) if len(parts) > 1 else parts[0]


def _choice_label(object_type: str, name: str, value: Any) -> str | None:
    for model in _models_by_name().get(object_type, []):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        labels = {str(key): label for key, label in (getattr(field, "flatchoices", None) or [])}
        if str(value) in labels:
            return str(labels[str(value)])
    return None


def _date_text(value: str) -> str:
    """An ISO date or moment, as services record them, in the one date style; other text as is."""
    if len(value) == 10:
        try:
            return day_text(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    if len(value) >= 16 and value[4] == "-" and value[10] in "T ":
        try:
            return moment_text(datetime.datetime.fromisoformat(value))
        except ValueError:
            return value
    return value
