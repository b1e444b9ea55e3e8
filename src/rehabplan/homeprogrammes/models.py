"""A course's home training programme in versions, its exercises, and the weekly sessions done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rehabplan.exercises.dosage import Dosage
from rehabplan.organisation.scoping import MunicipalityQuerySet

MAX_SESSIONS_PER_WEEK = 14


class VersionReason(models.TextChoices):
    FIRST = "first", _("Første program")
    RETEST = "retest", _("Justeret efter retest")
    ADJUSTED = "adjusted", _("Justeret af anden grund")
    CLOSING = "closing", _("Udleveret ved afslutningssamtalen")


class HomeProgramme(models.Model):
    """One version of a course's home programme; a new version never changes an older one."""

    course = models.ForeignKey(
        "courses.Course",
        on_delete=models.PROTECT,
        related_name="home_programmes",
        verbose_name=_("forløb"),
    )
    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    version = models.PositiveSmallIntegerField(_("versionsnummer"))
    start_on = models.DateField(_("startdato"))
    per_week = models.PositiveSmallIntegerField(_("træningsgange om ugen (mål)"))
    note = models.TextField(_("besked til borgeren"), blank=True)
    reason = models.CharField(
        _("årsag til versionen"), max_length=10, choices=VersionReason.choices
    )
    reason_text = models.TextField(_("begrundelse"), blank=True)
    source_label = models.CharField(_("bygget ud fra"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    handed_over_on = models.DateField(_("udleveret ved afslutning den"), null=True, blank=True)

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hjemmetræningsprogram")
        verbose_name_plural = _("hjemmetræningsprogrammer")
        ordering = ["course", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "version"],
                name="homeprogramme_one_per_version",
                violation_error_message=_("Forløbet har allerede et program med dette nummer."),
            ),
            models.CheckConstraint(
                condition=Q(per_week__gte=1) & Q(per_week__lte=MAX_SESSIONS_PER_WEEK),
                name="homeprogramme_per_week_range",
                violation_error_message=_("Træningsgange om ugen skal være mellem 1 og 14."),
            ),
        ]

    def __str__(self) -> str:
        return f"Hjemmetræningsprogram {self.version}"


class HomeProgrammeExercise(models.Model):
    """One exercise of a programme version with the dosage the therapist set."""

    programme = models.ForeignKey(
        HomeProgramme,
        on_delete=models.CASCADE,
        related_name="exercises",
        verbose_name=_("hjemmetræningsprogram"),
    )
    exercise_key = models.CharField(_("øvelse"), max_length=60)
    order = models.PositiveSmallIntegerField(_("rækkefølge"))
    sets = models.PositiveSmallIntegerField(_("sæt"), null=True, blank=True)
    repetitions = models.PositiveSmallIntegerField(_("gentagelser"), null=True, blank=True)
    seconds = models.PositiveSmallIntegerField(_("sekunder"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutter"), null=True, blank=True)
    load = models.CharField(_("belastning"), max_length=80, blank=True)
    rest_seconds = models.PositiveSmallIntegerField(_("pause (sekunder)"), null=True, blank=True)
    per_week = models.PositiveSmallIntegerField(_("gange om ugen"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    municipality_lookup = "programme__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("øvelse i hjemmetræningsprogram")
        verbose_name_plural = _("øvelser i hjemmetræningsprogram")
        ordering = ["programme", "order"]

    def __str__(self) -> str:
        return self.exercise_key

    @property
    def dosage(self) -> Dosage:
        return Dosage(
            sets=self.sets,
            repetitions=self.repetitions,
            seconds=self.seconds,
            minutes=self.minutes,
            load=self.load,
            rest_seconds=self.rest_seconds,
            per_week=self.per_week,
        )


class AdherenceSource(models.TextChoices):
    STAFF = "staff", _("Registreret af terapeut")
    CITIZEN = "citizen", _("Registreret af borgeren")


class AdherenceWeek(models.Model):
    """How many times the citizen trained the home programme in one week (Monday to Sunday);
    a later record for the same week replaces the count."""

    course = models.ForeignKey(
        "courses.Course",
        on_delete=models.PROTECT,
        related_name="adherence_weeks",
        verbose_name=_("forløb"),
    )
    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    week_start = models.DateField(_("ugens mandag"))
    sessions_done = models.PositiveSmallIntegerField(_("træningsgange udført"))
    source = models.CharField(_("registreret af"), max_length=10, choices=AdherenceSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medarbejder"),
    )
    recorded_at = models.DateTimeField(_("registreret"))

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("træningsuge hjemme")
        verbose_name_plural = _("træningsuger hjemme")
        ordering = ["course", "-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "week_start"],
                name="adherence_one_per_week",
                violation_error_message=_("Ugen er allerede registreret for forløbet."),
            ),
            models.CheckConstraint(
                condition=Q(sessions_done__lte=MAX_SESSIONS_PER_WEEK),
                name="adherence_sessions_range",
                violation_error_message=_("Træningsgange skal være mellem 0 og 14."),
            ),
        ]

    def __str__(self) -> str:
        return f"Uge fra {self.week_start}: {self.sessions_done}"
