"""Every letter, status report and SMS leaves through the outbox, never directly."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet


class Channel(models.TextChoices):
    # Health data travels only by secure channels; there is deliberately no plain e-mail channel.
    DIGITAL_POST = "digital_post", _("Digital Post")
    MEDCOM = "medcom", _("MedCom-korrespondance")
    SMS = "sms", _("SMS")
    PRINT = "print", _("Fysisk brev")


class RecipientKind(models.TextChoices):
    CITIZEN = "citizen", _("Borger")
    RELATIVE = "relative", _("Pårørende")
    GP = "gp", _("Egen læge")
    HOSPITAL = "hospital", _("Sygehus")


class MessageKind(models.TextChoices):
    DECISION_LETTER = "decision_letter", _("Afgørelsesbrev")
    PLAN_LETTER = "plan_letter", _("Planbrev")
    STATUS_REPORT = "status_report", _("Statusbeskrivelse")
    REMINDER = "reminder", _("Påmindelse")
    NOTICE = "notice", _("Besked")


class MessageState(models.TextChoices):
    QUEUED = "queued", _("I kø")
    SENDING = "sending", _("Sendes")
    SENT = "sent", _("Sendt")
    DELIVERED = "delivered", _("Leveret")
    FAILED = "failed", _("Fejlet")
    # A reminder whose appointment was cancelled or moved before it went out.
    CANCELLED = "cancelled", _("Annulleret")


class OutboxMessage(models.Model):
    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    citizen = models.ForeignKey(
        "citizens.Citizen",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("borger"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=MessageKind.choices)
    channel = models.CharField(_("kanal"), max_length=14, choices=Channel.choices)
    recipient_kind = models.CharField(
        _("modtagertype"), max_length=10, choices=RecipientKind.choices
    )
    recipient_name = models.CharField(_("modtager"), max_length=200)
    recipient_address = models.CharField(_("adresse"), max_length=300, blank=True)
    subject = models.CharField(_("emne"), max_length=200)
    body_text = models.TextField(_("tekst"), blank=True)
    document = models.BinaryField(_("dokument (PDF)"), null=True, blank=True)
    state = models.CharField(
        _("tilstand"), max_length=10, choices=MessageState.choices, default=MessageState.QUEUED
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("oprettet"))
    send_after = models.DateTimeField(_("sendes efter"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("leveret"), null=True, blank=True)
    error = models.CharField(_("fejl"), max_length=300, blank=True)
    # The day the recipient got it: reported by the channel (Digital Post: when it is in the
    # mailbox) or recorded by staff (printed post). A decision's complaint deadline runs from it.
    received_on = models.DateField(_("modtaget"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0, db_default=0)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), null=True, blank=True)
    # While a worker sends, it holds the message until this moment; a worker that dies leaves
    # the message to be taken again once the time has passed.
    lease_until = models.DateTimeField(
        _("holdes af en worker til"), null=True, blank=True, editable=False
    )
    reference = models.CharField(_("kanalens reference"), max_length=100, blank=True)
    # Written once, for messages that must never be made twice (one reminder per place and
    # time): a second attempt to make it is refused by the database.
    dedupe_key = models.CharField(
        _("entydig nøgle"), max_length=120, null=True, blank=True, unique=True, editable=False
    )
    session = models.ForeignKey(
        "courses.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("aftale"),
    )

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("udgående besked")
        verbose_name_plural = _("udbakke")
        ordering = ["-created_at", "-id"]
        permissions = [("resend_message", _("Kan se og gensende fejlede breve og SMS"))]
        indexes = [
            # The dispatcher's look-up of what is due: few rows are queued or being sent.
            models.Index(
                fields=["state", "send_after"],
                name="outbox_due",
                condition=models.Q(state__in=["queued", "sending"]),
            ),
            # The leader's start page counts what was given up on every visit: few rows.
            models.Index(
                fields=["municipality", "created_at"],
                name="outbox_failed",
                condition=models.Q(state="failed"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} til {self.recipient_name}"

    @property
    def idempotency_key(self) -> str:
        """The key a channel uses to recognise a message it has already taken."""
        return f"rehabplan-{self.municipality_id}-{self.pk}"
