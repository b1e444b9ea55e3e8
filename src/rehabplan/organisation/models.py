"""The municipality's training unit: locations, therapists, team classes and closed days."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehabplan.formats.text import clock_text, day_text, moment_text
from rehabplan.organisation.scoping import MunicipalityQuerySet

WEEKDAY_CHOICES = [
    (0, _("Mandag")),
    (1, _("Tirsdag")),
    (2, _("Onsdag")),
    (3, _("Torsdag")),
    (4, _("Fredag")),
    (5, _("Lørdag")),
    (6, _("Søndag")),
]


class Profession(models.TextChoices):
    PHYSIOTHERAPIST = "PT", _("Fysioterapeut")
    OCCUPATIONAL_THERAPIST = "OT", _("Ergoterapeut")
    NURSE = "SYG", _("Sygeplejerske")
    DIETICIAN = "DIAET", _("Diætist")


class TrainingLevel(models.TextChoices):
    BASAL = "basal", _("Basal")
    ADVANCED = "avanceret", _("Avanceret")
    MAINTENANCE = "vedligehold", _("Vedligeholdende")


# A SOR code is an SNOMED CT identifier in the Danish namespace: digits only, 6 to 18 of them.
SOR_CODE_VALIDATOR = RegexValidator(r"^[0-9]{6,18}$", _("En SOR-kode består af 6 til 18 cifre."))


class Municipality(models.Model):
    slug = models.SlugField(_("kort navn"), max_length=40, unique=True)
    code = models.PositiveSmallIntegerField(_("kommunekode"), unique=True)
    name = models.CharField(_("navn"), max_length=120)
    unit_name = models.CharField(_("træningsenhed"), max_length=120, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    ean = models.CharField(_("EAN-lokationsnummer"), max_length=13, blank=True)
    # KL Gateway knows the municipality (the managing organisation of a citizen's record and the
    # performer of the training) by the training unit's SOR code only.
    sor_code = models.CharField(
        _("SOR-kode"),
        max_length=18,
        blank=True,
        validators=[SOR_CODE_VALIDATOR],
        help_text=_("Træningsenhedens kode i Sundhedsvæsenets Organisationsregister (SOR)."),
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="locations", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn"), max_length=120)
    address = models.CharField(_("adresse"), max_length=200)
    postcode = models.CharField(_("postnummer"), max_length=4)
    city = models.CharField(_("by"), max_length=80)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("træningssted")
        verbose_name_plural = _("træningssteder")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="location_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Therapist(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="therapists", verbose_name=_("kommune")
    )
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="therapist",
        verbose_name=_("bruger"),
    )
    name = models.CharField(_("navn"), max_length=120)
    profession = models.CharField(_("faggruppe"), max_length=8, choices=Profession.choices)
    max_sessions_per_week = models.PositiveSmallIntegerField(
        _("højst aftaler pr. uge"), default=30, validators=[MinValueValidator(1)]
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("terapeut")
        verbose_name_plural = _("terapeuter")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_profession_display()})"


class WorkingHours(models.Model):
    therapist = models.ForeignKey(
        Therapist,
        on_delete=models.CASCADE,
        related_name="working_hours",
        verbose_name=_("terapeut"),
    )
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=WEEKDAY_CHOICES)
    starts_at = models.TimeField(_("fra"))
    ends_at = models.TimeField(_("til"))

    class Meta:
        verbose_name = _("arbejdstid")
        verbose_name_plural = _("arbejdstider")
        ordering = ["therapist", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["therapist", "weekday"], name="working_hours_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="working_hours_end_after_start",
                violation_error_message=_("Arbejdstiden skal slutte efter, at den begynder."),
            ),
        ]

    def __str__(self) -> str:
        hours = f"{clock_text(self.starts_at)}-{clock_text(self.ends_at)}"
        return f"{self.get_weekday_display()} kl. {hours}"


class Absence(models.Model):
    therapist = models.ForeignKey(
        Therapist, on_delete=models.CASCADE, related_name="absences", verbose_name=_("terapeut")
    )
    first_day = models.DateField(_("første dag"))
    last_day = models.DateField(_("sidste dag"))
    reason = models.CharField(_("årsag"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("fravær")
        verbose_name_plural = _("fravær")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="absence_last_after_first",
                violation_error_message=_("Fraværets sidste dag kan ikke ligge før den første."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.therapist.name}: {day_text(self.first_day)}-{day_text(self.last_day)}"


class TeamClass(models.Model):
    """A recurring team class (hold): one to three weekdays at one time, one therapist.

    The days are `weekday` and the optional `second_weekday` and `third_weekday`, kept in
    ascending order (the database refuses anything else), so "tirsdag og torsdag" is one row
    that the admin edits as three plain choices."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="team_classes",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=120)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, verbose_name=_("sted"))
    weekday = models.PositiveSmallIntegerField(_("1. ugedag"), choices=WEEKDAY_CHOICES)
    second_weekday = models.PositiveSmallIntegerField(
        _("2. ugedag"),
        choices=WEEKDAY_CHOICES,
        null=True,
        blank=True,
        help_text=_("Udfyld, når holdet mødes mere end én dag om ugen."),
    )
    third_weekday = models.PositiveSmallIntegerField(
        _("3. ugedag"),
        choices=WEEKDAY_CHOICES,
        null=True,
        blank=True,
        help_text=_("Højst tre dage om ugen."),
    )
    starts_at = models.TimeField(_("starttid"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("varighed (minutter)"), default=60, validators=[MinValueValidator(15)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("pladser"), default=8, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    minimum_to_run = models.PositiveSmallIntegerField(_("mindst deltagere"), default=3)
    level = models.CharField(_("niveau"), max_length=20, choices=TrainingLevel.choices)
    profession = models.CharField(_("faggruppe"), max_length=8, choices=Profession.choices)
    therapist = models.ForeignKey(
        Therapist, on_delete=models.PROTECT, related_name="team_classes", verbose_name=_("terapeut")
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("hold")
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_to_run__lte=F("capacity")),
                name="team_class_minimum_fits",
                violation_error_message=_(
                    "Mindste antal deltagere kan ikke være større end antal pladser."
                ),
            ),
            models.CheckConstraint(
                condition=Q(weekday__lte=6)
                & (Q(second_weekday__isnull=True) | Q(second_weekday__gt=F("weekday")))
                & (
                    Q(third_weekday__isnull=True)
                    | Q(second_weekday__isnull=False, third_weekday__gt=F("second_weekday"))
                )
                & (Q(second_weekday__isnull=True) | Q(second_weekday__lte=6))
                & (Q(third_weekday__isnull=True) | Q(third_weekday__lte=6)),
                name="team_class_weekdays_ascending",
                violation_error_message=_(
                    "Holdets ugedage skal være forskellige og stå i rækkefølge."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weekdays_display} kl. {clock_text(self.starts_at)})"

    @property
    def weekdays(self) -> tuple[int, ...]:
        """The weekdays the class meets, Monday = 0, in ascending order."""
        return tuple(
            day
            for day in (self.weekday, self.second_weekday, self.third_weekday)
            if day is not None
        )

    @property
    def weekdays_display(self) -> str:
        """The days in words: "tirsdag og torsdag", "mandag, onsdag og fredag"."""
        names = [str(dict(WEEKDAY_CHOICES)[day]).lower() for day in self.weekdays]
        if len(names) < 2:
            return "".join(names)
        return _("%(days)s og %(last)s") % {"days": ", ".join(names[:-1]), "last": names[-1]}

    def clean(self) -> None:
        self._clean_weekdays()
        if (
            self.therapist_id
            and self.municipality_id
            and (self.therapist.municipality_id != self.municipality_id)
        ):
            raise ValidationError({"therapist": _("Terapeuten hører til en anden kommune.")})

    def _clean_weekdays(self) -> None:
        """One to three different days, entered in any order and stored in ascending order."""
        chosen = [
            day
            for day in (self.weekday, self.second_weekday, self.third_weekday)
            if day is not None
        ]
        if len(set(chosen)) != len(chosen):
            raise ValidationError(
                {"second_weekday": _("Holdet kan ikke mødes to gange på samme ugedag.")}
            )
        if not chosen:
            return  # the required first day reports its own error
        days = sorted(chosen) + [None, None]
        self.weekday, self.second_weekday, self.third_weekday = days[:3]


class ClosedDay(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="closed_days",
        verbose_name=_("kommune"),
    )
    day = models.DateField(_("dato"))
    reason = models.CharField(_("årsag"), max_length=120)

    class Meta:
        verbose_name = _("lukkedag")
        verbose_name_plural = _("lukkedage")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "day"], name="closed_day_unique")
        ]

    def __str__(self) -> str:
        return f"{day_text(self.day)}: {self.reason}"


class MunicipalStandardQuerySet(MunicipalityQuerySet):
    """Uploads are history: a new version of a standard is a new row, never an edit."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Uploaded standards are kept as history and never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Uploaded standards are kept as history and never deleted")


class MunicipalStandard(models.Model):
    """One uploaded quality-standard file (TOML), as it was uploaded.

    The newest row of a municipality is its standard in the installation; it takes the place of a
    shipped file with the same slug. Older rows are the history.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("kommune"),
    )
    file_name = models.CharField(_("filnavn"), max_length=200)
    text = models.TextField(_("indhold"))
    checksum = models.CharField(_("kontrolsum (SHA-256)"), max_length=64)
    uploaded_at = models.DateTimeField(_("indlæst"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indlæst af"),
    )
    # The account or, from the command line, the operator who uploaded it.
    uploaded_by_name = models.CharField(_("indlæst af"), max_length=150)

    objects = models.Manager.from_queryset(MunicipalStandardQuerySet)()

    class Meta:
        verbose_name = _("kvalitetsstandard")
        verbose_name_plural = _("kvalitetsstandarder")
        ordering = ["municipality__name", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({moment_text(self.uploaded_at)})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Uploaded standards are kept as history and never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Uploaded standards are kept as history and never deleted")


class HospitalUnit(models.Model):
    """A hospital unit that sends the municipality training plans (GOP), known in the plan by
    its EAN number and by KL Gateway by its SOR code: the §140 report names the sender of each
    plan by SOR code, which the GOP itself does not carry."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="hospital_units",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    ean = models.CharField(
        _("EAN-lokationsnummer"),
        max_length=20,
        help_text=_("Afsenderens EAN-nummer, som det står i genoptræningsplanen."),
    )
    sor_code = models.CharField(_("SOR-kode"), max_length=18, validators=[SOR_CODE_VALIDATOR])

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("sygehusenhed")
        verbose_name_plural = _("sygehusenheder")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "ean"],
                name="hospital_unit_unique_ean",
                violation_error_message=_(
                    "Der findes allerede en sygehusenhed med dette EAN-nummer."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name
