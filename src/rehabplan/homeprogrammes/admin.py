from django.contrib import admin

from rehabplan.homeprogrammes.models import AdherenceWeek, HomeProgramme
from rehabplan.web.admin.citizen_data import CitizenDataAdmin


@admin.register(HomeProgramme)
class HomeProgrammeAdmin(CitizenDataAdmin):
    citizen_lookup = "course__citizen"
    list_display = ("course", "version", "start_on", "per_week", "reason", "handed_over_on")
    list_filter = ("reason",)
    date_hierarchy = "start_on"


@admin.register(AdherenceWeek)
class AdherenceWeekAdmin(CitizenDataAdmin):
    citizen_lookup = "course__citizen"
    list_display = ("course", "week_start", "sessions_done", "source")
    list_filter = ("source",)
