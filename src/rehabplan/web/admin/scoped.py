"""The base for admins of a municipality's set-up: users, locations, team classes, therapists and
closed days. A non-superuser reaches only its own municipality's records, in lists, in detail
views and in every dropdown; the municipality is set from the user, never chosen; and a posted id
of another municipality's record is refused by the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from rehabplan.web.admin.audited import AuditedModelAdmin
from rehabplan.web.admin.scoping import municipality_lookup, municipality_of, scope_to_user

MUNICIPALITY_FIELD = "municipality"
OTHER_MUNICIPALITY = _("Vælg en post fra samme kommune.")


def _has_municipality_field(model: type[models.Model]) -> bool:
    try:
        return model._meta.get_field(MUNICIPALITY_FIELD).is_relation
    except FieldDoesNotExist:
        return False


class ScopedChoicesMixin:
    """Every foreign key and many-to-many dropdown offers the user's own municipality's records.

    The form validates a posted id against the same queryset, so an id typed into a crafted
    request is refused just like one picked from the list."""

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == MUNICIPALITY_FIELD:
            kwargs.setdefault("label", _("Kommune"))
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._scoped(db_field, formfield, request)

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> Any:
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._scoped(db_field, formfield, request)

    def scope_choices(
        self, db_field: models.Field, queryset: models.QuerySet, request: HttpRequest
    ) -> models.QuerySet:
        """The records `db_field` may point to for this user."""
        return scope_to_user(queryset, request.user)

    def _scoped(self, db_field: models.Field, formfield: Any, request: HttpRequest) -> Any:
        if formfield is not None and hasattr(formfield, "queryset"):
            formfield.queryset = self.scope_choices(db_field, formfield.queryset, request)
        return formfield


class MunicipalityScopedAdmin(ScopedChoicesMixin, AuditedModelAdmin):
    """Superusers see every municipality; everyone else only their own."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return scope_to_user(super().get_queryset(request), request.user)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        # Another municipality's record is "not found", as everywhere else in the product.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        exclude = list(super().get_exclude(request, obj) or ())
        if not request.user.is_superuser and _has_municipality_field(self.model):
            exclude.append(MUNICIPALITY_FIELD)
        return exclude

    def get_list_filter(self, request: HttpRequest) -> Any:
        list_filter = super().get_list_filter(request)
        if request.user.is_superuser:
            return list_filter
        # A related-field filter lists every record of the related model; keep to those shown.
        scoped = []
        for entry in list_filter:
            if isinstance(entry, str) and self._is_relation(entry):
                scoped.append((entry, RelatedOnlyFieldListFilter))
            else:
                scoped.append(entry)
        return scoped

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return _same_municipality_form(form_class, request)

    def _is_relation(self, name: str) -> bool:
        try:
            return self.model._meta.get_field(name).is_relation
        except FieldDoesNotExist:
            return False


def _same_municipality_form(
    form_class: type[forms.ModelForm], request: HttpRequest
) -> type[forms.ModelForm]:
    """The form with the record placed in the user's municipality before validation, and every
    chosen related record checked to belong to the record's municipality."""
    user = request.user

    class SameMunicipalityForm(form_class):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if not user.is_superuser and _has_municipality_field(type(self.instance)):
                self.instance.municipality_id = user.municipality_id

        def clean(self) -> dict[str, Any]:
            cleaned_data = super().clean()
            own = self._own_municipality_id(cleaned_data)
            if own is None:
                return cleaned_data
            for name, value in list(cleaned_data.items()):
                if name != MUNICIPALITY_FIELD and _any_of_other_municipality(value, own):
                    self.add_error(name, ValidationError(OTHER_MUNICIPALITY))
            return cleaned_data

        def _own_municipality_id(self, cleaned_data: dict[str, Any]) -> Any:
            if not _has_municipality_field(type(self.instance)):
                return user.municipality_id if not user.is_superuser else None
            chosen = cleaned_data.get(MUNICIPALITY_FIELD)
            if chosen is not None:
                return chosen.pk
            return self.instance.municipality_id

    SameMunicipalityForm.__name__ = form_class.__name__
    return SameMunicipalityForm


def _any_of_other_municipality(value: Any, own: Any) -> bool:
    """Whether a chosen record (or one of several) belongs to another municipality."""
    chosen = list(value) if isinstance(value, models.QuerySet) else [value]
    for item in chosen:
        if not isinstance(item, models.Model) or municipality_lookup(type(item)) is None:
            continue
        item_municipality = municipality_of(item)
        if item_municipality is not None and item_municipality.pk != own:
            return True
    return False


class MunicipalityScopedInline(ScopedChoicesMixin, admin.TabularInline):
    """An inline whose rows and dropdowns belong to the user's municipality."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return scope_to_user(super().get_queryset(request), request.user)
