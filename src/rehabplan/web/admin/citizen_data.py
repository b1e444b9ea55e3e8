"""Citizen and case data in the admin: read-only, for superusers only, and every page that shows
it is written to the audit log with the citizens it showed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record


class CitizenDataAdmin(admin.ModelAdmin):
    """Citizen and case data can be looked up in the admin but changed only through the services,
    which validate every change and write it to the audit log. Only superusers see it here: the
    administrator role works with the set-up, not with citizens.

    `citizen_lookup` leads from a row to the citizen (or citizens) it shows."""

    citizen_lookup = "citizen"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.none()

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            shown = [row.pk for row in changelist.result_list]
            search_term = changelist.query or ""
            self._audit_shown(
                request,
                self._citizen_ids(shown),
                action=AuditAction.SEARCH if search_term else AuditAction.VIEW,
                summary=_("Opsætning: liste over %(model)s vist")
                % {"model": self.model._meta.verbose_name_plural},
                search_term=search_term,
            )
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        self._audit_one(request, object_id, _("Opsætning: %(model)s vist"))
        return response

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)
        self._audit_one(request, object_id, _("Opsætning: historik for %(model)s vist"))
        return response

    def _audit_one(self, request: HttpRequest, object_id: str, summary: str) -> None:
        obj = self.get_object(request, object_id)
        self._audit_shown(
            request,
            self._citizen_ids([obj.pk]),
            action=AuditAction.VIEW,
            summary=summary % {"model": self.model._meta.verbose_name},
            target=obj,
        )

    def _citizen_ids(self, pks: Iterable[Any]) -> set[int]:
        values = (
            self.model._default_manager.filter(pk__in=list(pks))
            .exclude(**{f"{self.citizen_lookup}__isnull": True})
            .values_list(self.citizen_lookup, flat=True)
        )
        return {int(value) for value in values}

    def _audit_shown(
        self,
        request: HttpRequest,
        citizen_ids: set[int],
        *,
        action: AuditAction,
        summary: str,
        search_term: str = "",
        target: Any = None,
    ) -> None:
        """One row per municipality whose citizens were shown, so each municipality's own log
        tells who looked at its citizens."""
        from rehabplan.citizens.models import Citizen
        from rehabplan.organisation.models import Municipality

        if not citizen_ids and not search_term and target is None:
            return
        citizens = Citizen.objects.in_bulk(citizen_ids)
        by_municipality: dict[Any, list[int]] = defaultdict(list)
        for citizen_id in citizen_ids:
            citizen = citizens.get(citizen_id)
            by_municipality[citizen.municipality_id if citizen else None].append(citizen_id)
        if not by_municipality:
            by_municipality[getattr(request.user, "municipality_id", None)] = []
        municipalities = Municipality.objects.in_bulk([key for key in by_municipality if key])
        for municipality_id, ids in sorted(by_municipality.items(), key=lambda item: item[0] or 0):
            only = citizens.get(ids[0]) if len(ids) == 1 else None
            audit_record(
                user=request.user,
                action=action,
                summary=summary,
                citizen=only,
                municipality=municipalities.get(municipality_id),
                target=target,
                search_term=search_term,
                shown_citizen_ids=ids,
            )
