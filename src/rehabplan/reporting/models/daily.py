"""Daily figures: the municipality's sessions and places counted per day, so that the key
figures over a year add up a few hundred rows a day instead of joining every place to its
session.

The rows are a cache of `courses.Session` and `courses.Attendance`, never edited by hand.
Database triggers (migration `reporting/0004_daily_figures`) note the day of every session or
place written, in any way, in `StaleDay`; `reporting.daily.refresh` counts those days again
before the figures are read.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.scoping import MunicipalityQuerySet
from rehabplan.rules.ruletypes import SERVICE_CODE_MAX_LENGTH


class DailySessionGroup(models.Model):
    """Sessions of one local day alike in everything the key figures group or filter them
    by. `seats` is the number of seats taken in each of them (booked, attended, stayed away or
    cancelled too late), so a class's minimum is compared when the figures are read and a
    changed minimum needs no recount."""

    # No database constraint: the cache must never stand in the way of deleting what it counts.
    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
        verbose_name=_("kommune"),
    )
    day = models.DateField(_("dag"))
    location = models.ForeignKey(
        "organisation.Location",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("sted"),
    )
    team_class = models.ForeignKey(
        "organisation.TeamClass",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("hold"),
    )
    therapist = models.ForeignKey(
        "organisation.Therapist",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("terapeut"),
    )
    session_status = models.CharField(_("aftalens status"), max_length=10)
    seats = models.PositiveIntegerField(_("optagne pladser pr. aftale"))
    duration_minutes = models.PositiveIntegerField(_("varighed (minutter)"))
    sessions = models.PositiveIntegerField(_("aftaler"))

    municipality_lookup = "municipality"
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.day:%d-%m-%Y}"


class DailySessions(DailySessionGroup):
    """Every session of the day, with or without places."""

    class Meta:
        verbose_name = _("aftaler pr. dag")
        verbose_name_plural = _("aftaler pr. dag")
        default_permissions = ()
        indexes = [models.Index(fields=["municipality", "day"], name="daily_sessions_by_day")]


class DailyPlaces(DailySessionGroup):
    """The places of one service in the day's sessions: `sessions` counts the sessions that
    had at least one place of the service, and the places are counted per status, each in the
    column named by the status's value (`AttendanceStatus`)."""

    service_code = models.CharField(_("indsats"), max_length=SERVICE_CODE_MAX_LENGTH)
    booked = models.PositiveIntegerField(_("booket"))
    attended = models.PositiveIntegerField(_("mødt"))
    no_show = models.PositiveIntegerField(_("udeblevet"))
    cancelled_in_time = models.PositiveIntegerField(_("rettidigt afbud"))
    cancelled_late = models.PositiveIntegerField(_("afbud for sent"))
    cancelled_by_therapist = models.PositiveIntegerField(_("aflyst af terapeut"))

    class Meta:
        verbose_name = _("pladser pr. dag")
        verbose_name_plural = _("pladser pr. dag")
        default_permissions = ()
        indexes = [models.Index(fields=["municipality", "day"], name="daily_places_by_day")]


class StaleDay(models.Model):
    """A day whose figures must be counted again. Written by the triggers, which know no time
    zone: `utc_day` is the session's date in UTC, and the local days it touches are that day
    and the next (Danish time is ahead of UTC)."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    utc_day = models.DateField()

    class Meta:
        default_permissions = ()
        indexes = [models.Index(fields=["municipality", "utc_day"], name="stale_day_lookup")]

    def __str__(self) -> str:
        return f"{self.utc_day:%d-%m-%Y}"
