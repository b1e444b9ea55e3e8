from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from rehabplan.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "municipality", "is_active")
    list_filter = ("municipality", "groups", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Kommune"), {"fields": ("municipality",)}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Kommune"), {"fields": ("municipality", "groups")}),
    )
