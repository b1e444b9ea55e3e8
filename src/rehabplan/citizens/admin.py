from django.contrib import admin

from rehabplan.citizens.models import Citizen, Consent
from rehabplan.web.admin.citizen_data import CitizenDataAdmin


@admin.register(Citizen)
class CitizenAdmin(CitizenDataAdmin):
    citizen_lookup = "pk"
    list_display = ("last_name", "first_name", "municipality")
    list_filter = ("municipality",)
    search_fields = ("last_name", "first_name")
    exclude = ("cpr",)


@admin.register(Consent)
class ConsentAdmin(CitizenDataAdmin):
    list_display = ("citizen", "scope", "given_on", "withdrawn_on")
    list_filter = ("scope",)
