"""The catalogue of training packages for citizens with dementia: the national packages with
the municipality's local versions beside them, one package in full, and a local package's
versions with what they change. Packages hold no citizen data; every staff role may read them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rehabplan.exercises.package_differences import differences
from rehabplan.exercises.packages import package_from_mapping
from rehabplan.trainingpackages.selectors import catalogue as selectors
from rehabplan.trainingpackages.services.adaptation import may_adapt
from rehabplan.web.packages.access import require_staff
from rehabplan.web.packages.catalogue.forms import PackageFilterForm
from rehabplan.web.packages.presenters import package_context, target_group
from rehabplan.web.paging import paged_request
from rehabplan.web.privacy import shows_no_citizen_data

VERSIONS_PER_PAGE = 20


@shows_no_citizen_data
@require_GET
def package_list_view(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    form = PackageFilterForm(request.GET or None)
    catalogue = selectors.national_catalogue()
    arguments = form.matching_arguments() if form.is_bound and form.is_valid() else {}
    local = selectors.local_packages_by_national_key(request.user)
    rows = [
        {
            "package": package,
            "target_group": target_group(package),
            "local_packages": local.get(package.key, []),
        }
        for package in catalogue.matching(**arguments)
    ]
    context = {
        "form": form,
        "rows": rows,
        "total": len(catalogue),
        "filtered": any(arguments.values()),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "packages/package_list.html", context, status=status)


@shows_no_citizen_data
@require_GET
def package_detail_view(request: HttpRequest, package_key: str) -> HttpResponse:
    require_staff(request)
    package = selectors.national_package(package_key)
    local = selectors.local_packages_by_national_key(request.user).get(package.key, [])
    context = {
        **package_context(package),
        "local_packages": local,
        "may_adapt": may_adapt(request.user),
    }
    return render(request, "packages/package_detail.html", context)


@shows_no_citizen_data
@require_GET
def local_package_view(request: HttpRequest, local_package_id: int) -> HttpResponse:
    require_staff(request)
    local = selectors.local_package(request.user, local_package_id)
    context = {
        "local": local,
        "national": selectors.national_catalogue().get(local.national_key),
        "versions": paged_request(
            request, selectors.local_versions(request.user, local), per_page=VERSIONS_PER_PAGE
        ),
        "may_adapt": may_adapt(request.user),
    }
    return render(request, "packages/local_package.html", context)


@shows_no_citizen_data
@require_GET
def local_version_view(request: HttpRequest, local_version_id: int) -> HttpResponse:
    require_staff(request)
    version = selectors.local_version(request.user, local_version_id)
    package = package_from_mapping(version.content)
    previous = selectors.previous_local_version(request.user, version)
    since_previous = None
    if previous is not None:
        since_previous = [
            {"label": found.label, "national": found.before, "local": found.after}
            for found in differences(package_from_mapping(previous.content), package)
        ]
    context = {
        **package_context(package),
        "version": version,
        "local": version.local_package,
        "national": selectors.national_catalogue().get(version.local_package.national_key),
        "previous": previous,
        "since_previous": since_previous,
        "may_adapt": may_adapt(request.user),
    }
    return render(request, "packages/local_version.html", context)
