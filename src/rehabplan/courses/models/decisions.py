"""The visitator's decision: a grant or refusal (Serviceloven, §119, §140a) or, for SUL140, the
level and plan the municipality sets. It keeps the engine's results it was based on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Bevilget")
    REFUSED = "refused", _("Afslag")
    PLAN = "plan", _("Plan fastlagt")


class Decision(models.Model):
    referral = models.ForeignKey(
        "courses.Referral", on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("afgørelse"), max_length=10, choices=DecisionOutcome.choices)
    decided_on = models.DateField(_("afgjort den"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    standard_version = models.CharField(_("kvalitetsstandard"), max_length=120)
    legal_basis = models.CharField(_("lovgrundlag"), max_length=300)
    # The service's name as the standard gave it on the decision date (letters say it).
    service_name = models.CharField(_("indsats"), max_length=200, blank=True)
    eligibility = models.JSONField(_("visitationskriterier"), default=dict, blank=True)
    engine_extent = models.JSONField(_("omfang efter standarden"), default=dict, blank=True)
    level = models.CharField(_("niveau"), max_length=20, blank=True)
    extent_tier = models.CharField(
        _("trin"),
        max_length=120,
        blank=True,
        help_text=_("Det trin af standardens omfang, visitator valgte i afgørelsen."),
    )
    granted_sessions = models.PositiveSmallIntegerField(_("antal gange"), null=True, blank=True)
    granted_weeks = models.PositiveSmallIntegerField(_("antal uger"), null=True, blank=True)
    sessions_per_week = models.PositiveSmallIntegerField(_("gange pr. uge"), null=True, blank=True)
    period_start = models.DateField(_("periode fra"), null=True, blank=True)
    period_end = models.DateField(_("periode til"), null=True, blank=True)
    deviation_reason = models.TextField(_("begrundelse for afvigelse fra standarden"), blank=True)
    refusal_reason = models.TextField(_("begrundelse for afslag"), blank=True)
    plan_text = models.TextField(_("plan"), blank=True)
    transport = models.JSONField(_("befordring"), default=dict, blank=True)
    complaint_guidance = models.JSONField(_("klagevejledning"), default=dict, blank=True)
    letter = models.ForeignKey(
        "outbox.OutboxMessage", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    letter_received_on = models.DateField(_("modtaget af borgeren"), null=True, blank=True)
    complaint_deadline = models.DateField(_("klagefrist"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    municipality_lookup = "referral__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("afgørelse")
        verbose_name_plural = _("afgørelser")
        ordering = ["-decided_on", "-id"]
        indexes = [
            # Letters whose arrival at the citizen is not recorded, the oldest first.
            models.Index(
                fields=["decided_on", "id"],
                condition=Q(letter__isnull=False, letter_received_on__isnull=True),
                name="decision_letter_unconfirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on}"
