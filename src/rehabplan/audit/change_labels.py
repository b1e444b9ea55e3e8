"""The audit log's change lists in Danish: a changed key is shown by the field's verbose name.

Services write changes as {field name: [before, after]}; staff reading the log should see
"Modtaget af borgeren", never "letter_received_on".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

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
    """An entry's changes as rows of (Danish label, before, after)."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for key, values in changes.items():
        if isinstance(values, list | tuple) and len(values) == 2:
            before, after = values
        else:
            before, after = None, values
        rows.append(ChangeRow(change_label(object_type, str(key)), before, after))
    return rows
