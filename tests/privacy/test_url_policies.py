"""Every view in the URL configuration declares whether it shows citizen data."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from rehabplan.web.privacy import audited_view
from rehabplan.web.privacy.checks import check_audit_policies


def undeclared_view(request):
    return HttpResponse("Karen Sørensen")


@audited_view
def declared_view(request):
    return HttpResponse("")


urlpatterns = [
    path("declared/", declared_view, name="declared"),
    path("undeclared/", undeclared_view, name="undeclared"),
]


def test_every_url_of_the_product_declares_its_audit_policy():
    assert check_audit_policies() == []


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_a_declaration_fails_the_system_check():
    errors = check_audit_policies()
    assert [error.id for error in errors] == ["rehabplan.E001"]
    assert "undeclared_view" in errors[0].msg
