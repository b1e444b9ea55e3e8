"""Unlocking a user name or an address before the cool-off has passed: the administrator's work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.accounts.login.selectors import attempts_owned_by
from rehabplan.accounts.roles import ADMINISTRATOR
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


def _require_administrator(user: User) -> None:
    if not user.municipality_id or not user.has_role(ADMINISTRATOR):
        raise PermissionDenied(_("Kun kommunens administrator kan ophæve en spærring."))


@transaction.atomic
def unlock_account(*, user: User, username: str) -> int:
    """Clear the failed attempts for a user name of the administrator's own municipality."""
    _require_administrator(user)
    account = (
        get_user_model()
        .objects.filter(municipality_id=user.municipality_id, username=username)
        .first()
    )
    if account is None:
        raise ValidationError(_("Brugeren findes ikke i din kommune."))
    deleted, _details = AccessAttempt.objects.filter(username=username).delete()
    audit_record(
        user=user,
        action=AuditAction.UNLOCK,
        target=account,
        summary=_("Spærring ophævet for brugeren %(username)s") % {"username": username},
    )
    return deleted


@transaction.atomic
def unlock_address(*, user: User, ip_address: str) -> int:
    """Clear the failed attempts from an address that the administrator's municipality owns:
    those naming its users or no existing user."""
    _require_administrator(user)
    attempts = AccessAttempt.objects.filter(ip_address=ip_address).filter(
        attempts_owned_by(user.municipality)
    )
    if not attempts.exists():
        raise ValidationError(_("Adressen er ikke spærret for din kommunes brugere."))
    deleted, _details = attempts.delete()
    audit_record(
        user=user,
        action=AuditAction.UNLOCK,
        summary=_("Spærring ophævet for adressen %(address)s") % {"address": ip_address},
    )
    return deleted
