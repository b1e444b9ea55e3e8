"""Outcome tests (30-second chair stand, Timed Up and Go, ...) at start, during and at the end."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class MeasurementPhase(models.TextChoices):
    START = "start", _("Start")
    DURING = "during", _("Undervejs")
    END = "end", _("Slut")


class OutcomeMeasurement(models.Model):
    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="measurements"
    )
    session = models.ForeignKey(
        "courses.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
    )
    test_code = models.CharField(_("test"), max_length=40)
    value = models.DecimalField(_("resultat"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("enhed"), max_length=20)
    side = models.CharField(_("side"), max_length=10, blank=True)
    phase = models.CharField(_("tidspunkt"), max_length=10, choices=MeasurementPhase.choices)
    measured_on = models.DateField(_("dato"))
    protocol = models.CharField(_("protokol"), max_length=300, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    municipality_lookup = "course__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("testresultat")
        verbose_name_plural = _("testresultater")
        ordering = ["test_code", "measured_on", "id"]
        indexes = [
            # The key figures' outcomes: the end results measured in a period, per test.
            models.Index(
                fields=["phase", "measured_on", "test_code"], name="measurement_phase_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.test_code} {self.value} {self.unit}"
