"""The admin of uploaded quality standards: a list, a read-only detail with what the standard
provides today, and an upload page in place of Django's add form."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.organisation.models import MunicipalStandard
from rehabplan.organisation.standards import installation_registry
from rehabplan.organisation.standards.summary import standard_summary
from rehabplan.rules import RulesError
from rehabplan.web.admin.scoping import scope_to_user
from rehabplan.web.admin.standards.forms import StandardUploadForm

UPLOAD_TEMPLATE = "admin/organisation/municipalstandard/upload.html"


class MunicipalStandardAdmin(admin.ModelAdmin):
    list_display = ("municipality", "file_name", "uploaded_at", "uploaded_by_name", "in_use")
    list_filter = ("municipality",)
    fields = (
        "municipality",
        "file_name",
        "uploaded_at",
        "uploaded_by_name",
        "in_use",
        "provides_today",
        "checksum",
        "text",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return scope_to_user(super().get_queryset(request), request.user).select_related(
            "municipality"
        )

    def get_list_filter(self, request: HttpRequest) -> Any:
        return self.list_filter if request.user.is_superuser else ()

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    # History is never changed or deleted; a new version is a new upload.
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("i brug"), boolean=True)
    def in_use(self, obj: MunicipalStandard) -> bool:
        newest = (
            MunicipalStandard.objects.of_municipality(obj.municipality_id)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
        )
        return newest == obj.pk

    @admin.display(description=gettext_lazy("giver i dag"))
    def provides_today(self, obj: MunicipalStandard) -> str:
        if not self.in_use(obj):
            return _("Afløst af en nyere version.")
        try:
            summary = standard_summary(
                installation_registry(), obj.municipality.slug, on=timezone.localdate()
            )
        except RulesError as error:
            return _("Standarden kan ikke læses: %(error)s") % {"error": error}
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((line,) for line in summary.lines())),
        )

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StandardUploadForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST":
            result = form.upload()
            if result is not None:
                if result.created_municipality:
                    text = _("%(name)s er oprettet fra kvalitetsstandarden %(file)s.")
                elif result.changed:
                    text = _("Ny version af kvalitetsstandarden for %(name)s er gemt (%(file)s).")
                else:
                    text = _("Kvalitetsstandarden for %(name)s er uændret; intet er gemt.")
                messages.success(
                    request,
                    text % {"name": result.municipality.name, "file": result.standard.file_name},
                )
                return HttpResponseRedirect(
                    reverse(
                        "admin:organisation_municipalstandard_change",
                        args=[result.standard.pk],
                        current_app=self.admin_site.name,
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Indlæs kvalitetsstandard"),
            "subtitle": None,
            "opts": self.model._meta,
            "form": form,
            "for_own_municipality": not request.user.is_superuser,
            **(extra_context or {}),
        }
        return TemplateResponse(request, UPLOAD_TEMPLATE, context)
