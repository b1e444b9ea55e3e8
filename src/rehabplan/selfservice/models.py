"""The one-time login codes and the counters that limit how often they may be asked for."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class CodeChannel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class LoginCode(models.Model):
    """A code sent to a citizen. Only its digest is kept: the code itself exists only in the
    message the citizen received."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="+", verbose_name=_("borger")
    )
    channel = models.CharField(_("sendt med"), max_length=5, choices=CodeChannel.choices)
    code_digest = models.CharField(_("kodens HMAC"), max_length=64)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    expires_at = models.DateTimeField(_("udløber"))
    attempts = models.PositiveSmallIntegerField(_("forkerte forsøg"), default=0)
    used_at = models.DateTimeField(_("brugt"), null=True, blank=True)

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("engangskode")
        verbose_name_plural = _("engangskoder")
        indexes = [models.Index(fields=["citizen", "-created_at"], name="logincode_by_citizen")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.created_at:%Y-%m-%d %H:%M}"


class RequestCounter(models.Model):
    """How many times one key (a CPR number's digest, a client address) has asked within one
    window. One row per key and window, counted up by a single conditional UPDATE, so
    simultaneous requests cannot pass the limit together."""

    key = models.CharField(_("nøgle"), max_length=120)
    window_start = models.DateTimeField(_("vindue fra"))
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("tæller for anmodninger")
        verbose_name_plural = _("tællere for anmodninger")
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="request_counter_once")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
