"""The reporting app's models. The dashboard has no table of its own; its permission hangs on
an unmanaged model so the leader's role can hold it like any other. The KL Gateway deliveries
are recorded (period, citizens, the hash of each Bundle and of the file delivered), and a
research export keeps a record of each file made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class KpiDashboard(models.Model):
    """Never queried: it carries the permission to see the unit's key figures."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_kpi", _("Kan se nøgletal og statistik"))]
        verbose_name = _("nøgletal")
        verbose_name_plural = _("nøgletal")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


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


class KlGatewayDelivery(models.Model):
    """One §140 delivery to KL Gateway: a month's reports for the municipality's citizens. The
    first delivery of a period has sequence 1; each later one corrects the one before it."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="kl_gateway_deliveries",
        verbose_name=_("kommune"),
    )
    period = models.CharField(_("periode"), max_length=7)  # "2026-11"
    sequence = models.PositiveSmallIntegerField(_("løbenummer"), default=1)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("retter"),
    )
    created_at = models.DateTimeField(_("bygget"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bygget af"),
    )
    citizens_count = models.PositiveIntegerField(_("borgere"))
    sha256 = models.CharField(_("SHA-256 for leverancen"), max_length=64)
    file_path = models.CharField(_("fil"), max_length=500)

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("KL Gateway-indberetning")
        verbose_name_plural = _("KL Gateway-indberetninger")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)
        permissions = [("deliver_kl_gateway", _("Kan bygge og hente §140-indberetninger"))]
        constraints = [
            # Two leaders building the same period at once cannot both make its first delivery.
            models.UniqueConstraint(
                fields=["municipality", "period", "sequence"],
                name="kl_gateway_delivery_one_per_sequence",
                violation_error_message=_("Perioden er netop blevet indberettet; prøv igen."),
            ),
            models.CheckConstraint(
                condition=Q(sequence=1, corrects__isnull=True)
                | Q(sequence__gt=1, corrects__isnull=False),
                name="kl_gateway_delivery_correction_chain",
                violation_error_message=_("Kun en rettelse peger på en tidligere indberetning."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} ({self.sequence})"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


class KlGatewayBundle(models.Model):
    """One citizen's report in a delivery, known by its hash; the content is in the file."""

    delivery = models.ForeignKey(
        KlGatewayDelivery, on_delete=models.CASCADE, related_name="bundles"
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="+", verbose_name=_("borger")
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    entries = models.PositiveSmallIntegerField(_("ressourcer"))

    municipality_lookup = "delivery__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("borgers indberetning")
        verbose_name_plural = _("borgeres indberetninger")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "citizen"], name="kl_gateway_bundle_once_per_delivery"
            )
        ]

    def __str__(self) -> str:
        return self.sha256[:12]
