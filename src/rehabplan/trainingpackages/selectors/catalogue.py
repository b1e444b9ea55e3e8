"""Reads for the training package catalogue: the national packages, and the user's
municipality's local packages and their versions (never another municipality's)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rehabplan.exercises import packages as catalogue_module
from rehabplan.exercises.packages import Catalogue, TrainingPackage
from rehabplan.trainingpackages.models import LocalPackage, LocalPackageVersion


def national_catalogue() -> Catalogue:
    """The shipped national packages, looked up on their module each time, so a test can give
    its own catalogue whenever this module was first imported."""
    return catalogue_module.default_catalogue()


def national_package(key: str) -> TrainingPackage:
    package = national_catalogue().get(key)
    if package is None:
        raise Http404(_("Træningspakken findes ikke."))
    return package


def local_packages(user: Any) -> QuerySet[LocalPackage]:
    """The user's municipality's local packages, with their newest version number."""
    return (
        LocalPackage.objects.for_user(user)
        .annotate(latest_number=Max("versions__number"), version_count=Count("versions"))
        .order_by("name")
    )


def local_packages_by_national_key(user: Any) -> dict[str, list[LocalPackage]]:
    grouped: dict[str, list[LocalPackage]] = defaultdict(list)
    for local in local_packages(user):
        grouped[local.national_key].append(local)
    return dict(grouped)


def local_package(user: Any, local_package_id: int) -> LocalPackage:
    found = local_packages(user).filter(pk=local_package_id).first()
    if found is None:
        raise Http404(_("Den lokale træningspakke findes ikke."))
    return found


def local_versions(user: Any, local: LocalPackage) -> QuerySet[LocalPackageVersion]:
    return (
        LocalPackageVersion.objects.for_user(user)
        .filter(local_package=local)
        .select_related("created_by")
        .defer("content")
        .order_by("-number")
    )


def latest_local_version(user: Any, local: LocalPackage) -> LocalPackageVersion | None:
    return (
        LocalPackageVersion.objects.for_user(user)
        .filter(local_package=local)
        .order_by("-number")
        .first()
    )


def local_version(user: Any, local_version_id: int) -> LocalPackageVersion:
    found = (
        LocalPackageVersion.objects.for_user(user)
        .select_related("local_package", "created_by")
        .filter(pk=local_version_id)
        .first()
    )
    if found is None:
        raise Http404(_("Versionen findes ikke."))
    return found


def previous_local_version(user: Any, version: LocalPackageVersion) -> LocalPackageVersion | None:
    return (
        LocalPackageVersion.objects.for_user(user)
        .filter(local_package_id=version.local_package_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )
