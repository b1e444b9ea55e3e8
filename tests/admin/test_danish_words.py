"""The admin speaks Danish: field labels, model names and permission names."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint

from rehabplan.accounts.permission_names import danish_permission_names

# Danish words that happen to be spelled like the field's name in the code.
SAME_IN_DANISH = {"status"}


def _own_admin_models():
    return [m for m in admin.site._registry if m.__module__.startswith("rehabplan.")]


@pytest.mark.parametrize("model", _own_admin_models(), ids=lambda m: m._meta.label)
def test_every_field_the_admin_shows_has_a_danish_label(model):
    undescribed = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and field.name not in SAME_IN_DANISH
        and str(field.verbose_name) == field.name.replace("_", " ")
    ]
    assert undescribed == []


def test_default_permissions_are_named_in_danish(db):
    permission = Permission.objects.get(codename="add_user")
    assert permission.name == "Kan oprette bruger"
    assert not Permission.objects.filter(name__startswith="Can ").exists()


def test_a_permission_django_names_in_english_is_renamed(db):
    Permission.objects.filter(codename="view_citizen").update(name="Can view borger")
    assert danish_permission_names() == 1
    assert Permission.objects.get(codename="view_citizen").name == "Kan se borger"


def test_the_superuser_sees_danish_permission_names(admin_client):
    page = admin_client.get("/admin/auth/group/add/").content.decode()
    assert "Kan oprette bruger" in page
    assert "Can add" not in page and "Can change" not in page
    page = admin_client.get("/admin/organisation/location/add/").content.decode()
    assert "Kommune" in page and "Municipality" not in page


def test_the_municipal_administrator_sees_danish_labels(admin_of_second, own):
    for url in (
        "/admin/organisation/location/add/",
        f"/admin/organisation/location/{own.location.pk}/change/",
        f"/admin/accounts/user/{own.visitator.pk}/change/",
    ):
        response = admin_of_second.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Municipality" not in page and "Can " not in page, url


def test_a_broken_rule_is_explained_in_danish_not_by_its_constraint_name(own):
    team_class = own.team_class
    team_class.capacity, team_class.minimum_to_run = 4, 6
    with pytest.raises(ValidationError) as error:
        team_class.validate_constraints()
    messages = " ".join(error.value.messages)
    assert "Mindste antal deltagere kan ikke være større end antal pladser." in messages
    assert "team_class_minimum_fits" not in messages


@pytest.mark.parametrize(
    "model",
    [m for m in _own_admin_models() if m._meta.constraints],
    ids=lambda m: m._meta.label,
)
def test_every_rule_constraint_has_a_danish_message(model):
    for constraint in model._meta.constraints:
        # A unique constraint on fields without a condition gets Django's own Danish message.
        if isinstance(constraint, CheckConstraint) or getattr(constraint, "condition", None):
            message = str(constraint.get_violation_error_message())
            assert constraint.name not in message
