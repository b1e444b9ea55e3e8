"""Adapting a training package to the municipality: copy a national package into a local
package, or save a new version of one, with a reason for every difference."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.exercises.packages import package_from_mapping
from rehabplan.trainingpackages.selectors import catalogue as selectors
from rehabplan.trainingpackages.services.adaptation import (
    local_package_create,
    local_version_create,
    may_adapt,
)
from rehabplan.web.packages.access import require_staff
from rehabplan.web.packages.adaptation.forms import AdaptationForms
from rehabplan.web.privacy import shows_no_citizen_data


def _require_adapter(request: HttpRequest) -> None:
    require_staff(request)
    if not may_adapt(request.user):
        raise PermissionDenied(_("Kun lederen og administratoren kan tilpasse træningspakker."))


def _saved(request: HttpRequest, version) -> HttpResponse:
    messages.success(
        request,
        _("%(name)s er gemt som version %(number)s.")
        % {"name": version.local_package.name, "number": version.number},
    )
    return redirect("local-package-version", local_version_id=version.pk)


@shows_no_citizen_data
@require_http_methods(["GET", "POST"])
def package_adapt_view(request: HttpRequest, package_key: str) -> HttpResponse:
    _require_adapter(request)
    national = selectors.national_package(package_key)
    forms = AdaptationForms(
        national=national,
        base=national,
        name=_("%(name)s, lokal version") % {"name": national.name},
        reasons={},
        data=request.POST if request.method == "POST" else None,
    )
    if request.method == "POST" and forms.is_valid():
        try:
            version = local_package_create(
                user=request.user,
                national_key=national.key,
                name=forms.main.cleaned_data["name"],
                content=forms.content,
                reasons=forms.reasons,
                note=forms.main.cleaned_data["note"],
            )
        except ValidationError as error:
            forms.add_service_errors(error)
        else:
            return _saved(request, version)
    context = {"forms": forms, "national": national, "local": None}
    status = 400 if request.method == "POST" else 200
    return render(request, "packages/adapt.html", context, status=status)


@shows_no_citizen_data
@require_http_methods(["GET", "POST"])
def local_version_new_view(request: HttpRequest, local_package_id: int) -> HttpResponse:
    _require_adapter(request)
    local = selectors.local_package(request.user, local_package_id)
    national = selectors.national_package(local.national_key)
    latest = selectors.latest_local_version(request.user, local)
    forms = AdaptationForms(
        national=national,
        base=package_from_mapping(latest.content) if latest is not None else national,
        name=local.name,
        reasons={change["field"]: change["reason"] for change in latest.changes} if latest else {},
        data=request.POST if request.method == "POST" else None,
    )
    if request.method == "POST" and forms.is_valid():
        try:
            version = local_version_create(
                user=request.user,
                local_package_id=local.pk,
                name=forms.main.cleaned_data["name"],
                content=forms.content,
                reasons=forms.reasons,
                note=forms.main.cleaned_data["note"],
            )
        except ValidationError as error:
            forms.add_service_errors(error)
        else:
            return _saved(request, version)
    context = {"forms": forms, "national": national, "local": local, "latest": latest}
    status = 400 if request.method == "POST" else 200
    return render(request, "packages/adapt.html", context, status=status)
