"""Danish names for Django's default permissions ("Kan oprette bruger", not "Can add bruger").

Django stores the names in English when it creates the permissions; the admin shows them as
stored, so they are renamed after every migrate, once Django has created any new ones.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Kan oprette %(model)s"),
    "change": _("Kan ændre %(model)s"),
    "delete": _("Kan slette %(model)s"),
    "view": _("Kan se %(model)s"),
}


def danish_permission_names() -> int:
    """Rename the default permissions of every installed model; returns how many changed."""
    renamed = 0
    with translation.override("da"):
        for permission in Permission.objects.select_related("content_type"):
            model = permission.content_type.model_class()
            action, _sep, model_name = permission.codename.partition("_")
            if model is None or action not in ACTIONS or model_name != model._meta.model_name:
                continue
            name = str(ACTIONS[action]) % {"model": model._meta.verbose_name}
            if permission.name != name:
                permission.name = name[:255]
                permission.save(update_fields=["name"])
                renamed += 1
    return renamed


def danish_permission_names_after_migrate(sender: Any, **kwargs: Any) -> None:
    danish_permission_names()
