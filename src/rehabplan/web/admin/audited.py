"""Every add, change and delete made in the admin goes to the audit log.

Django's admin reports each of them through `log_addition`, `log_change` and `log_deletions`,
inside the transaction that makes the change (the views that Django leaves outside a transaction
are wrapped here), so the audit row and the change are written together or not at all.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.db import models, router, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record, model_changes, plain_value
from rehabplan.web.admin.scoping import municipality_of
from rehabplan.web.forms import DATE_INVALID, DATE_PLACEHOLDER

HIDDEN = "***"
# Values the audit log never holds, only the fact that they changed.
SECRET_FIELDS = frozenset({"password"})

_BEFORE_ATTRIBUTE = "_rehabplan_admin_before"
_INLINE_ATTRIBUTE = "_rehabplan_admin_inline_changes"


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The record's field values as plain text, related records by name, secrets hidden."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name in SECRET_FIELDS:
            values[field.name] = HIDDEN if field.value_from_object(obj) else ""
        elif field.is_relation:
            related_id = getattr(obj, field.attname)
            values[field.name] = None if related_id is None else str(getattr(obj, field.name))
        else:
            values[field.name] = plain_value(field.value_from_object(obj))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            values[field.name] = ", ".join(
                sorted(str(item) for item in getattr(obj, field.name).all())
            )
    return values


def _reload(obj: models.Model) -> models.Model | None:
    return type(obj)._default_manager.filter(pk=obj.pk).first()


# The admin's date inputs show and accept dd-mm-åååå like every other form (the locale formats in
# rehabplan/formats/da), and say how to write a date the same way.
DATE_FIELD_OVERRIDES = {
    models.DateField: {
        "widget": AdminDateWidget(attrs={"placeholder": DATE_PLACEHOLDER}),
        "error_messages": {"invalid": DATE_INVALID},
    },
}


class AuditedModelAdmin(admin.ModelAdmin):
    """Writes an audit row for every add, change and delete, with the fields that changed."""

    formfield_overrides = DATE_FIELD_OVERRIDES

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        if change and obj.pk is not None:
            stored = _reload(obj)
            if stored is not None:
                self._befores(request)[self._key(obj)] = snapshot(stored)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        stored_ids = [f.instance.pk for f in formset.initial_forms if f.instance.pk is not None]
        before = {
            stored.pk: snapshot(stored)
            for stored in formset.model._default_manager.filter(pk__in=stored_ids)
        }
        deleted_ids = [f.instance.pk for f in formset.deleted_forms if f.instance.pk is not None]
        super().save_formset(request, form, formset, change)
        changes = getattr(request, _INLINE_ATTRIBUTE, None)
        if changes is None:
            changes = {}
            setattr(request, _INLINE_ATTRIBUTE, changes)
        name = formset.model._meta.verbose_name
        for obj in formset.new_objects:
            changes.update(model_changes({}, snapshot(obj), prefix=f"{name} {obj.pk}: "))
        for obj, _fields in formset.changed_objects:
            changes.update(
                model_changes(before.get(obj.pk, {}), snapshot(obj), prefix=f"{name} {obj.pk}: ")
            )
        for pk in deleted_ids:
            changes.update(model_changes(before.get(pk, {}), {}, prefix=f"{name} {pk}: "))

    def log_addition(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)
        changes = {
            field: values
            for field, values in model_changes({}, snapshot(obj)).items()
            if values[1] not in (None, "")
        }
        changes.update(self._pop_inline_changes(request))
        self._audit(request, obj, AuditAction.CREATE, _("%(model)s oprettet"), changes)
        return entry

    def log_change(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        entry = super().log_change(request, obj, message)
        before = self._befores(request).pop(self._key(obj), None)
        if before is None:
            changes = self.changes_without_snapshot(request, obj, message)
        else:
            changes = model_changes(before, snapshot(obj))
        changes.update(self._pop_inline_changes(request))
        self._audit(request, obj, AuditAction.CHANGE, _("%(model)s ændret"), changes)
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        # Called before the records are deleted, in the same transaction as the deletion.
        objects = list(queryset)
        entries = super().log_deletions(request, objects)
        for obj in objects:
            changes = {
                field: values
                for field, values in model_changes(snapshot(obj), {}).items()
                if values[0] not in (None, "")
            }
            self._audit(request, obj, AuditAction.DELETE, _("%(model)s slettet"), changes)
        return entries

    def changes_without_snapshot(
        self, request: HttpRequest, obj: models.Model, message: Any
    ) -> dict[str, list]:
        """The changes of a view that saves without `save_model` (the password form): the changed
        fields by name, values hidden."""
        fields: list[str] = []
        for part in message or []:
            fields.extend(str(name) for name in part.get("changed", {}).get("fields", []))
        return {name: [HIDDEN, HIDDEN] for name in fields}

    def response_action(self, request: HttpRequest, queryset: Any) -> HttpResponse | None:
        # Admin actions (such as "delete selected") run outside Django's transaction otherwise.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)

    def _audit(
        self,
        request: HttpRequest,
        obj: models.Model,
        action: AuditAction,
        summary: str,
        changes: dict[str, list],
    ) -> None:
        municipality = municipality_of(obj) or getattr(request.user, "municipality", None)
        audit_record(
            user=request.user,
            action=action,
            municipality=municipality,
            target=obj,
            summary=_("Opsætning: %(summary)s: %(object)s")
            % {
                "summary": summary % {"model": obj._meta.verbose_name},
                "object": str(obj),
            },
            changes=changes,
        )

    @staticmethod
    def _key(obj: models.Model) -> tuple[str, Any]:
        return (obj._meta.label_lower, obj.pk)

    @staticmethod
    def _befores(request: HttpRequest) -> dict[tuple[str, Any], dict[str, Any]]:
        befores = getattr(request, _BEFORE_ATTRIBUTE, None)
        if befores is None:
            befores = {}
            setattr(request, _BEFORE_ATTRIBUTE, befores)
        return befores

    @staticmethod
    def _pop_inline_changes(request: HttpRequest) -> dict[str, list]:
        changes = getattr(request, _INLINE_ATTRIBUTE, None) or {}
        setattr(request, _INLINE_ATTRIBUTE, None)
        return changes
