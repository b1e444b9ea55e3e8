from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.models import (
    Absence,
    ClosedDay,
    HospitalUnit,
    Location,
    Municipality,
    MunicipalStandard,
    TeamClass,
    Therapist,
    WorkingHours,
)
from rehabplan.web.admin.scoped import MunicipalityScopedAdmin, MunicipalityScopedInline
from rehabplan.web.admin.standards.admin import MunicipalStandardAdmin

admin.site.register(MunicipalStandard, MunicipalStandardAdmin)


@admin.register(Municipality)
class MunicipalityAdmin(MunicipalityScopedAdmin):
    """An administrator sees its own municipality, read-only (the role may only view it). A
    superuser adds a municipality by uploading its standard file."""

    list_display = ("name", "code", "slug")
    search_fields = ("name", "slug")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Name, kommunekode and short name come from the municipality's standard file.
        return ("name", "code", "slug") if obj is not None else ()

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        # A municipality is added from its quality standard, never typed in by hand.
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)
        return HttpResponseRedirect(
            reverse("admin:organisation_municipalstandard_add", current_app=self.admin_site.name)
        )


@admin.register(HospitalUnit)
class HospitalUnitAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "ean", "sor_code")
    search_fields = ("name", "ean", "sor_code")


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
    list_display = ("name", "days", "starts_at", "location", "level", "capacity", "therapist")
    list_filter = ("level", "location", "active")
    search_fields = ("name",)

    @admin.display(description=_("ugedage"), ordering="weekday")
    def days(self, team: TeamClass) -> str:
        return team.weekdays_display.capitalize()


@admin.register(ClosedDay)
class ClosedDayAdmin(MunicipalityScopedAdmin):
    list_display = ("day", "reason")
    date_hierarchy = "day"
