"""Citizens, their relatives and the consents they give."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rehabplan.citizens.cpr import birth_date_from_cpr, format_cpr, normalise_cpr
from rehabplan.organisation.scoping import MunicipalityQuerySet


class Citizen(models.Model):
    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="citizens",
        verbose_name=_("kommune"),
    )
    cpr = models.CharField(_("CPR-nummer"), max_length=10)
    birth_date = models.DateField(_("fødselsdato"), editable=False)
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=80, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    digital_post_exempt = models.BooleanField(
        _("fritaget for Digital Post"),
        default=False,
        # Rows written without the column (bulk loads) are not exempt.
        db_default=False,
        help_text=_("Breve sendes som fysisk post til borgerens adresse."),
    )
    gp_name = models.CharField(_("egen læge"), max_length=120, blank=True)
    gp_clinic = models.CharField(_("lægepraksis"), max_length=160, blank=True)
    gp_phone = models.CharField(_("lægens telefon"), max_length=30, blank=True)
    covered_by_aeldreloven = models.BooleanField(
        _("omfattet af ældreloven"),
        default=False,
        help_text=_("Folkepensionsalder og behov der skyldes alder (fra 1. juli 2025)."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("oprettet"))

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "cpr"], name="citizen_unique_cpr")
        ]
        permissions = [("record_consent", "Kan registrere samtykke")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        # The birth date always follows the CPR number; it is never typed in separately.
        self.cpr = normalise_cpr(self.cpr)
        self.birth_date = birth_date_from_cpr(self.cpr)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def formatted_cpr(self) -> str:
        return format_cpr(self.cpr)

    def age_on(self, day: datetime.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    def clean_fields(self, exclude=None) -> None:
        # The number is normalised first, so "010150-1234" is checked as the ten digits it is.
        cpr_errors: list[str] = []
        try:
            self.cpr = normalise_cpr(self.cpr)
            self.birth_date = birth_date_from_cpr(self.cpr)
        except ValidationError as error:
            cpr_errors = error.messages
        exclude = set(exclude or ()) | ({"cpr", "birth_date"} if cpr_errors else set())
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            if cpr_errors:
                raise ValidationError({**error.message_dict, "cpr": cpr_errors}) from None
            raise
        if cpr_errors:
            raise ValidationError({"cpr": cpr_errors})


class Relative(models.Model):
    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="relatives", verbose_name=_("borger")
    )
    name = models.CharField(_("navn"), max_length=120)
    relation = models.CharField(_("relation"), max_length=60, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    municipality_lookup = "citizen__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("pårørende")
        verbose_name_plural = _("pårørende")

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})" if self.relation else self.name


class ConsentScope(models.TextChoices):
    SHARE_STATUS = "share_status", _("Status må sendes til egen læge og sygehus")
    CONTACT_GP = "contact_gp", _("Må kontakte egen læge")
    SMS_REMINDERS = "sms_reminders", _("SMS-påmindelser")
    APPLICATION_BY_OTHERS = (
        "application_by_others",
        _("Pårørende, læge eller hjemmepleje må søge på borgerens vegne"),
    )
    # Pseudonymised data for research (the research export); see docs/research-export.md.
    RESEARCH = "research", _("Forløbsdata må bruges pseudonymiseret til forskning")


class Consent(models.Model):
    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="consents", verbose_name=_("borger")
    )
    scope = models.CharField(_("omfang"), max_length=30, choices=ConsentScope.choices)
    given_on = models.DateField(_("givet den"))
    withdrawn_on = models.DateField(_("trukket tilbage den"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("registreret"))
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    municipality_lookup = "citizen__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        ordering = ["-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("Samtykket kan ikke trækkes tilbage, før det er givet."),
            )
        ]

    def __str__(self) -> str:
        return self.get_scope_display()

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)
