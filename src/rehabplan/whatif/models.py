"""A what-if run: a draft standard replayed in a task over the municipality's last 12 months."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class WhatIfState(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Genafspilles")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


class WhatIfRun(models.Model):
    """The draft as uploaded, the period replayed, progress while the task runs and the result.

    The result names citizens by id only; names are looked up, in the user's scope, when shown.
    """

    municipality = models.ForeignKey(
        "organisation.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(_("fil"), max_length=200)
    draft_text = models.TextField(_("udkast"))
    draft_version = models.CharField(_("udkastets version"), max_length=120)
    period_start = models.DateField(_("fra"))
    period_end = models.DateField(_("til"))
    state = models.CharField(
        _("tilstand"), max_length=10, choices=WhatIfState.choices, default=WhatIfState.QUEUED
    )
    cases_total = models.PositiveIntegerField(_("forløb i alt"), default=0)
    cases_done = models.PositiveIntegerField(_("forløb genafspillet"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("afprøvning af udkast")
        verbose_name_plural = _("afprøvninger af udkast")
        ordering = ["-created_at", "-id"]
        permissions = [("run_whatif", "Kan afprøve et udkast til kvalitetsstandard")]

    def __str__(self) -> str:
        return f"{self.draft_label} ({self.get_state_display()})"

    @property
    def draft_effective_from(self) -> datetime.date | None:
        """The day the draft's version takes effect (its id is `<slug>@<effective_from>`)."""
        try:
            return datetime.date.fromisoformat(self.draft_version.rsplit("@", 1)[1])
        except (IndexError, ValueError):
            return None

    @property
    def draft_label(self) -> str:
        """The draft as staff name it: the version by the day it takes effect, not its id."""
        day = self.draft_effective_from
        if day is None:
            return gettext("Udkast til kvalitetsstandard")
        return gettext("Udkast til version gældende fra %(day)s") % {
            "day": date_format(day, "j. F Y")
        }

    @property
    def percent(self) -> int:
        if not self.cases_total:
            return 100 if self.state == WhatIfState.DONE else 0
        return min(100, round(100 * self.cases_done / self.cases_total))

    @property
    def computing(self) -> bool:
        return self.state in (WhatIfState.QUEUED, WhatIfState.RUNNING)
