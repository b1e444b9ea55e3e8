from django.contrib import admin

from rehabplan.organisation.models import (
    Absence,
    ClosedDay,
    Location,
    Municipality,
    TeamClass,
    Therapist,
    WorkingHours,
)
from rehabplan.web.admin.scoped import MunicipalityScopedAdmin, MunicipalityScopedInline


@admin.register(Municipality)
class MunicipalityAdmin(MunicipalityScopedAdmin):
    """An administrator sees its own municipality, read-only (the role may only view it)."""

    list_display = ("name", "code", "slug")
    search_fields = ("name", "slug")


@admin.register(Location)
class LocationAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "address", "postcode", "city", "active")
    list_filter = ("active",)
    search_fields = ("name", "address", "city")


class WorkingHoursInline(MunicipalityScopedInline):
    model = WorkingHours
    extra = 0


class AbsenceInline(MunicipalityScopedInline):
    model = Absence
    extra = 0


@admin.register(Therapist)
class TherapistAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "profession", "max_sessions_per_week", "active")
    list_filter = ("profession", "active")
    search_fields = ("name",)
    inlines = [WorkingHoursInline, AbsenceInline]


@admin.register(TeamClass)
class TeamClassAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "weekday", "starts_at", "location", "level", "capacity", "therapist")
    list_filter = ("weekday", "level", "location", "active")
    search_fields = ("name",)


@admin.register(ClosedDay)
class ClosedDayAdmin(MunicipalityScopedAdmin):
    list_display = ("day", "reason")
    date_hierarchy = "day"
