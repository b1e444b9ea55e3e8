"""Reading the audit log: only the user's own municipality, newest first, a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditEntry

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


# The log is paged by the newest first; its pages reach this many entries back, so that the
# count stays cheap in a log of millions of entries. Older entries are found by opening them.
LOG_PAGE_ROWS = 50
LOG_COUNT_LIMIT = 10_000


def audit_log(*, user: User) -> QuerySet[AuditEntry]:
    """The user's municipality's log, the newest first (an index serves exactly this order);
    the list of citizens a list page showed stays in the database."""
    return AuditEntry.objects.for_user(user).defer("shown_citizen_ids").order_by("-at", "-id")


def audit_entry_get(*, user: User, entry_id: int) -> AuditEntry:
    try:
        return AuditEntry.objects.for_user(user).get(pk=entry_id)
    except AuditEntry.DoesNotExist:
        raise Http404(_("Logposten findes ikke.")) from None


def citizens_named_in(entries: list[AuditEntry]) -> set[int]:
    """The citizens a page of log entries shows by name."""
    return {entry.citizen_id for entry in entries if entry.citizen_id is not None}
