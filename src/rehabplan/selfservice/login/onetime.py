"""Logging in with a one-time code: the citizen types a CPR number and picks SMS or e-mail, a code
goes to the number or address on record, and the citizen types it back within ten minutes.

The answer to the first step is the same whether the CPR number is known or not, and so is every
answer to the second: a code that was never sent is wrong, runs out and is refused after too many
tries exactly like a real one. What varies is kept in `PendingLogin` in the server-side session.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.citizens.models import Citizen
from rehabplan.organisation.models import Municipality
from rehabplan.selfservice.login.codes import code_digest, code_matches, cpr_digest, new_code
from rehabplan.selfservice.login.delivery import contact_on_record, send_code
from rehabplan.selfservice.login.limits import address_key, attempt_key, cpr_key, take_slot
from rehabplan.selfservice.login.session import actor_name
from rehabplan.selfservice.models import CodeChannel, LoginCode

METHOD_LABEL = "engangskode"
KEEP_CODES = datetime.timedelta(days=1)


class TooManyRequests(Exception):
    """A limit on asking for codes was reached; the message says so in Danish."""


@dataclass(frozen=True)
class PendingLogin:
    """Between the two steps. `login_code_id` is None when no code was sent (an unknown CPR
    number, nowhere to send it); the citizen is told nothing different."""

    cpr_digest: str
    channel: str
    requested_at: float  # epoch seconds
    login_code_id: int | None = None
    municipality_id: int | None = None
    attempts: int = 0

    def as_session(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_session(cls, value: Any) -> PendingLogin | None:
        try:
            return cls(**value)
        except TypeError:
            return None


@dataclass(frozen=True)
class CodeCheck:
    pending: PendingLogin
    citizen: Citizen | None = None
    error: str = ""  # Danish, for the form
    finished: bool = False  # the pending login is over (used up or run out): ask for a new code


def code_lifetime() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.SELFSERVICE_CODE_MINUTES)


def code_request(
    *, cpr: str, channel: str, client_address: str, now: datetime.datetime | None = None
) -> PendingLogin:
    """Send a code for the CPR number (already validated and normalised) when the register knows
    it and has somewhere to send it. Raises TooManyRequests past a limit, known number or not."""
    now = now or timezone.now()
    digest = cpr_digest(cpr)
    try:
        with transaction.atomic():
            if not take_slot(
                key=cpr_key(digest), limit=settings.SELFSERVICE_CODES_PER_CPR, now=now
            ):
                raise TooManyRequests(
                    _(
                        "Der er bedt om for mange koder til dette CPR-nummer. Prøv igen om "
                        "%(minutes)s minutter, eller ring til træningsenheden."
                    )
                    % {"minutes": settings.SELFSERVICE_LIMIT_MINUTES}
                )
            if not take_slot(
                key=address_key(client_address),
                limit=settings.SELFSERVICE_CODES_PER_ADDRESS,
                now=now,
            ):
                raise TooManyRequests(
                    _(
                        "Der er bedt om for mange koder fra denne internetforbindelse. Prøv igen "
                        "om %(minutes)s minutter, eller ring til træningsenheden."
                    )
                    % {"minutes": settings.SELFSERVICE_LIMIT_MINUTES}
                )
            pending, delivery = _issue(cpr=cpr, digest=digest, channel=channel, now=now)
    except TooManyRequests:
        citizen, _to = _citizen_to_reach(cpr, channel)
        audit_record(
            user=None,
            user_name=actor_name(METHOD_LABEL),
            action=AuditAction.LOCKOUT,
            citizen=citizen,
            summary=_("Selvbetjening: kode afvist, for mange anmodninger"),
        )
        raise
    if delivery is not None:
        # Sent once the code is committed, so no lock waits on the gateway or the mail server.
        _deliver(delivery)
    return pending


@dataclass(frozen=True)
class _Delivery:
    login_code: LoginCode
    to: str
    code: str


def _issue(
    *, cpr: str, digest: str, channel: str, now: datetime.datetime
) -> tuple[PendingLogin, _Delivery | None]:
    pending = PendingLogin(cpr_digest=digest, channel=channel, requested_at=now.timestamp())
    citizen, to = _citizen_to_reach(cpr, channel)
    if citizen is None or to is None:
        if citizen is not None:
            audit_record(
                user=None,
                user_name=actor_name(METHOD_LABEL),
                action=AuditAction.LOGIN_FAILED,
                citizen=citizen,
                summary=_("Selvbetjening: kode ikke sendt, borgeren har ingen %(channel)s")
                % {"channel": _contact_name(channel)},
            )
        return pending, None
    codes = LoginCode.objects.of_municipality(citizen.municipality_id)
    # Codes are kept no longer than the day they may be asked about; the audit log keeps the rest.
    codes.filter(expires_at__lt=now - KEEP_CODES).delete()
    # Only the newest code works: an older one still on the phone is ended now.
    codes.filter(citizen=citizen, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    login_code = codes.create(
        municipality_id=citizen.municipality_id,
        citizen=citizen,
        channel=channel,
        code_digest="",
        created_at=now,
        expires_at=now + code_lifetime(),
    )
    code = new_code()
    # The digest is bound to the row's id, which exists only once the row is written.
    login_code.code_digest = code_digest(code=code, login_code_id=login_code.pk)
    login_code.save(update_fields=["code_digest"])
    pending = replace(pending, login_code_id=login_code.pk, municipality_id=citizen.municipality_id)
    return pending, _Delivery(login_code, to, code)


def _deliver(delivery: _Delivery) -> None:
    login_code = delivery.login_code
    sent = send_code(login_code=login_code, to=delivery.to, code=delivery.code)
    audit_record(
        user=None,
        user_name=actor_name(METHOD_LABEL),
        action=AuditAction.CREATE,
        citizen=login_code.citizen,
        target=login_code,
        summary=(
            _("Selvbetjening: engangskode sendt med %(channel)s")
            if sent
            else _("Selvbetjening: engangskode kunne ikke sendes med %(channel)s")
        )
        % {"channel": login_code.get_channel_display()},
    )


def _contact_name(channel: str) -> str:
    return _("mobilnummer") if channel == CodeChannel.SMS else _("e-mailadresse")


def _citizen_to_reach(cpr: str, channel: str) -> tuple[Citizen | None, str | None]:
    """The citizen with this CPR number and where to send the code. A person registered in more
    than one municipality the installation serves logs in to the newest record that has
    somewhere to send the code (the municipality they came to last)."""
    found: list[Citizen] = []
    for municipality_id in Municipality.objects.order_by("pk").values_list("pk", flat=True):
        found.extend(
            Citizen.objects.of_municipality(municipality_id)
            .select_related("municipality")
            .filter(cpr=cpr)
        )
    found.sort(key=lambda citizen: (citizen.created_at, citizen.pk), reverse=True)
    for citizen in found:
        to = contact_on_record(citizen, channel)
        if to is not None:
            return citizen, to
    return (found[0] if found else None), None


def code_verify(
    *,
    pending: PendingLogin,
    code: str,
    client_address: str,
    now: datetime.datetime | None = None,
) -> CodeCheck:
    """Check a typed code. Wrong tries are counted on the code's row under a row lock, so
    simultaneous guesses cannot get past the limit; the count is committed with the answer."""
    now = now or timezone.now()
    limit = settings.SELFSERVICE_CODE_ATTEMPTS
    with transaction.atomic():
        row = _locked_code(pending)
        expires_at = (
            row.expires_at
            if row is not None
            else datetime.datetime.fromtimestamp(pending.requested_at, tz=datetime.UTC)
            + code_lifetime()
        )
        attempts = row.attempts if row is not None else pending.attempts
        if row is not None and row.used_at is not None:
            return CodeCheck(
                pending, error=_("Koden er allerede brugt. Bed om en ny kode."), finished=True
            )
        if now >= expires_at:
            return CodeCheck(
                pending,
                error=_(
                    "Koden er udløbet. En kode virker i %(minutes)s minutter. Bed om en ny kode."
                )
                % {"minutes": settings.SELFSERVICE_CODE_MINUTES},
                finished=True,
            )
        if attempts >= limit:
            return CodeCheck(pending, error=_too_many_tries(), finished=True)
        if not take_slot(
            key=attempt_key(client_address),
            limit=settings.SELFSERVICE_ATTEMPTS_PER_ADDRESS,
            now=now,
        ):
            return CodeCheck(
                pending,
                error=_(
                    "Der er prøvet for mange koder fra denne internetforbindelse. Prøv igen om "
                    "%(minutes)s minutter."
                )
                % {"minutes": settings.SELFSERVICE_LIMIT_MINUTES},
            )
        if row is not None and code_matches(
            code=code, login_code_id=row.pk, digest=row.code_digest
        ):
            row.used_at = now
            row.save(update_fields=["used_at"])
            return CodeCheck(pending, citizen=row.citizen)
        attempts += 1
        if row is not None:
            row.attempts = attempts
            row.save(update_fields=["attempts"])
            audit_record(
                user=None,
                user_name=actor_name(METHOD_LABEL),
                action=AuditAction.LOGIN_FAILED,
                citizen=row.citizen,
                target=row,
                summary=_("Selvbetjening: forkert kode (forsøg %(count)d af %(limit)d)")
                % {"count": attempts, "limit": limit},
            )
    pending = replace(pending, attempts=attempts)
    left = limit - attempts
    if left <= 0:
        return CodeCheck(pending, error=_too_many_tries(), finished=True)
    return CodeCheck(
        pending,
        error=ngettext(
            "Koden er forkert. Du kan prøve %(left)d gang mere.",
            "Koden er forkert. Du kan prøve %(left)d gange mere.",
            left,
        )
        % {"left": left},
    )


def _too_many_tries() -> str:
    return _("Du har tastet forkert kode for mange gange. Bed om en ny kode.")


def _locked_code(pending: PendingLogin) -> LoginCode | None:
    if pending.login_code_id is None:
        return None
    return (
        LoginCode.objects.of_municipality(pending.municipality_id)
        .select_for_update(of=("self",))
        .select_related("citizen__municipality")
        .filter(pk=pending.login_code_id)
        .first()
    )
