"""Creating, checking and revoking API tokens.

A token reads `rp_<kendetegn>_<hemmelighed>`. The prefix finds the row; the secret is compared
by its SHA-256 hash (the secret is 32 random bytes, so a slow hash adds nothing). The whole token
exists only in the answer to its creation.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.api.models import ApiToken
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

TOKEN_PREFIX = "rp"
MAX_LIFETIME = datetime.timedelta(days=366)
DEFAULT_LIFETIME = datetime.timedelta(days=90)
# Writing "last used" on every request would make each read a write; once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    plain_text: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def token_request_check(
    *, created_by: User, user: User, expires_at: datetime.datetime, now: datetime.datetime
) -> None:
    """Raise a Danish ValidationError unless `created_by` may give `user` a token until
    `expires_at`."""
    if not created_by.is_superuser and created_by.municipality_id != user.municipality_id:
        raise PermissionDenied(_("Du kan kun oprette nøgler til brugere i din egen kommune."))
    if not user.municipality_id:
        raise ValidationError(_("Brugeren hører ikke til en kommune."))
    if not user.is_active:
        raise ValidationError(_("Brugeren er ikke aktiv."))
    if expires_at <= now:
        raise ValidationError(_("Udløbstidspunktet skal ligge i fremtiden."))
    if expires_at > now + MAX_LIFETIME:
        raise ValidationError(_("En nøgle kan højst gælde et år."))


def api_token_create(
    *,
    created_by: User,
    user: User,
    name: str,
    expires_at: datetime.datetime | None = None,
) -> CreatedToken:
    """A new token for `user`; the plain text is returned here and never stored."""
    now = timezone.now()
    expires_at = expires_at or now + DEFAULT_LIFETIME
    token_request_check(created_by=created_by, user=user, expires_at=expires_at, now=now)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Skriv, hvad nøglen skal bruges til."))
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=prefix,
            secret_hash=_hash(secret),
            created_at=now,
            created_by=created_by,
            expires_at=expires_at,
        )
        audit_record(
            user=created_by,
            action=AuditAction.CREATE,
            municipality=user.municipality,
            target=token,
            summary=_("API-nøgle oprettet til %(user)s: %(name)s")
            % {"user": user.display_name, "name": token.name},
        )
    return CreatedToken(token=token, plain_text=f"{TOKEN_PREFIX}_{prefix}_{secret}")


def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    """Stop a token at once; revoking twice keeps the first moment."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit_record(
                user=user,
                action=AuditAction.CHANGE,
                municipality=locked.user.municipality,
                target=locked,
                summary=_("API-nøgle tilbagekaldt: %(name)s") % {"name": locked.name},
            )
    return locked


def token_user(plain_text: str) -> tuple[ApiToken, User] | None:
    """The token and its user for a presented token, or None when it is unknown, wrong, revoked,
    expired or its user may no longer work."""
    parts = plain_text.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    prefix, secret = parts[1], parts[2]
    if not secret.isascii():
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    now = timezone.now()
    user = token.user
    if not token.is_usable(now) or not user.is_active or not user.municipality_id:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token, user


_LOOKED_UP = "_rehabplan_token_user"


def request_token_user(request: HttpRequest, plain_text: str) -> tuple[ApiToken, User] | None:
    """`token_user` once per request: the transaction middleware (for the rate count and the
    idempotency claim) and the API's authentication both ask."""
    looked_up = getattr(request, _LOOKED_UP, None)
    if looked_up is None or looked_up[0] != plain_text:
        looked_up = (plain_text, token_user(plain_text))
        setattr(request, _LOOKED_UP, looked_up)
    return looked_up[1]
