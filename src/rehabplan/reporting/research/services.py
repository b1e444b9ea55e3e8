"""The research export as one audited operation: check, read, write the file, record it."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.reporting.models import ResearchExport, ResearchExportFormat
from rehabplan.reporting.research.files import export_file, file_name
from rehabplan.reporting.research.key import ResearchKeyError, research_key
from rehabplan.reporting.research.rows import ExportPeriod, research_rows

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

PERMISSION = "reporting.export_research"
# A period longer than this is most likely a typing error in the year.
LONGEST_PERIOD = datetime.timedelta(days=366 * 10)


@dataclass(frozen=True)
class ResearchFile:
    content: bytes
    name: str
    record: ResearchExport


def check_period(first_day: datetime.date, last_day: datetime.date) -> ExportPeriod:
    """The period, or a ValidationError in Danish."""
    if last_day < first_day:
        raise ValidationError({"to": [_("Slutdatoen ligger før startdatoen.")]})
    if last_day - first_day > LONGEST_PERIOD:
        raise ValidationError({"to": [_("Perioden må højst være 10 år.")]})
    return ExportPeriod(first_day=first_day, last_day=last_day)


def _check_user(user: User) -> None:
    if not user.is_active or not user.has_perm(PERMISSION) or not user.municipality_id:
        raise PermissionDenied(_("Du har ikke adgang til forskningsudtræk."))


def research_export(
    *,
    user: User,
    first_day: datetime.date,
    last_day: datetime.date,
    file_format: str = ResearchExportFormat.CSV,
) -> ResearchFile:
    """Build the export of the user's municipality and record it with an audit entry.

    Raises ResearchKeyError without a usable key, ValidationError for a bad period or format,
    PermissionDenied for a user without the permission; nothing is written then."""
    _check_user(user)
    if file_format not in ResearchExportFormat.values:
        raise ValidationError({"file_format": [_("Vælg CSV eller Parquet.")]})
    period = check_period(first_day, last_day)
    key = research_key()
    municipality = user.municipality
    today = timezone.localdate()
    with transaction.atomic():
        found = list(research_rows(municipality=municipality, period=period, today=today, key=key))
        rows = [row for _citizen_id, row in found]
        content = export_file(rows, file_format)
        record = ResearchExport.objects.create(
            municipality=municipality,
            user=user,
            period_from=period.first_day,
            period_to=period.last_day,
            row_count=len(rows),
            file_format=file_format,
            sha256=hashlib.sha256(content).hexdigest(),
        )
        audit_record(
            user=user,
            action=AuditAction.EXPORT,
            municipality=municipality,
            target=record,
            summary=_("Forskningsudtræk (%(format)s): %(count)s forløb startet %(first)s–%(last)s")
            % {
                "format": record.get_file_format_display(),
                "count": len(rows),
                "first": f"{period.first_day:%d-%m-%Y}",
                "last": f"{period.last_day:%d-%m-%Y}",
            },
            shown_citizen_ids={citizen_id for citizen_id, _row in found},
        )
    name = file_name(
        municipality_slug=municipality.slug,
        first_day=period.first_day,
        last_day=period.last_day,
        file_format=file_format,
    )
    return ResearchFile(content=content, name=name, record=record)


__all__ = ["PERMISSION", "ResearchFile", "ResearchKeyError", "check_period", "research_export"]
