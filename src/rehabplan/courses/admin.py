from django.contrib import admin

from rehabplan.courses.models import Course, Referral, Session
from rehabplan.web.admin.citizen_data import CitizenDataAdmin


@admin.register(Referral)
class ReferralAdmin(CitizenDataAdmin):
    list_display = ("citizen", "service_name", "source", "status", "received_on")
    list_filter = ("status", "source")
    search_fields = ("citizen__last_name", "referring_unit")
    date_hierarchy = "received_on"


@admin.register(Course)
class CourseAdmin(CitizenDataAdmin):
    list_display = ("citizen", "service_name", "status", "therapist", "start_on", "ended_on")
    list_filter = ("status", "delivery_type")
    search_fields = ("citizen__last_name",)


@admin.register(Session)
class SessionAdmin(CitizenDataAdmin):
    # A session names no citizen itself; its participants are the citizens it concerns.
    citizen_lookup = "attendances__course__citizen"
    list_display = ("starts_at", "kind", "therapist", "team_class", "status")
    list_filter = ("kind", "status")
    date_hierarchy = "starts_at"
