"""The KL Gateway deliveries: period, citizens, the hash of each Bundle and of the file
delivered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


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
