"""A course of training (forløb)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehabplan.courses.standard_services import service_name, service_or_none
from rehabplan.organisation.scoping import MunicipalityQuerySet
from rehabplan.rules.ruletypes import SERVICE_CODE_MAX_LENGTH


class CourseStatus(models.TextChoices):
    AWAITING_START = "awaiting_start", _("Afventer opstart")
    ACTIVE = "active", _("I gang")
    PROPOSED_FOR_ENDING = "proposed_for_ending", _("Foreslået afsluttet")
    CLOSED = "closed", _("Afsluttet")
    CANCELLED = "cancelled", _("Annulleret")


# A course that is not over: waiting to start, running, or proposed for ending. It holds its seat
# on a class and belongs to its therapist's caseload.
OPEN_COURSE_STATUSES = (
    CourseStatus.AWAITING_START,
    CourseStatus.ACTIVE,
    CourseStatus.PROPOSED_FOR_ENDING,
)


class DeliveryType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuel")
    TEAM = "team", _("Hold")
    DIGITAL = "digital", _("Digital")


class Course(models.Model):
    """A course of training (forløb) that follows from a referral or a grant."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("kommune"),
    )
    citizen = models.ForeignKey(
        "citizens.Citizen",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("borger"),
    )
    referral = models.OneToOneField(
        "courses.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course",
        verbose_name=_("henvisning"),
    )
    service_code = models.CharField(_("indsats"), max_length=SERVICE_CODE_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CourseStatus.choices,
        default=CourseStatus.AWAITING_START,
    )
    delivery_type = models.CharField(
        _("leveringsform"), max_length=12, choices=DeliveryType.choices, blank=True
    )
    level = models.CharField(_("niveau"), max_length=20, blank=True)
    therapist = models.ForeignKey(
        "organisation.Therapist",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("fast terapeut"),
    )
    team_class = models.ForeignKey(
        "organisation.TeamClass",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("hold"),
    )
    start_on = models.DateField(_("start"), null=True, blank=True)
    planned_end_on = models.DateField(_("planlagt slut"), null=True, blank=True)
    ended_on = models.DateField(_("afsluttet"), null=True, blank=True)
    end_reason = models.CharField(_("afslutningsårsag"), max_length=40, blank=True)
    end_reason_note = models.TextField(_("begrundelse"), blank=True)
    standard_version = models.CharField(_("kvalitetsstandard"), max_length=120, blank=True)
    plan_text = models.TextField(_("plan"), blank=True)
    blocked_weekdays = models.JSONField(
        _("ugedage borgeren ikke kan træne"),
        default=list,
        blank=True,
        help_text=_("0 = mandag ... 6 = søndag. Planlægningen booker ikke disse dage."),
    )
    intake_on = models.DateField(_("opstartssamtale"), null=True, blank=True)
    ending_proposed_reason = models.CharField(
        _("foreslået afsluttet, fordi"), max_length=300, blank=True
    )
    closing_talk_on = models.DateField(_("afslutningssamtale"), null=True, blank=True)
    self_training_programme = models.TextField(_("selvtræningsprogram"), blank=True)
    continue_training_at = models.TextField(_("træner videre"), blank=True)
    equipment_returned = models.BooleanField(
        _("lånte træningsredskaber afleveret"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("oprettet"))

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        ordering = ["-created_at"]
        indexes = [
            # The planner counts each class's seats held by running or booked courses.
            models.Index(fields=["team_class", "status"], name="course_class_status_idx"),
            # The dashboard's active courses: the courses running in a period.
            models.Index(fields=["municipality", "start_on"], name="course_start"),
            # "Mine forløb": the open courses of the municipality, a few of the many.
            models.Index(
                fields=["municipality", "therapist"],
                condition=Q(status__in=list(OPEN_COURSE_STATUSES)),
                name="course_open",
            ),
            # The key figures' end reasons: the courses that ended in a period.
            models.Index(fields=["municipality", "ended_on"], name="course_municipality_ended"),
        ]
        permissions = [
            ("document_course", "Kan dokumentere forløb og fremmøde"),
            ("plan_courses", "Kan planlægge forløb"),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} – {self.get_status_display()}"

    @property
    def standard_date(self) -> Any:
        """The day whose standard governs the course: the event that started the clock."""
        referral = self.referral
        if referral is not None:
            return referral.standard_date
        return self.start_on or timezone.localdate()

    @property
    def service_name(self) -> str:
        """The service's name from the standard that governs the course."""
        return service_name(self.municipality, self.service_code, self.standard_date)

    @property
    def service(self) -> Any:
        """The service (`rules.Service`) as the governing standard defines it, or None."""
        return service_or_none(self.municipality, self.service_code, self.standard_date)

    @property
    def blocked_weekday_names(self) -> list[str]:
        from rehabplan.organisation.models import WEEKDAY_CHOICES

        names = dict(WEEKDAY_CHOICES)
        return [str(names[day]).lower() for day in self.blocked_weekdays if day in names]
