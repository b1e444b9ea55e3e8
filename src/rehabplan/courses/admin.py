from django.contrib import admin

from rehabplan.courses.models import Course, Referral, Session
from rehabplan.web.readonly_admin import ReadOnlyModelAdmin


@admin.register(Referral)
class ReferralAdmin(ReadOnlyModelAdmin):
    list_display = ("citizen", "service_code", "source", "status", "received_on")
    list_filter = ("service_code", "status", "source")
    search_fields = ("citizen__last_name", "referring_unit")
    date_hierarchy = "received_on"


@admin.register(Course)
class CourseAdmin(ReadOnlyModelAdmin):
    list_display = ("citizen", "service_code", "status", "therapist", "start_on", "ended_on")
    list_filter = ("service_code", "status", "delivery_type")
    search_fields = ("citizen__last_name",)


@admin.register(Session)
class SessionAdmin(ReadOnlyModelAdmin):
    list_display = ("starts_at", "kind", "therapist", "team_class", "status")
    list_filter = ("kind", "status")
    date_hierarchy = "starts_at"
