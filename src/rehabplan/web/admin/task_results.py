"""The background tasks' results in the admin, in Danish.

django_tasks_db's own admin shows the task's id and two columns named in English; the model's
field names are translated in rehabplan/locale (their texts go through gettext there).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "task_name",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return [name for name in super().get_readonly_fields(request, obj) if name != "id"]

    @admin.display(description=_("Opgave"))
    def task_name(self, obj: DBTaskResult) -> str:
        return obj.task_name

    @admin.display(description=_("Fejlspor"))
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description=_("Tidligst udført"))
    def display_run_after(self, obj: DBTaskResult) -> Any:
        return super().display_run_after(obj)


def install_danish_task_admin(site: admin.AdminSite) -> None:
    """Replace django_tasks_db's admin with the Danish one, and name its app in Danish."""
    apps.get_app_config("django_tasks_database").verbose_name = _("Baggrundsopgaver")
    if site.is_registered(DBTaskResult):
        site.unregister(DBTaskResult)
    site.register(DBTaskResult, TaskResultAdmin)
