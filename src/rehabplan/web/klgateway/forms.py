from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from rehabplan.web.forms import DkfdsFormMixin

MONTHS_OFFERED = 24


def month_text(label: str) -> str:
    """ "2026-11" -> "november 2026"."""
    year, month = (int(part) for part in label.split("-"))
    return date_format(datetime.date(year, month, 1), "F Y").lower()


def month_choices(today: datetime.date | None = None) -> list[tuple[str, str]]:
    """The months that have begun, newest first: the last finished month is the usual one."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    choices = []
    for _index in range(MONTHS_OFFERED):
        label = f"{year:04d}-{month:02d}"
        choices.append((label, month_text(label)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return choices


class DeliveryForm(DkfdsFormMixin, forms.Form):
    # Callables, so the months follow today's date (and are there before the mixin validates).
    period = forms.ChoiceField(
        choices=month_choices,
        initial=lambda: month_choices()[1][0],  # the month before this one is what is due
        label=_("Periode"),
        help_text=_(
            "Måneden, der indberettes. Er måneden allerede indberettet, bliver den nye "
            "indberetning en rettelse af den forrige."
        ),
        error_messages={
            "required": _("Vælg en måned."),
            "invalid_choice": _("Vælg en af de viste måneder."),
        },
    )
