"""A research export keeps a record of each file made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class ResearchExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    PARQUET = "parquet", _("Parquet")


class ResearchExport(models.Model):
    """One research export: who made it, for which period, how many rows, and the file's
    SHA-256 so a file handed to researchers can be recognised later. The pseudonymisation key
    is never kept, here or anywhere."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("udført af"),
    )
    created_at = models.DateTimeField(_("udført"), auto_now_add=True)
    period_from = models.DateField(_("forløb startet fra"))
    period_to = models.DateField(_("forløb startet til"))
    row_count = models.PositiveIntegerField(_("antal forløb"))
    file_format = models.CharField(
        _("filformat"), max_length=10, choices=ResearchExportFormat.choices
    )
    sha256 = models.CharField(_("kontrolsum (SHA-256)"), max_length=64)

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("forskningsudtræk")
        verbose_name_plural = _("forskningsudtræk")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)
        permissions = [("export_research", _("Kan lave forskningsudtræk"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_to__gte=models.F("period_from")),
                name="research_export_period_order",
                violation_error_message=_("Periodens slutdato ligger før startdatoen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.period_from:%d-%m-%Y} – {self.period_to:%d-%m-%Y}"
