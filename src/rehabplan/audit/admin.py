from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
    # The stored changes are keyed by field names in the code, and the record acted on by its
    # model's name and id: staff see the Danish names instead.
    exclude = ("changes", "object_type", "object_id")
    readonly_fields = ("record_kind", "changed_fields")

    @admin.display(description=_("Vedrører"))
    def record_kind(self, entry: AuditEntry) -> str:
        return entry.object_label or "–"

    @admin.display(description=_("Ændringer"))
    def changed_fields(self, entry: AuditEntry) -> str:
        return (
            "; ".join(
                f"{row.label}: {_shown(row.before)} → {_shown(row.after)}"
                for row in entry.change_rows
            )
            or "–"
        )


def _shown(value: object) -> str:
    return "–" if value in (None, "") else str(value)
