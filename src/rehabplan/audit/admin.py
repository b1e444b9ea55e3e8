from django.contrib import admin

from rehabplan.audit.models import AuditEntry
from rehabplan.web.admin.citizen_data import CitizenDataAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(CitizenDataAdmin):
    """Read-only: entries are written by the services and never edited or deleted. The entries
    name citizens, so reading them here is itself logged."""

    citizen_lookup = "citizen_id"
    list_display = ("at", "user_name", "action", "citizen_name", "summary")
    list_filter = ("action", "municipality")
    search_fields = ("user_name", "citizen_name", "summary", "search_term")
    date_hierarchy = "at"
