"""The parts of the admin that Django and django_tasks_db write in English, in Danish.

django_tasks_db's own admin shows the task's id and two columns named in English; the model's
field names are translated in rehabplan/locale (their texts go through gettext there). Django
writes a yes/no icon's text as "True"/"False", which a screen reader reads aloud.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
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


def _danish_boolean_icon(value: bool | None) -> str:
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    text = {True: _("Ja"), False: _("Nej"), None: _("Ukendt")}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


def install_danish_admin(site: admin.AdminSite) -> None:
    """The Danish task admin, and yes/no icons described in Danish."""
    install_danish_task_admin(site)
    # Django's admin looks the icon up in admin_list each time it draws one.
    admin_list._boolean_icon = _danish_boolean_icon
