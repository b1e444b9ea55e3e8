"""Goals set with the citizen in their own words, optionally scored with COPM, and re-evaluated."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet

COPM_SCORE = [MinValueValidator(1), MaxValueValidator(10)]


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Aktivt")
    ACHIEVED = "achieved", _("Nået")
    PARTLY = "partly", _("Delvist nået")
    NOT_ACHIEVED = "not_achieved", _("Ikke nået")
    DROPPED = "dropped", _("Opgivet")


class Goal(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="goals")
    text = models.TextField(_("mål med borgerens egne ord"))
    copm_performance = models.PositiveSmallIntegerField(
        _("COPM udførelse (1-10)"), null=True, blank=True, validators=COPM_SCORE
    )
    copm_satisfaction = models.PositiveSmallIntegerField(
        _("COPM tilfredshed (1-10)"), null=True, blank=True, validators=COPM_SCORE
    )
    status = models.CharField(
        _("status"), max_length=14, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    set_on = models.DateField(_("sat den"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    municipality_lookup = "course__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["set_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class GoalEvaluation(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("evalueret den"))
    status = models.CharField(_("status"), max_length=14, choices=GoalStatus.choices)
    text = models.TextField(_("evaluering"))
    copm_performance = models.PositiveSmallIntegerField(
        _("COPM udførelse (1-10)"), null=True, blank=True, validators=COPM_SCORE
    )
    copm_satisfaction = models.PositiveSmallIntegerField(
        _("COPM tilfredshed (1-10)"), null=True, blank=True, validators=COPM_SCORE
    )
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    municipality_lookup = "goal__course__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluering af mål")
        verbose_name_plural = _("evalueringer af mål")
        ordering = ["evaluated_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.evaluated_on}"
