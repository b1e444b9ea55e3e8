"""A deadline alert to one member of staff, and each user's choice of e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rehabplan.courses.models import ReferralStatus
from rehabplan.organisation.scoping import MunicipalityQuerySet

# A case is open while its referral is one of these; a refusal, a withdrawal, a replacement or a
# move to another municipality closes it (the same statuses the deadline list calls open).
OPEN_CASE_STATUSES = (
    ReferralStatus.NEW,
    ReferralStatus.AWAITING_DECISION,
    ReferralStatus.GRANTED,
    ReferralStatus.PLANNED,
)


def not_acted_on_q() -> Q:
    """An alert still waits for someone to act: its deadline is not met, its case is open, and the
    deadline still falls on the day the alert warned about (a moved deadline gets its own alert)."""
    return Q(
        deadline__met_on__isnull=True,
        deadline__due=F("due"),
        deadline__referral__status__in=OPEN_CASE_STATUSES,
    )


class AlertQuerySet(MunicipalityQuerySet):
    def not_acted_on(self) -> AlertQuerySet:
        return self.filter(not_acted_on_q())


class DeadlineAlert(models.Model):
    """One alert about one deadline to one responsible user, for the day the deadline fell on
    when the alert was made. The unique constraint makes the sweep safe to run in several
    workers at once: a second insert of the same alert fails and is skipped."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    deadline = models.ForeignKey(
        "courses.StoredDeadline",
        on_delete=models.CASCADE,
        related_name="alerts",
        verbose_name=_("frist"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deadline_alerts",
        verbose_name=_("ansvarlig medarbejder"),
    )
    due = models.DateField(_("fristen udløber"))
    alert_on = models.DateField(_("varsles fra"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("sendt som e-mail"), null=True, blank=True)
    seen_at = models.DateTimeField(_("set"), null=True, blank=True)

    municipality_lookup = "municipality"
    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("fristvarsel")
        verbose_name_plural = _("fristvarsler")
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "user", "due"],
                name="alert_once_per_deadline_user_day",
                violation_error_message=_("Medarbejderen har allerede et varsel om denne frist."),
            )
        ]
        indexes = [
            # A user's alerts on the start page, the soonest deadline first.
            models.Index(fields=["user", "due"], name="alert_user_due"),
            # The leader's list: the municipality's alerts, the soonest deadline first.
            models.Index(fields=["municipality", "due"], name="alert_municipality_due"),
            # The e-mail sweep: alerts not yet sent.
            models.Index(
                fields=["user"], condition=Q(emailed_at__isnull=True), name="alert_not_emailed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline.get_kind_display()} {self.due}"


class AlertPreference(models.Model):
    """Whether a user also wants alerts by e-mail; without a row the answer is no."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="alert_preference",
        verbose_name=_("bruger"),
    )
    by_email = models.BooleanField(_("varsler også som e-mail"), default=False)
    changed_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("valg af fristvarsler")
        verbose_name_plural = _("valg af fristvarsler")

    def __str__(self) -> str:
        return str(self.user)
