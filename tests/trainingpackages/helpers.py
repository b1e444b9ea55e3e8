"""POST data for the adaptation form, filled the way the page fills it."""

from __future__ import annotations

from typing import Any

from rehabplan.exercises.packages import TrainingPackage
from rehabplan.web.packages.adaptation.forms import AdaptationForms


def adaptation_data(
    national: TrainingPackage,
    *,
    base: TrainingPackage | None = None,
    name: str = "Konditionshold i Demo",
    reasons: dict[str, str] | None = None,
) -> dict[str, str]:
    forms = AdaptationForms(
        national=national, base=base or national, name=name, reasons=reasons or {}
    )
    data: dict[str, str] = {}
    parts: list[Any] = [forms.main, forms.rows.management_form, forms.added.management_form]
    for form in parts + list(forms.rows) + list(forms.added):
        for field in form:
            value = field.value()
            if value is True:
                data[field.html_name] = "on"
            elif value is False:
                continue
            else:
                data[field.html_name] = "" if value is None else str(value)
    return data


def row_prefix(data: dict[str, str], key: str, part: str) -> str:
    """The form prefix of the exercise row for `key` in `part`, e.g. "ovelse-2"."""
    for name, value in data.items():
        if name.startswith("ovelse-") and name.endswith("-key") and value == key:
            prefix = name.removesuffix("-key")
            if data[f"{prefix}-part"] == part:
                return prefix
    raise KeyError(key)
