"""Referrals and applications and the deadlines they start."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rehabplan.courses.standard_services import service_name, service_or_none
from rehabplan.organisation.scoping import MunicipalityQuerySet
from rehabplan.rules.deadlines import standard_date as deadline_standard_date
from rehabplan.rules.ruletypes import SERVICE_CODE_MAX_LENGTH


class ReferralSource(models.TextChoices):
    HOSPITAL_GOP = "hospital_gop", _("Sygehus (genoptræningsplan)")
    GP = "gp", _("Egen læge")
    CITIZEN = "citizen", _("Borgeren selv")
    RELATIVE = "relative", _("Pårørende")
    HOME_CARE = "home_care", _("Hjemmeplejen")
    OTHER = "other", _("Andet")


class PlanType(models.TextChoices):
    GENERAL = "almen", _("Almen")
    SPECIALISED = "specialiseret", _("Specialiseret")
    REHABILITATION = "rehabilitering", _("Rehabilitering på specialiseret niveau")


class GopLevel(models.TextChoices):
    BASAL = "basal", _("Basal")
    ADVANCED = "avanceret", _("Avanceret")


class FreeChoice(models.TextChoices):
    NOT_RELEVANT = "", _("Ikke relevant")
    OFFERED = "offered", _("Tilbudt")
    ACCEPTED = "accepted", _("Accepteret")
    DECLINED = "declined", _("Afslået")


class ReferralStatus(models.TextChoices):
    NEW = "new", _("Ny")
    AWAITING_DECISION = "awaiting_decision", _("Afventer afgørelse")
    GRANTED = "granted", _("Bevilget")
    PLANNED = "planned", _("Plan fastlagt")
    REFUSED = "refused", _("Afslag")
    REPLACED = "replaced", _("Erstattet af ny plan")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")
    OTHER_MUNICIPALITY = "other_municipality", _("Anden kommune")


class Referral(models.Model):
    """A referral (GOP, GP referral) or an application: the event that starts the clock."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("kommune"),
    )
    citizen = models.ForeignKey(
        "citizens.Citizen",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("borger"),
    )
    # A code of the standard in force (national or the municipality's own); the services
    # check it against the standard, and screens show the standard's name for it.
    service_code = models.CharField(_("indsats"), max_length=SERVICE_CODE_MAX_LENGTH)
    source = models.CharField(_("kilde"), max_length=20, choices=ReferralSource.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.NEW
    )
    received_on = models.DateField(_("modtaget"))
    discharge_on = models.DateField(_("udskrevet"), null=True, blank=True)
    gop_start_on = models.DateField(
        _("sygehusets starttidspunkt"),
        null=True,
        blank=True,
        help_text=_("Erstatter fristen på 7 dage, når sygehuset har sat et tidspunkt."),
    )
    plan_type = models.CharField(_("plantype"), max_length=20, choices=PlanType.choices, blank=True)
    gop_level = models.CharField(_("niveau"), max_length=12, choices=GopLevel.choices, blank=True)
    diagnosis_text = models.TextField(_("diagnose"), blank=True)
    referring_unit = models.CharField(_("henvisende enhed"), max_length=200, blank=True)
    valid_until = models.DateField(_("henvisning gyldig til"), null=True, blank=True)
    gop_letter_identifier = models.CharField(
        max_length=100, blank=True, verbose_name=_("genoptræningsplanens brev-id")
    )
    # A letter identifier is unique only within its sender's system: two hospitals may number
    # their letters alike, so a letter is known by sender and identifier together.
    gop_sender_ean = models.CharField(
        max_length=20, blank=True, verbose_name=_("afsenderens EAN-nummer")
    )
    episode_of_care_identifier = models.CharField(
        max_length=100, blank=True, verbose_name=_("sygehusforløbets id")
    )
    gop_content = models.JSONField(_("genoptræningsplan"), default=dict, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erstatter"),
    )
    # Reporting facts (KL Gateway §140): kept from the first day.
    first_contact_offered_on = models.DateField(_("første kontakt tilbudt"), null=True, blank=True)
    first_training_offered_on = models.DateField(_("første træning tilbudt"), null=True, blank=True)
    postponed_by_citizen = models.BooleanField(_("udskudt af borgeren"), default=False)
    postponed_on = models.DateField(_("udskudt den"), null=True, blank=True)
    postponement_note = models.CharField(_("udsættelse, bemærkning"), max_length=300, blank=True)
    free_choice = models.CharField(
        _("frit valg"), max_length=10, choices=FreeChoice.choices, blank=True, default=""
    )
    decided_on = models.DateField(_("afgjort"), null=True, blank=True)
    decision_received_on = models.DateField(
        _("afgørelse modtaget af borger"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("oprettet"))

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("henvisning eller ansøgning")
        verbose_name_plural = _("henvisninger og ansøgninger")
        ordering = ["-received_on", "-id"]
        indexes = [
            # The dashboard's waiting time and volumes: the referrals received in a period.
            models.Index(fields=["municipality", "received_on"], name="referral_received"),
            # The inbox (new) and the visitator's list (new or awaiting a decision).
            models.Index(
                fields=["municipality", "received_on"],
                condition=Q(status__in=[ReferralStatus.NEW, ReferralStatus.AWAITING_DECISION]),
                name="referral_undecided",
            ),
            # GP referrals of open cases that lapse: the warnings on the start page.
            models.Index(
                fields=["municipality", "valid_until"],
                condition=Q(
                    valid_until__isnull=False,
                    status__in=[
                        ReferralStatus.NEW,
                        ReferralStatus.AWAITING_DECISION,
                        ReferralStatus.GRANTED,
                        ReferralStatus.PLANNED,
                    ],
                ),
                name="referral_open_lapsing",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "gop_sender_ean", "gop_letter_identifier"],
                condition=~Q(gop_letter_identifier=""),
                name="referral_unique_gop_letter_per_sender",
                violation_error_message=_(
                    "Genoptræningsplanen fra denne afsender er allerede modtaget."
                ),
            )
        ]
        permissions = [
            ("register_referral", "Kan registrere henvisninger og ansøgninger"),
            ("decide_referral", "Kan visitere og træffe afgørelse"),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} ({self.received_on})"

    @property
    def standard_date(self) -> Any:
        """The day whose standard governs the case: the discharge, else the receipt."""
        return self.discharge_on or self.received_on

    @property
    def service_name(self) -> str:
        return service_name(self.municipality, self.service_code, self.standard_date)

    @property
    def service(self) -> Any:
        """The service (`rules.Service`) as the governing standard defines it, or None."""
        return service_or_none(self.municipality, self.service_code, self.standard_date)

    @property
    def event_dates(self) -> dict[str, Any]:
        """The dates the rules engine counts deadlines from."""
        return {
            "discharge": self.discharge_on,
            "received": self.received_on,
            "decided": self.decided_on,
            "granted": self.decided_on if self.status == ReferralStatus.GRANTED else None,
            "gop_start": self.gop_start_on,
        }


class MissReason(models.TextChoices):
    """Why a deadline was missed, as the leader's figures group them."""

    CITIZEN_WISH = "citizen_wish", _("Borgerens ønske")
    CAPACITY = "capacity", _("Kapacitet")
    FREE_CHOICE = "free_choice", _("Frit valg benyttet")
    OTHER = "other", _("Andet")


class DeadlineKind(models.TextChoices):
    CONTACT = "contact", _("Kontakt")
    DECISION = "decision", _("Afgørelse")
    START = "start", _("Opstart")


class StoredDeadline(models.Model):
    """A deadline as the rules engine computed it, with its explanation and standard version."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("henvisning")
    )
    kind = models.CharField(_("frist"), max_length=10, choices=DeadlineKind.choices)
    due = models.DateField(_("senest"), null=True, blank=True)
    basis = models.CharField(max_length=20, blank=True)
    depends_on = models.CharField(max_length=20, blank=True)
    falls_on_closed_day = models.BooleanField(default=False)
    met_on = models.DateField(_("overholdt den"), null=True, blank=True)
    explanation = models.JSONField(default=list)
    standard_version = models.CharField(_("kvalitetsstandard"), max_length=120)
    computed_at = models.DateTimeField(auto_now=True)
    # Recorded by a visitator or the leader once the deadline is missed; blank until then.
    # The database default too: bulk writers (the scale seeder's COPY) name only their columns.
    miss_reason = models.CharField(
        _("årsag til overskredet frist"),
        max_length=20,
        choices=MissReason.choices,
        blank=True,
        default="",
        db_default="",
    )
    miss_reason_note = models.CharField(
        _("bemærkning til årsagen"), max_length=300, blank=True, default="", db_default=""
    )

    municipality_lookup = "referral__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("frist")
        verbose_name_plural = _("frister")
        ordering = ["due"]
        indexes = [
            # The open deadlines, the most urgent first: the deadline list and the start page.
            models.Index(
                fields=["due", "referral"],
                condition=Q(met_on__isnull=True, due__isnull=False),
                name="deadline_open_by_due",
            ),
            # The dashboard's deadline figures: the deadlines falling due in a period.
            models.Index(fields=["due", "kind"], name="deadline_due_kind"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["referral", "kind"], name="deadline_one_per_kind")
        ]
        permissions = [
            ("record_miss_reason", "Kan registrere årsagen til en overskredet frist"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.due}"

    @property
    def standard_date(self) -> datetime.date:
        """The day whose standard the explanation followed (the engine's choice of date)."""
        return deadline_standard_date(**self.referral.event_dates)
