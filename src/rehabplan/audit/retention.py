"""The one way entries leave the audit log: deleting those older than a date, itself logged."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction, AuditEntry, RetentionPermit
from rehabplan.audit.services import audit_record
from rehabplan.formats.text import day_text

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality


@contextmanager
def retention_permit(reason: str, using: str = "default") -> Iterator[None]:
    """Let the database delete audit entries while the block runs (see migration 0003).

    Call it inside a transaction: the permit row is then never visible to another connection.
    """
    permit = RetentionPermit.objects.using(using).create(reason=reason[:200])
    try:
        yield
    finally:
        RetentionPermit.objects.using(using).filter(pk=permit.pk).delete()


def retention_cutoff(before: datetime.date) -> datetime.datetime:
    """The first moment kept: local midnight starting `before`. A range on `at` uses its index;
    a filter on the entry's local date would read every row of a table of millions."""
    return timezone.make_aware(
        datetime.datetime.combine(before, datetime.time.min), timezone.get_default_timezone()
    )


@transaction.atomic
def audit_retention_delete(
    *, before: datetime.date, user: User, municipality: Municipality | None = None
) -> AuditEntry:
    """Delete the entries written before `before` (of one municipality, or of all when none is
    given) and log how many were removed. Returns the entry that records the deletion."""
    if before > timezone.localdate():
        raise ValidationError(
            {"before": _("Der kan kun slettes logposter fra før i dag.")}, code="future"
        )
    cutoff = retention_cutoff(before)
    table = AuditEntry._meta.db_table
    sql = f"DELETE FROM {table} WHERE at < %s"  # the table name is the model's own
    # Adapted as the ORM would: SQLite keeps UTC text, which an aware local time would not match.
    params: list[Any] = [connections["default"].ops.adapt_datetimefield_value(cutoff)]
    if municipality is not None:
        sql += " AND municipality_id = %s"
        params.append(municipality.pk)
    with (
        retention_permit(f"retention before {before.isoformat()}"),
        connections["default"].cursor() as cursor,
    ):
        cursor.execute(sql, params)
        removed = cursor.rowcount
    return audit_record(
        user=user,
        action=AuditAction.DELETE,
        municipality=municipality,
        summary=_("%(count)d logposter fra før %(day)s slettet efter reglerne for opbevaring")
        % {"count": removed, "day": day_text(before)},
        changes={"deleted_before": before.isoformat(), "deleted": removed},
    )
