"""The packages a municipality can choose from: every national package in its newest version and
the newest version of each of the municipality's local packages, read alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.packages import TrainingPackage, package_from_mapping
from rehabplan.trainingpackages.models import LocalPackageVersion
from rehabplan.trainingpackages.selectors.catalogue import national_catalogue

if TYPE_CHECKING:
    from rehabplan.organisation.models import Municipality

NATIONAL_PREFIX = "national:"
LOCAL_PREFIX = "lokal:"


@dataclass(frozen=True)
class PackageOption:
    """One package to choose: a national package, or a local version of one."""

    ref: str  # the form's value: "national:<key>" or "lokal:<version id>"
    package: TrainingPackage
    label: str  # the Danish name shown, a local version named with its number and origin
    local_version: LocalPackageVersion | None = None

    @property
    def is_local(self) -> bool:
        return self.local_version is not None

    def fits(self, *, dementia_type: str, phase: str, living: str) -> bool:
        """Whether a citizen of this type, phase and living is in the package's target group."""
        return not target_group_misses(
            self.package, dementia_type=dementia_type, phase=phase, living=living
        )


def target_group_misses(
    package: TrainingPackage, *, dementia_type: str, phase: str, living: str
) -> list[str]:
    """The parts of the target group the citizen is outside of, in Danish (empty: inside)."""
    misses = []
    if dementia_type not in package.dementia_types:
        misses.append(_("demenstypen"))
    if phase not in package.phases:
        misses.append(_("fasen"))
    if living not in package.living:
        misses.append(_("boformen"))
    return misses


def national_name(key: str, fallback: str) -> str:
    package = national_catalogue().get(key)
    return package.name if package is not None else fallback


def local_label(version: LocalPackageVersion) -> str:
    local = version.local_package
    return _("%(name)s (lokal version %(number)d af %(national)s)") % {
        "name": local.name,
        "number": version.number,
        "national": national_name(local.national_key, local.name),
    }


def _local_option(version: LocalPackageVersion) -> PackageOption | None:
    try:
        package = package_from_mapping(version.content, origin=version.local_package.name)
    except DataFileError:
        return None  # a version the library no longer reads is not offered
    return PackageOption(
        ref=f"{LOCAL_PREFIX}{version.pk}",
        package=package,
        label=local_label(version),
        local_version=version,
    )


def newest_local_versions(municipality: Municipality | int) -> list[LocalPackageVersion]:
    newest = (
        LocalPackageVersion.objects.of_municipality(municipality)
        .filter(local_package=OuterRef("local_package"))
        .order_by("-number")
        .values("pk")[:1]
    )
    return list(
        LocalPackageVersion.objects.of_municipality(municipality)
        .filter(pk=Subquery(newest))
        .select_related("local_package")
        .order_by("local_package__name")
    )


def package_options(municipality: Municipality | int) -> list[PackageOption]:
    """Every package the municipality can choose, national first, then its local versions."""
    options = [
        PackageOption(ref=f"{NATIONAL_PREFIX}{package.key}", package=package, label=package.name)
        for package in national_catalogue()
    ]
    for version in newest_local_versions(municipality):
        option = _local_option(version)
        if option is not None:
            options.append(option)
    return options


def package_option(municipality: Municipality | int, ref: str) -> PackageOption | None:
    """The option a form sent, or None when it is unknown or of another municipality. Any
    version of the municipality's own local packages is accepted, not only the newest."""
    if ref.startswith(NATIONAL_PREFIX):
        package = national_catalogue().get(ref.removeprefix(NATIONAL_PREFIX))
        if package is None:
            return None
        return PackageOption(ref=ref, package=package, label=package.name)
    if ref.startswith(LOCAL_PREFIX):
        number = ref.removeprefix(LOCAL_PREFIX)
        if not number.isdigit():
            return None
        version = (
            LocalPackageVersion.objects.of_municipality(municipality)
            .select_related("local_package")
            .filter(pk=int(number))
            .first()
        )
        return _local_option(version) if version is not None else None
    return None


def chosen_package(choice: Any) -> TrainingPackage | None:
    """The package a CoursePackage or ClassPackage follows, read again from its source: the
    local version's content, or the national file (None when the file is gone)."""
    if choice.local_version_id is not None:
        option = _local_option(choice.local_version)
        return option.package if option is not None else None
    return national_catalogue().get(choice.package_key)


def choice_label(choice: Any) -> str:
    """The Danish name of what a CoursePackage or ClassPackage follows."""
    if choice.local_version_id is not None:
        return local_label(choice.local_version)
    return national_name(choice.package_key, choice.package_name)
