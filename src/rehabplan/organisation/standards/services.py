"""The one way a quality-standard file becomes a municipality this installation serves.

The command line (`rehabplan municipality add --standard FILE`), the admin and the demo seed all
call `standard_upload`. It checks the file with every start-up check against the installation's
registry, stores it as a new history row, creates or updates the municipality from the file's
`[municipality]` table and writes the audit log, in one transaction under one lock.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.accounts.roles import ADMINISTRATOR
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.organisation.models import Municipality, MunicipalStandard
from rehabplan.organisation.standards.registry import (
    forget_request_registry,
    installation_registry,
)
from rehabplan.organisation.standards.summary import StandardSummary, standard_summary
from rehabplan.rules.loader import load_text
from rehabplan.rules.registry import BASELINE

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


# A standard is a few hundred lines of text; a file far beyond that is not one.
MAX_STANDARD_BYTES = 1_000_000


class StandardRefused(ValueError):
    """The file was not stored; the message says why, in Danish (with file, key and line when
    the rules engine found the fault)."""


@dataclass(frozen=True)
class UploadResult:
    municipality: Municipality
    standard: MunicipalStandard
    created_municipality: bool
    changed: bool  # False: the file is the one already in force, nothing was stored
    summary: StandardSummary


def decode_standard(data: bytes, file_name: str) -> str:
    """The text of an uploaded file; a standard file is UTF-8 (as TOML requires)."""
    if len(data) > MAX_STANDARD_BYTES:
        raise StandardRefused(
            _("fil %(file)s: filen er for stor til at være en kvalitetsstandard (over 1 MB).")
            % {"file": file_name}
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise StandardRefused(
            _("fil %(file)s: filen er ikke tekst i UTF-8 (en standardfil er TOML i UTF-8).")
            % {"file": file_name}
        ) from None


def standard_upload(
    *,
    text: str,
    file_name: str,
    user: User | None = None,
    operator: str = "",
    for_municipality: Municipality | None = None,
) -> UploadResult:
    """Store `text` as the standard of the municipality it names, creating that municipality.

    `user` is the account uploading in the admin: a superuser may add any municipality, an
    administrator only a new version of its own municipality's standard. Without a user the
    caller is the installation's operator (the command line, the demo seed), named by `operator`.
    `for_municipality` refuses a file that names another municipality. Raises StandardRefused
    and writes nothing when the file is refused.
    """
    with transaction.atomic():
        _lock_uploads()
        try:
            standard = load_text(text, file_name)
            if standard.slug == BASELINE:
                raise StandardRefused(
                    _(
                        "fil %(file)s, nøgle municipality.slug: den nationale basis følger med "
                        "programmet og kan ikke indlæses som en kommunes standard."
                    )
                    % {"file": file_name}
                )
            registry = installation_registry().with_municipality(standard)
        except rules.StandardError as error:
            raise StandardRefused(str(error)) from None
        municipality = _matching_municipality(standard, file_name)
        _check_may_upload(user, municipality, standard, for_municipality)
        checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
        newest = (
            MunicipalStandard.objects.of_municipality(municipality).order_by("-id").first()
            if municipality is not None
            else None
        )
        today = timezone.localdate()
        if newest is not None and newest.checksum == checksum and newest.file_name == file_name:
            summary = standard_summary(registry, standard.slug, on=today)
            return UploadResult(municipality, newest, False, False, summary)
        created = municipality is None
        old_name = None if created else municipality.name
        if created:
            municipality = Municipality.objects.create(
                slug=standard.slug, code=standard.kommunekode, name=standard.name
            )
        elif municipality.name != standard.name:
            municipality.name = standard.name
            municipality.save(update_fields=["name"])
        uploaded_by = user if getattr(user, "pk", None) else None
        row = MunicipalStandard.objects.create(
            municipality=municipality,
            file_name=file_name[:200],
            text=text,
            checksum=checksum,
            uploaded_by=uploaded_by,
            uploaded_by_name=(getattr(user, "username", "") or operator or "system")[:150],
        )
        forget_request_registry()
        audit_record(
            user=user,
            user_name=operator,
            action=AuditAction.CREATE if created else AuditAction.CHANGE,
            municipality=municipality,
            target=row,
            summary=(
                _("Kommune oprettet fra kvalitetsstandarden %(file)s")
                if created
                else _("Ny version af kvalitetsstandarden indlæst: %(file)s")
            )
            % {"file": file_name},
            changes={
                "name": [old_name, standard.name],
                "standard": [newest.file_name if newest else None, file_name],
                "checksum": [newest.checksum if newest else None, checksum],
                "versions": [None, [v.id for v in standard.versions]],
            },
        )
        summary = standard_summary(registry, standard.slug, on=today)
        return UploadResult(municipality, row, created, True, summary)


def _lock_uploads() -> None:
    """One upload at a time in the whole installation: each is checked against the standards the
    others stored. On SQLite every write transaction already begins with BEGIN IMMEDIATE, so
    writers run one at a time; PostgreSQL needs a lock that two uploads cannot share (reads of
    the table go on)."""
    if connection.vendor == "postgresql":
        table = MunicipalStandard._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')


def _matching_municipality(standard: Any, file_name: str) -> Municipality | None:
    """The municipality the file is for, by slug and kommunekode; a clash is refused."""
    by_slug = Municipality.objects.filter(slug=standard.slug).first()
    by_code = Municipality.objects.filter(code=standard.kommunekode).first()
    if by_slug is not None and by_slug.code != standard.kommunekode:
        raise StandardRefused(
            _(
                "fil %(file)s, nøgle municipality.kommunekode: kommunen med det korte navn "
                "%(slug)s har kommunekode %(code)s i installationen, men filen angiver %(new)s."
            )
            % {
                "file": file_name,
                "slug": standard.slug,
                "code": by_slug.code,
                "new": standard.kommunekode,
            }
        )
    if by_code is not None and by_code.slug != standard.slug:
        raise StandardRefused(
            _(
                "fil %(file)s, nøgle municipality.slug: kommunekode %(code)s bruges allerede af "
                "%(name)s (kort navn %(slug)s), men filen angiver det korte navn %(new)s."
            )
            % {
                "file": file_name,
                "code": standard.kommunekode,
                "name": by_code.name,
                "slug": by_code.slug,
                "new": standard.slug,
            }
        )
    return by_slug


def _check_may_upload(
    user: User | None,
    municipality: Municipality | None,
    standard: Any,
    for_municipality: Municipality | None,
) -> None:
    if for_municipality is not None and (
        municipality is None or municipality.pk != for_municipality.pk
    ):
        raise StandardRefused(
            _("Filen er kvalitetsstandarden for %(name)s, ikke for %(own)s.")
            % {"name": standard.name, "own": for_municipality.name}
        )
    if user is None or user.is_superuser:
        return
    if (
        municipality is None
        or user.municipality_id != municipality.pk
        or not user.has_role(ADMINISTRATOR)
        or not user.has_perm("organisation.add_municipalstandard")
    ):
        raise StandardRefused(
            _(
                "Du kan kun indlæse en ny version af din egen kommunes kvalitetsstandard. "
                "Filen gælder %(name)s."
            )
            % {"name": standard.name}
        )
