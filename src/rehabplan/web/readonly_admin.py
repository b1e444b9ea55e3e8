from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Citizen and case data can be looked up in the admin but changed only through the services,
    which validate every change and write it to the audit log."""

    def has_add_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def get_queryset(self, request):  # noqa: ANN001, ANN201
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.none()
