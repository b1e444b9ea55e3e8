"""Writing to the audit log. Every service that touches a citizen's record calls `audit_record`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rehabplan.audit.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen
    from rehabplan.organisation.models import Municipality


def audit_record(
    *,
    user: User | None,
    action: AuditAction | str,
    summary: str,
    citizen: Citizen | None = None,
    municipality: Municipality | None = None,
    target: Any = None,
    search_term: str = "",
    changes: dict[str, Any] | None = None,
    shown_citizen_ids: Iterable[int] = (),
    user_name: str = "",
) -> AuditEntry:
    """Append one entry. `target` is the model instance acted on (its type and id are kept);
    `shown_citizen_ids` names every citizen a list page showed; `user_name` names the account
    tried when there is no user (a failed login)."""
    if municipality is None:
        municipality = (
            citizen.municipality if citizen is not None else getattr(user, "municipality", None)
        )
    return AuditEntry.objects.create(
        municipality=municipality,
        user=user if getattr(user, "pk", None) else None,
        user_name=(getattr(user, "username", "") or user_name or "system")[:150],
        citizen_id=citizen.pk if citizen is not None else None,
        citizen_name=citizen.full_name if citizen is not None else "",
        action=str(action),
        object_type=target._meta.model_name if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        search_term=search_term[:200],
        changes=changes or {},
        shown_citizen_ids=sorted({int(pk) for pk in shown_citizen_ids}),
    )


def audit_views_of_each(
    *, user: User, citizens: Iterable[Citizen], target: Any, summary: str
) -> None:
    """One view entry for each citizen a page shows in full (a session's participants), written
    in one INSERT; the citizens are of the user's municipality."""
    rows = [
        AuditEntry(
            municipality_id=citizen.municipality_id,
            user=user,
            user_name=user.username[:150],
            citizen_id=citizen.pk,
            citizen_name=citizen.full_name,
            action=AuditAction.VIEW,
            object_type=target._meta.model_name,
            object_id=str(target.pk),
            summary=summary[:300],
        )
        for citizen in citizens
    ]
    AuditEntry.objects.bulk_create(rows)


def model_changes(
    before: dict[str, Any], after: dict[str, Any], prefix: str = ""
) -> dict[str, list[Any]]:
    """The fields whose values differ, as {prefix + field: [old, new]} with JSON-friendly
    values."""
    return {
        f"{prefix}{field}": [plain_value(before.get(field)), plain_value(after.get(field))]
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    }


def plain_value(value: Any) -> Any:
    """A value as the audit log's JSON keeps it: plain types as they are, the rest as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_list_view(*, user: User, summary: str, citizen_ids: Iterable[int | None]) -> None:
    """One entry for a list page, naming every citizen it showed; nothing when it showed none."""
    shown = {int(pk) for pk in citizen_ids if pk is not None}
    if shown:
        audit_record(user=user, action=AuditAction.VIEW, summary=summary, shown_citizen_ids=shown)
