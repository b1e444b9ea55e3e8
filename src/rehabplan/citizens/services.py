"""Changes to citizens and their consents. Every change is written to the audit log."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record, model_changes
from rehabplan.citizens.models import Citizen, Consent, ConsentScope

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality

CITIZEN_FIELDS = (
    "cpr",
    "first_name",
    "last_name",
    "address",
    "postcode",
    "city",
    "phone",
    "email",
    "gp_name",
    "gp_clinic",
    "gp_phone",
    "covered_by_aeldreloven",
    "digital_post_exempt",
)


def _cpr_taken(citizen: Citizen) -> bool:
    return (
        Citizen.objects.filter(municipality_id=citizen.municipality_id, cpr=citizen.cpr)
        .exclude(pk=citizen.pk)
        .exists()
    )


def _save_unique_cpr(citizen: Citizen) -> None:
    """Save, or raise the Danish form error when the municipality has the CPR number already.

    The check before saving answers most requests; the unique constraint decides between
    simultaneous ones, and the loser gets the same error instead of a database error.
    """
    duplicate = ValidationError({"cpr": [_("Der findes allerede en borger med dette CPR-nummer.")]})
    if _cpr_taken(citizen):
        raise duplicate
    try:
        with transaction.atomic():
            citizen.save()
    except IntegrityError:
        # The savepoint is rolled back; another request's citizen with this number is committed.
        if _cpr_taken(citizen):
            raise duplicate from None
        raise


@transaction.atomic
def citizen_create(
    *, user: User, municipality: Municipality | None = None, **fields: Any
) -> Citizen:
    """Create a citizen in the user's municipality, or raise a ValidationError in Danish."""
    unknown = set(fields) - set(CITIZEN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown citizen fields: {sorted(unknown)}")
    citizen = Citizen(municipality=municipality or user.municipality, **fields)
    citizen.full_clean(exclude=["birth_date"], validate_unique=False, validate_constraints=False)
    _save_unique_cpr(citizen)
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=citizen,
        target=citizen,
        summary=_("Borger oprettet"),
    )
    return citizen


@transaction.atomic
def citizen_update(*, user: User, citizen: Citizen, **fields: Any) -> Citizen:
    unknown = set(fields) - set(CITIZEN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown citizen fields: {sorted(unknown)}")
    before = model_to_dict(citizen, fields=CITIZEN_FIELDS)
    for name, value in fields.items():
        setattr(citizen, name, value)
    citizen.full_clean(exclude=["birth_date"], validate_unique=False, validate_constraints=False)
    _save_unique_cpr(citizen)
    changes = model_changes(before, model_to_dict(citizen, fields=CITIZEN_FIELDS))
    if "cpr" in changes:
        # The log shows that the CPR number changed, not the numbers themselves.
        changes["cpr"] = ["…", "…"]
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=citizen,
        target=citizen,
        summary=_("Stamdata ændret"),
        changes=changes,
    )
    return citizen


@transaction.atomic
def consent_record(
    *,
    user: User,
    citizen: Citizen,
    scope: str,
    given_on: datetime.date,
    note: str = "",
) -> Consent:
    if scope not in ConsentScope.values:
        raise ValidationError({"scope": [_("Ukendt samtykke.")]})
    consent = Consent.objects.create(
        citizen=citizen, scope=scope, given_on=given_on, recorded_by=user, note=note
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=citizen,
        target=consent,
        summary=_("Samtykke registreret: %(scope)s") % {"scope": consent.get_scope_display()},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, user: User, consent: Consent, withdrawn_on: datetime.date) -> Consent:
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": [_("Et samtykke kan ikke trækkes tilbage før det blev givet.")]}
        )
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=consent.citizen,
        target=consent,
        summary=_("Samtykke trukket tilbage: %(scope)s") % {"scope": consent.get_scope_display()},
    )
    return consent


def consent_is_valid(*, citizen: Citizen, scope: str, on: datetime.date) -> bool:
    return any(
        consent.is_valid_on(on) for consent in citizen.consents.all() if consent.scope == scope
    )
