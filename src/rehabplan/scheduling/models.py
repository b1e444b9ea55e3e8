"""A week's planning proposal: computed in a task, then adjusted and accepted by a leader."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class ProposalState(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Beregnes")
    READY = "ready", _("Klar")
    FAILED = "failed", _("Fejlet")
    ACCEPTED = "accepted", _("Godkendt")
    DISCARDED = "discarded", _("Kasseret")


class PlanProposal(models.Model):
    municipality = models.ForeignKey(
        "organisation.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    week = models.CharField(_("uge"), max_length=8, help_text=_("ISO-uge, fx 2026-W49"))
    method = models.CharField(_("metode"), max_length=20, default="optimiser")
    state = models.CharField(
        _("tilstand"), max_length=10, choices=ProposalState.choices, default=ProposalState.QUEUED
    )
    progress = models.CharField(_("fremdrift"), max_length=300, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    problem = models.JSONField(_("planlægningsgrundlag"), default=dict, blank=True)
    result = models.JSONField(_("forslag"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("planforslag")
        verbose_name_plural = _("planforslag")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.week} ({self.get_state_display()})"
