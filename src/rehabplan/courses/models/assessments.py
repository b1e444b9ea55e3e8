"""FSIII function assessments (Fællessprog III): one level 0-4 or 9 per function area."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class AssessmentPhase(models.TextChoices):
    VISITATION = "visitation", _("Visitation")
    START = "start", _("Opstart")
    CLOSING = "closing", _("Afslutning")


class FunctionLevel(models.IntegerChoices):
    NONE = 0, _("0 – Ingen begrænsninger")
    LIGHT = 1, _("1 – Lette begrænsninger")
    MODERATE = 2, _("2 – Moderate begrænsninger")
    SEVERE = 3, _("3 – Svære begrænsninger")
    TOTAL = 4, _("4 – Totale begrænsninger")
    NOT_RELEVANT = 9, _("9 – Ikke relevant")


class Assessment(models.Model):
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="assessments"
    )
    referral = models.ForeignKey(
        "courses.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    course = models.ForeignKey(
        "courses.Course",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    phase = models.CharField(_("tidspunkt"), max_length=12, choices=AssessmentPhase.choices)
    assessed_on = models.DateField(_("vurderet den"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("bemærkning"), blank=True)

    municipality_lookup = "citizen__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("funktionsvurdering")
        verbose_name_plural = _("funktionsvurderinger")
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} {self.assessed_on}"


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("FSIII-kode"), max_length=64)
    label = models.CharField(_("funktionsområde"), max_length=200)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=FunctionLevel.choices)

    municipality_lookup = "assessment__citizen__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("vurderet funktionsområde")
        verbose_name_plural = _("vurderede funktionsområder")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="assessment_item_once"),
            models.CheckConstraint(
                condition=Q(level__in=[0, 1, 2, 3, 4, 9]),
                name="assessment_item_level_valid",
                violation_error_message=_("Funktionsniveauet skal være 0-4 eller 9."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.level}"
