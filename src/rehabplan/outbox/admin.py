from django.contrib import admin

from rehabplan.outbox.models import OutboxMessage
from rehabplan.web.admin.citizen_data import CitizenDataAdmin


@admin.register(OutboxMessage)
class OutboxMessageAdmin(CitizenDataAdmin):
    list_display = ("created_at", "kind", "channel", "recipient_kind", "state")
    list_filter = ("kind", "channel", "state")
    exclude = ("document", "body_text")
