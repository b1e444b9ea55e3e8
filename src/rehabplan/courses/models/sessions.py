"""Sessions (appointments) and attendance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rehabplan.formats.text import moment_text
from rehabplan.organisation.scoping import MunicipalityQuerySet


class SessionKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuel")
    TEAM = "team", _("Hold")
    HOME = "home", _("Hjemmetræning")
    VIDEO = "video", _("Video")


class ContactType(models.TextChoices):
    CENTRE = "centre", _("Træningscenter")
    HOME = "home", _("Hjemme")
    VIDEO = "video", _("Video")
    PHONE = "phone", _("Telefon")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Gennemført")
    CANCELLED = "cancelled", _("Aflyst")


class Session(models.Model):
    """One appointment. A team session has many participants; the others exactly one."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("kommune"),
    )
    kind = models.CharField(_("type"), max_length=12, choices=SessionKind.choices)
    contact_type = models.CharField(_("kontaktform"), max_length=10, choices=ContactType.choices)
    team_class = models.ForeignKey(
        "organisation.TeamClass",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("hold"),
    )
    therapist = models.ForeignKey(
        "organisation.Therapist",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("terapeut"),
    )
    location = models.ForeignKey(
        "organisation.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("sted"),
    )
    starts_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("varighed (minutter)"), default=60)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replacements",
        verbose_name=_("erstatter"),
    )

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aftale")
        verbose_name_plural = _("aftaler")
        ordering = ["starts_at"]
        indexes = [
            # A therapist's day and week: her sessions in a range of time.
            models.Index(fields=["therapist", "starts_at"], name="session_by_therapist_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="team", team_class__isnull=False) | ~Q(kind="team"),
                name="session_team_has_class",
                violation_error_message=_("En holdtræning skal høre til et hold."),
            ),
            # One row per class occurrence, so that simultaneous bookings share one session
            # and its seat count. A replacement for a cancelled occurrence is a row of its own.
            models.UniqueConstraint(
                fields=["team_class", "starts_at"],
                condition=Q(team_class__isnull=False, replaces__isnull=True),
                name="session_one_per_class_occurrence",
                violation_error_message=_("Holdet har allerede en træning på dette tidspunkt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {moment_text(self.starts_at)}"

    @property
    def has_started(self) -> bool:
        """Whether attendance (mødt/udeblevet) can be known yet; before the start only a
        cancellation can be recorded."""
        return self.starts_at <= timezone.now()


class AttendanceStatus(models.TextChoices):
    BOOKED = "booked", _("Booket")
    ATTENDED = "attended", _("Mødt")
    CANCELLED_IN_TIME = "cancelled_in_time", _("Afbud fra borger (rettidigt)")
    CANCELLED_LATE = "cancelled_late", _("Afbud fra borger (for sent)")
    CANCELLED_BY_THERAPIST = "cancelled_by_therapist", _("Aflyst af terapeut")
    NO_SHOW = "no_show", _("Udeblevet")


class Attendance(models.Model):
    """A citizen's place in a session and what became of it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(
        _("fremmøde"),
        max_length=24,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.BOOKED,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    recorded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("registreret"))

    municipality_lookup = "course__municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "course"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return self.get_status_display()
