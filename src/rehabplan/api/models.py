"""API tokens, remembered POST results (idempotency keys) and rate-limit windows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityManager


class ApiToken(models.Model):
    """A personal key for one user (a person or a system user). Only a hash of the secret is
    kept; the whole token is shown once, when it is created."""

    municipality_lookup = "user__municipality"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("bruger"),
    )
    name = models.CharField(_("formål"), max_length=100)
    prefix = models.CharField(_("kendetegn"), max_length=16, unique=True)
    secret_hash = models.CharField(_("hash af hemmeligheden"), max_length=64)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    expires_at = models.DateTimeField(_("udløber"))
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)

    objects = MunicipalityManager()

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, at: object = None) -> bool:
        moment = at or timezone.now()
        return self.revoked_at is None and self.expires_at > moment


class IdempotentRequest(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key`, returned again for the same
    key. The row is written in the same transaction as the operation's own changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("bruger"),
    )
    key = models.CharField(_("nøgle"), max_length=255)
    fingerprint = models.CharField(_("forespørgslens fingeraftryk"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("statuskode"), null=True)
    content_type = models.CharField(_("indholdstype"), max_length=100, blank=True)
    body = models.BinaryField(_("svar"), blank=True, default=b"")
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now)

    class Meta:
        verbose_name = _("gentagelsessikker forespørgsel")
        verbose_name_plural = _("gentagelsessikre forespørgsler")
        constraints = [
            models.UniqueConstraint(fields=("user", "key"), name="api_idempotency_key_per_user")
        ]

    def __str__(self) -> str:
        return self.key


class RateWindow(models.Model):
    """How many requests one caller made in one minute; counted with a single upsert."""

    caller = models.CharField(_("afsender"), max_length=64)
    window_start = models.DateTimeField(_("minut"))
    hits = models.PositiveIntegerField(_("forespørgsler"), default=0)

    class Meta:
        verbose_name = _("tællevindue")
        verbose_name_plural = _("tællevinduer")
        constraints = [
            models.UniqueConstraint(
                fields=("caller", "window_start"), name="api_rate_window_per_caller"
            )
        ]

    def __str__(self) -> str:
        return f"{self.caller} {self.window_start:%H:%M}"
