"""Which rows of a model a user may reach in the admin: its own municipality's, and no more.

Every model the admin shows or offers in a dropdown is reached through `scope_to_user`. A model
without a known way to its municipality is not offered to anyone but a superuser (fail closed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from rehabplan.accounts.roles import ROLES

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


# Models that reach their municipality through another record ("pk" means the model itself).
MUNICIPALITY_LOOKUPS: dict[str, str] = {
    "organisation.municipality": "pk",
    "organisation.workinghours": "therapist__municipality",
    "organisation.absence": "therapist__municipality",
    "citizens.consent": "citizen__municipality",
    "citizens.relative": "citizen__municipality",
    "api.apitoken": "user__municipality",
}


def municipality_lookup(model: type[models.Model]) -> str | None:
    """The lookup from `model` to its municipality, or None when the model belongs to none."""
    label = model._meta.label_lower
    if label in MUNICIPALITY_LOOKUPS:
        return MUNICIPALITY_LOOKUPS[label]
    try:
        field = model._meta.get_field("municipality")
    except FieldDoesNotExist:
        return None
    return "municipality" if field.is_relation else None


def municipality_of(obj: models.Model) -> Any:
    """The municipality a record belongs to, or None."""
    lookup = municipality_lookup(type(obj))
    if lookup is None:
        return None
    if lookup == "pk":
        return obj
    value: Any = obj
    for step in lookup.split("__"):
        value = getattr(value, step, None)
        if value is None:
            return None
    return value


def scope_to_user(queryset: models.QuerySet, user: User) -> models.QuerySet:
    """The part of `queryset` the user may see and choose: all for a superuser, otherwise the
    rows of the user's municipality (never a superuser account, never a raw permission)."""
    if user.is_superuser:
        return queryset
    lookup = municipality_lookup(queryset.model)
    if lookup is None or not user.municipality_id:
        return queryset.none()
    queryset = queryset.filter(**{lookup: user.municipality_id})
    if queryset.model._meta.label_lower == "accounts.user":
        queryset = queryset.filter(is_superuser=False)
    return queryset


def role_groups(queryset: models.QuerySet) -> models.QuerySet:
    """The four role groups: the only groups a user is ever given in the admin."""
    return queryset.filter(name__in=ROLES)
