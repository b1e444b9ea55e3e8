"""Staff users in the admin.

An administrator manages the users of its own municipality: their names, whether they are active,
their password and which of the four roles they hold. Nobody gets superuser status, raw
permissions or staff status through a form: superusers are created with `createsuperuser` on the
command line, and staff status (entry to the admin) follows the administrator role.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models, router, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import ADMINISTRATOR
from rehabplan.web.admin.scoped import MunicipalityScopedAdmin
from rehabplan.web.admin.scoping import role_groups

_ACCOUNT = (None, {"fields": ("username", "password")})
_PERSON = (_("Personlige oplysninger"), {"fields": ("first_name", "last_name", "email")})
_ACCESS = (_("Adgang"), {"fields": ("is_active", "is_system", "groups")})
_MUNICIPALITY = (_("Kommune"), {"fields": ("municipality",)})
_DATES = (_("Datoer"), {"fields": ("last_login", "date_joined")})
_NEW_ACCOUNT = (
    None,
    {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")},
)


@admin.register(User)
class UserAdmin(MunicipalityScopedAdmin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "municipality", "is_active", "is_system")
    list_filter = ("municipality", "groups", "is_active", "is_system")
    search_fields = ("username", "first_name", "last_name", "email")
    filter_horizontal = ("groups",)
    readonly_fields = ("last_login", "date_joined")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        # No is_superuser, is_staff or user_permissions for anyone; the municipality is the
        # administrator's own and only a superuser chooses it.
        municipality = (_MUNICIPALITY,) if request.user.is_superuser else ()
        if obj is None:
            return (_NEW_ACCOUNT, _PERSON, _ACCESS, *municipality)
        return (_ACCOUNT, _PERSON, _ACCESS, *municipality, _DATES)

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "groups":
            kwargs.setdefault("label", _("Roller"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def scope_choices(
        self, db_field: models.Field, queryset: models.QuerySet, request: HttpRequest
    ) -> models.QuerySet:
        # The groups are the four roles, for superusers too; no other group is ever given.
        if db_field.name == "groups":
            return role_groups(queryset)
        return super().scope_choices(db_field, queryset, request)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user = form.instance
        is_staff = user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff"])
        if user.is_system and user.has_usable_password():
            # Another system's account works through API tokens, never by password.
            user.set_unusable_password()
            user.save(update_fields=["password"])

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        # Django saves the new password outside a transaction; keep it and its audit row together.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().user_change_password(request, id, form_url)
