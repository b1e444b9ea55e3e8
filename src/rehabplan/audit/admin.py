from django.contrib import admin

from rehabplan.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are written by the services and never edited or deleted."""

    list_display = ("at", "user_name", "action", "citizen_name", "summary")
    list_filter = ("action", "municipality")
    search_fields = ("user_name", "citizen_name", "summary", "search_term")
    date_hierarchy = "at"

    def has_add_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False
