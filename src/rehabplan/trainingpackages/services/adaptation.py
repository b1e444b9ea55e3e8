"""A municipality adapts a national training package: a local copy in numbered versions.

Every version keeps the whole package in the data file's shape, read back through
`package_from_mapping` before it is stored, and every difference from the national package with
the reason given for it. The national files are never written. Versions of one local package are
numbered under a row lock on it, so two leaders saving at once get n and n + 1.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.exercises.errors import DataFileError
from rehabplan.exercises.package_differences import Difference, differences
from rehabplan.exercises.packages import TrainingPackage, package_from_mapping
from rehabplan.trainingpackages.models import LocalPackage, LocalPackageVersion
from rehabplan.trainingpackages.selectors.catalogue import national_catalogue

ADAPT_PERMISSION = "trainingpackages.adapt_localpackage"
NAME_TAKEN = gettext_lazy("Kommunen har allerede en lokal pakke med det navn.")


def may_adapt(user: Any) -> bool:
    return bool(getattr(user, "municipality_id", None)) and user.has_perm(ADAPT_PERMISSION)


def missing_reasons(found: list[Difference], reasons: dict[str, str]) -> list[Difference]:
    return [difference for difference in found if not reasons.get(difference.field, "").strip()]


def reason_required_message(difference: Difference) -> str:
    return _("Skriv en begrundelse for ændringen af %(item)s.") % {
        "item": difference.label[0].lower() + difference.label[1:]
    }


def _require_adapter(user: Any) -> None:
    if not may_adapt(user):
        raise PermissionDenied(_("Kun lederen og administratoren kan tilpasse træningspakker."))


def _national(key: str) -> TrainingPackage:
    national = national_catalogue().get(key)
    if national is None:
        raise ValidationError(_("Den nationale træningspakke findes ikke længere."))
    return national


def checked_content(
    national: TrainingPackage, content: dict[str, Any], reasons: dict[str, str]
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The content as read back, and the changes with their reasons; ValidationError when the
    content is not a valid package or a difference has no reason."""
    content = {**content, "key": national.key, "version": national.version}
    content["published"] = national.published.isoformat()
    try:
        package = package_from_mapping(content)
    except DataFileError as error:
        raise ValidationError(
            _("Pakken kan ikke gemmes, fordi indholdet ikke er gyldigt: %(problem)s")
            % {"problem": str(error).rsplit(": ", 1)[-1]}
        ) from None
    found = differences(national, package)
    missing = missing_reasons(found, reasons)
    if missing:
        raise ValidationError([reason_required_message(difference) for difference in missing])
    changes = [
        {
            "field": difference.field,
            "label": difference.label,
            "national": difference.before,
            "local": difference.after,
            "reason": reasons[difference.field].strip(),
        }
        for difference in found
    ]
    return package.to_mapping(), changes


@transaction.atomic
def local_package_create(
    *,
    user: Any,
    national_key: str,
    name: str,
    content: dict[str, Any],
    reasons: dict[str, str],
    note: str = "",
) -> LocalPackageVersion:
    """Copy a national package into a new local package and save its first version."""
    _require_adapter(user)
    national = _national(national_key)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Skriv et navn til den lokale pakke.")})
    stored, changes = checked_content(national, {**content, "name": name}, reasons)
    try:
        with transaction.atomic():
            local = LocalPackage.objects.create(
                municipality_id=user.municipality_id,
                national_key=national.key,
                name=name,
                created_by=user,
            )
    except IntegrityError:
        raise ValidationError({"name": NAME_TAKEN}) from None
    return _version_create(user, local, national, stored, changes, note, number=1)


@transaction.atomic
def local_version_create(
    *,
    user: Any,
    local_package_id: int,
    name: str,
    content: dict[str, Any],
    reasons: dict[str, str],
    note: str = "",
) -> LocalPackageVersion:
    """Save a new version of a local package, numbered next under a row lock on the package."""
    _require_adapter(user)
    local = (
        LocalPackage.objects.of_municipality(user.municipality_id)
        .select_for_update()
        .filter(pk=local_package_id)
        .first()
    )
    if local is None:
        raise ValidationError(_("Den lokale træningspakke findes ikke."))
    national = _national(local.national_key)
    name = name.strip() or local.name
    stored, changes = checked_content(national, {**content, "name": name}, reasons)
    if name != local.name:
        _rename(local, name)
    latest = local.versions.aggregate(latest=Max("number"))["latest"] or 0
    return _version_create(user, local, national, stored, changes, note, number=latest + 1)


def _rename(local: LocalPackage, name: str) -> None:
    local.name = name
    try:
        with transaction.atomic():
            local.save(update_fields=["name"])
    except IntegrityError:
        raise ValidationError({"name": NAME_TAKEN}) from None


def _version_create(
    user: Any,
    local: LocalPackage,
    national: TrainingPackage,
    content: dict[str, Any],
    changes: list[dict[str, str]],
    note: str,
    *,
    number: int,
) -> LocalPackageVersion:
    version = LocalPackageVersion.objects.create(
        local_package=local,
        number=number,
        national_version=national.version,
        content=content,
        changes=changes,
        note=note.strip(),
        created_by=user,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        summary=_(
            "Lokal træningspakke %(name)s, version %(number)s, bygger på %(national)s "
            "(%(count)s ændringer med begrundelse)"
        )
        % {
            "name": local.name,
            "number": number,
            "national": national.name,
            "count": len(changes),
        },
        municipality=local.municipality,
        target=version,
    )
    return version
