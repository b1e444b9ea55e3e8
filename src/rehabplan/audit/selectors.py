"""Reading the audit log: only the user's own municipality, newest first, bounded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditEntry

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


LOG_PAGE_LIMIT = 300


def audit_entries_for(*, user: User, limit: int = LOG_PAGE_LIMIT) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_user(user).select_related("user")[:limit])


def audit_entry_get(*, user: User, entry_id: int) -> AuditEntry:
    try:
        return AuditEntry.objects.for_user(user).get(pk=entry_id)
    except AuditEntry.DoesNotExist:
        raise Http404(_("Logposten findes ikke.")) from None


def citizens_named_in(entries: list[AuditEntry]) -> set[int]:
    """The citizens a page of log entries shows by name."""
    return {entry.citizen_id for entry in entries if entry.citizen_id is not None}
