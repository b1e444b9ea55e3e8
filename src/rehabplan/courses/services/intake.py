"""Intake: applications and GP referrals registered by hand, and the facts of the first weeks.

A GOP from a hospital comes in through `gop_import`; everything else a visitator types in
goes through `intake_register`. Dates that start the clock can be corrected afterwards
(`referral_correct_dates`): the deadlines are recomputed and the old and new values logged.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record, model_changes
from rehabplan.citizens.cpr import normalise_cpr
from rehabplan.citizens.models import Citizen, ConsentScope
from rehabplan.citizens.services import citizen_create, consent_is_valid, consent_record
from rehabplan.courses.deadlines import store_deadlines
from rehabplan.courses.models import (
    DeadlineKind,
    FreeChoice,
    Referral,
    ReferralSource,
)
from rehabplan.courses.services.referrals import referral_date_problems, referral_register
from rehabplan.courses.standard_services import (
    free_choice_when_late,
    service_definition,
    services_in_force,
)
from rehabplan.formats.text import day_text
from rehabplan.organisation.standards import installation_registry
from rehabplan.rules import RulesError

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality

# Typed in by hand: applications (§86 and the services that follow it) and written referrals
# (§119, §140a and theirs). GOPs come from the hospital through gop_import. Which services
# exist, and who may send each, comes from the standard and the law's process table.
MANUAL_INTAKES = ("application", "referral")


def intake_services(municipality: Municipality, on: datetime.date) -> list[rules.Service]:
    """The services of the standard in force that a visitator registers by hand."""
    return [s for s in services_in_force(municipality, on) if s.process.intake in MANUAL_INTAKES]


def referral_valid_until(
    referred_on: datetime.date, *, municipality: str, service_code: str
) -> datetime.date | None:
    """The last day a written referral is valid, per the standard's `referral_validity` rule."""
    validity = rules.referral_validity(
        installation_registry(), municipality, service_code, referred_on=referred_on
    )
    return validity.valid_until


def _check_own(user: User, citizen: Citizen) -> None:
    if citizen.municipality_id != getattr(user, "municipality_id", None):
        raise PermissionDenied(_("Borgeren hører til en anden kommune."))


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


@transaction.atomic
def intake_register(
    *,
    user: User,
    service_code: str,
    source: str,
    received_on: datetime.date,
    citizen: Citizen | None = None,
    cpr: str = "",
    first_name: str = "",
    last_name: str = "",
    applicant: str = "",
    referred_on: datetime.date | None = None,
    consent_given_on: datetime.date | None = None,
    diagnosis_text: str = "",
    today: datetime.date | None = None,
) -> Referral:
    """Register a §86 application or a §119/§140a referral; the clock starts.

    Without `citizen`, the citizen is found by CPR number in the user's municipality or
    registered on the spot (then `first_name` and `last_name` are needed). An application
    that does not come from the citizen needs the consent that allows others to apply: an
    existing valid consent, or `consent_given_on`, which is recorded here.
    """
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if citizen is not None:
        _check_own(user, citizen)
    else:
        citizen = _find_citizen(user, cpr, first_name, last_name, errors)
    service = _intake_service(user.municipality, service_code, received_on, errors)
    process = service.process if service is not None else None
    is_application = process is not None and process.intake == "application"
    if process is not None and source not in process.sources:
        _add(errors, "source", _("Den valgte kilde kan ikke sende denne ansøgning/henvisning."))
    if received_on > today:
        _add(errors, "received_on", _("Modtagelsesdatoen kan ikke ligge i fremtiden."))
    valid_until = None
    if process is not None and process.referral_written:
        valid_until = _written_referral_valid_until(
            user, service_code, referred_on, received_on, errors
        )
    record_consent = is_application and _consent_to_record(
        citizen, source, received_on, consent_given_on, today, errors
    )
    if errors:
        raise ValidationError(errors)
    citizen = _saved_citizen(user, citizen, cpr, first_name, last_name)
    if record_consent and consent_given_on is not None:
        consent_record(
            user=user,
            citizen=citizen,
            scope=ConsentScope.APPLICATION_BY_OTHERS,
            given_on=consent_given_on,
            note=_("Registreret med ansøgningen"),
        )
    try:
        return referral_register(
            user=user,
            citizen=citizen,
            service_code=service_code,
            source=source,
            received_on=received_on,
            referring_unit=applicant.strip()[:200],
            diagnosis_text=diagnosis_text.strip(),
            valid_until=valid_until,
        )
    except RulesError as error:
        # Raised inside the transaction, so the citizen and consent above are not kept either.
        raise ValidationError(
            {"service_code": [_("Fristerne kan ikke beregnes: %(error)s") % {"error": error}]}
        ) from None


def _written_referral_valid_until(
    user: User,
    service_code: str,
    referred_on: datetime.date | None,
    received_on: datetime.date,
    errors: dict[str, list[str]],
) -> datetime.date | None:
    """Until when a written referral is valid; it must have been valid when received."""
    if referred_on is None:
        _add(errors, "referred_on", _("Skriv datoen på henvisningen."))
        return None
    if referred_on > received_on:
        _add(errors, "referred_on", _("Henvisningen kan ikke være skrevet efter modtagelsen."))
        return None
    try:
        valid_until = referral_valid_until(
            referred_on, municipality=user.municipality.slug, service_code=service_code
        )
    except RulesError as error:
        _add(
            errors,
            "referred_on",
            _("Henvisningens gyldighed kan ikke beregnes: %(error)s") % {"error": error},
        )
        return None
    if valid_until is not None and valid_until < received_on:
        _add(
            errors,
            "referred_on",
            _("Henvisningen var udløbet (gyldig til %(date)s), da den blev modtaget.")
            % {"date": day_text(valid_until)},
        )
    return valid_until


def _consent_to_record(
    citizen: Citizen | None,
    source: str,
    received_on: datetime.date,
    consent_given_on: datetime.date | None,
    today: datetime.date,
    errors: dict[str, list[str]],
) -> bool:
    """An application from someone else than the citizen needs the citizen's consent: one on
    record, or the date given now (True: record it with the application)."""
    if source == ReferralSource.CITIZEN:
        return False
    has_consent = (
        citizen is not None
        and citizen.pk is not None
        and consent_is_valid(
            citizen=citizen, scope=ConsentScope.APPLICATION_BY_OTHERS, on=received_on
        )
    )
    if consent_given_on is not None and consent_given_on > today:
        _add(errors, "consent_given_on", _("Samtykket kan ikke være givet i fremtiden."))
    elif not has_consent and consent_given_on is None:
        _add(
            errors,
            "consent_given_on",
            _(
                "En ansøgning fra en anden end borgeren kræver borgerens samtykke. "
                "Skriv datoen, hvor borgeren gav samtykke."
            ),
        )
    return not has_consent


def _saved_citizen(
    user: User, citizen: Citizen | None, cpr: str, first_name: str, last_name: str
) -> Citizen:
    """The known citizen, or the new one registered now that all is valid."""
    if citizen is not None and citizen.pk is not None:
        return citizen
    return citizen_create(
        user=user,
        cpr=citizen.cpr if citizen is not None else cpr,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )


def _intake_service(
    municipality: Municipality, service_code: str, on: datetime.date, errors: dict[str, list[str]]
) -> rules.Service | None:
    """The standard's service if a visitator may register it by hand, else an error."""
    try:
        service = service_definition(municipality, service_code, on)
    except RulesError:
        service = None
    if service is None or service.process.intake not in MANUAL_INTAKES:
        try:
            names = ", ".join(s.name for s in intake_services(municipality, on))
        except RulesError:
            names = ""
        _add(
            errors,
            "service_code",
            _(
                "Vælg en af kvalitetsstandardens ansøgninger eller henvisninger (%(names)s); "
                "genoptræningsplaner indlæses."
            )
            % {"names": names},
        )
        return None
    return service


def _find_citizen(
    user: User, cpr: str, first_name: str, last_name: str, errors: dict[str, list[str]]
) -> Citizen | None:
    """The citizen with this CPR number, or an unsaved one to create once all is valid."""
    try:
        number = normalise_cpr(cpr)
    except ValidationError as error:
        errors["cpr"] = error.messages
        return None
    existing = Citizen.objects.filter(municipality_id=user.municipality_id, cpr=number).first()
    if existing is not None:
        return existing
    if not first_name.strip():
        _add(errors, "first_name", _("Borgeren er ikke kendt: skriv fornavn for at oprette."))
    if not last_name.strip():
        _add(errors, "last_name", _("Borgeren er ikke kendt: skriv efternavn for at oprette."))
    return Citizen(municipality_id=user.municipality_id, cpr=number)


DATE_FIELDS = ("received_on", "discharge_on", "gop_start_on")


@transaction.atomic
def referral_correct_dates(
    *,
    user: User,
    referral: Referral,
    received_on: datetime.date,
    discharge_on: datetime.date | None = None,
    gop_start_on: datetime.date | None = None,
    reason: str = "",
    today: datetime.date | None = None,
) -> Referral:
    """Correct the dates the clock counts from; the deadlines are recomputed and logged."""
    _check_own(user, referral.citizen)
    today = today or timezone.localdate()
    service = referral.service
    is_gop = service is not None and service.process.has_gop
    _check_corrected_dates(is_gop, received_on, discharge_on, gop_start_on, today)
    before = model_to_dict(referral, fields=DATE_FIELDS)
    referral.received_on = received_on
    referral.discharge_on = discharge_on if is_gop or discharge_on else referral.discharge_on
    referral.gop_start_on = gop_start_on
    changes = model_changes(before, model_to_dict(referral, fields=DATE_FIELDS))
    update_fields = list(DATE_FIELDS)
    if is_gop:
        # Saving the dates of a GOP is the visitator's confirmation of the discharge date.
        referral.gop_content = {
            **(referral.gop_content or {}),
            "dates_confirmed": {"on": today.isoformat(), "by": _user_name(user)},
        }
        update_fields.append("gop_content")
    elif not changes:
        return referral
    referral.save(update_fields=update_fields)
    summary = _recomputed_deadlines(referral) if changes else _("Udskrivningsdato bekræftet")
    if reason.strip():
        summary = f"{summary}: {reason.strip()}"
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=referral.citizen,
        target=referral,
        summary=summary,
        changes=changes,
    )
    return referral


def _check_corrected_dates(
    is_gop: bool,
    received_on: datetime.date,
    discharge_on: datetime.date | None,
    gop_start_on: datetime.date | None,
    today: datetime.date,
) -> None:
    errors: dict[str, list[str]] = {}
    if received_on > today:
        _add(errors, "received_on", _("Modtagelsesdatoen kan ikke ligge i fremtiden."))
    if gop_start_on and not is_gop:
        _add(errors, "gop_start_on", _("Kun en genoptræningsplan har sygehusets starttidspunkt."))
    for field, problems in referral_date_problems(
        has_gop=is_gop,
        received_on=received_on,
        discharge_on=discharge_on,
        gop_start_on=gop_start_on,
    ).items():
        for problem in problems:
            _add(errors, field, problem)
    if errors:
        raise ValidationError(errors)


def _recomputed_deadlines(referral: Referral) -> str:
    """The deadlines counted again from the corrected dates; the log line says so."""
    try:
        store_deadlines(referral)
    except RulesError as error:
        raise ValidationError({"received_on": [str(error)]}) from None
    return _("Datoer rettet; frister genberegnet")


def _user_name(user: User) -> str:
    return getattr(user, "display_name", "") or getattr(user, "username", "")


CONTACT_FIELDS = (
    "first_contact_offered_on",
    "first_training_offered_on",
    "postponed_by_citizen",
    "postponed_on",
    "postponement_note",
)


@transaction.atomic
def referral_record_contacts(
    *,
    user: User,
    referral: Referral,
    first_contact_offered_on: datetime.date | None,
    first_training_offered_on: datetime.date | None,
    postponed_by_citizen: bool = False,
    postponed_on: datetime.date | None = None,
    postponement_note: str = "",
    today: datetime.date | None = None,
) -> Referral:
    """Record the first contact and training offered and a postponement by the citizen.

    The first contact offered meets the contact deadline and the first training offered the
    start deadline: `met_on` is the date offered (later than due means met too late).
    """
    _check_own(user, referral.citizen)
    today = today or timezone.localdate()
    errors = _offer_errors(referral, first_contact_offered_on, first_training_offered_on, today)
    if not postponed_by_citizen:
        postponed_on, postponement_note = None, ""
    elif postponed_on is None:
        _add(errors, "postponed_on", _("Skriv datoen, hvor borgeren bad om at udskyde."))
    elif postponed_on > today:
        _add(errors, "postponed_on", _("Udsættelsen kan ikke være registreret i fremtiden."))
    if errors:
        raise ValidationError(errors)
    before = model_to_dict(referral, fields=CONTACT_FIELDS)
    referral.first_contact_offered_on = first_contact_offered_on
    referral.first_training_offered_on = first_training_offered_on
    referral.postponed_by_citizen = postponed_by_citizen
    referral.postponed_on = postponed_on
    referral.postponement_note = postponement_note.strip()[:300]
    changes = model_changes(before, model_to_dict(referral, fields=CONTACT_FIELDS))
    if not changes:
        return referral
    referral.save(update_fields=list(CONTACT_FIELDS))
    referral.deadlines.filter(kind=DeadlineKind.CONTACT).update(met_on=first_contact_offered_on)
    referral.deadlines.filter(kind=DeadlineKind.START).update(met_on=first_training_offered_on)
    if "postponement_note" in changes:
        changes["postponement_note"] = ["…", "…"]  # free text stays out of the log
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=referral.citizen,
        target=referral,
        summary=_("Første kontakt, første træning eller udsættelse registreret"),
        changes=changes,
    )
    return referral


def _offer_errors(
    referral: Referral,
    first_contact_offered_on: datetime.date | None,
    first_training_offered_on: datetime.date | None,
    today: datetime.date,
) -> dict[str, list[str]]:
    """What is wrong with the dates the first contact and the first training were offered."""
    errors: dict[str, list[str]] = {}
    if first_contact_offered_on and first_contact_offered_on > today:
        _add(errors, "first_contact_offered_on", _("Kontakten kan ikke være tilbudt i fremtiden."))
    if first_contact_offered_on and first_contact_offered_on < referral.received_on:
        _add(
            errors,
            "first_contact_offered_on",
            _("Kontakten kan ikke være tilbudt, før henvisningen blev modtaget."),
        )
    if first_training_offered_on and first_training_offered_on < referral.received_on:
        _add(
            errors,
            "first_training_offered_on",
            _("Træningen kan ikke starte, før henvisningen blev modtaget."),
        )
    return errors


@transaction.atomic
def referral_record_free_choice(*, user: User, referral: Referral, free_choice: str) -> Referral:
    """Record whether free choice of provider was offered, accepted or declined, where the
    standard's `provider` rule gives the citizen free choice."""
    _check_own(user, referral.citizen)
    if free_choice not in (FreeChoice.NOT_RELEVANT,) and not free_choice_when_late(
        referral.municipality, referral.service_code, referral.standard_date
    ):
        raise ValidationError(
            {
                "free_choice": [
                    _("Kvalitetsstandarden giver ikke frit valg af leverandør for %(service)s.")
                    % {"service": referral.service_name}
                ]
            }
        )
    if free_choice not in FreeChoice.values:
        raise ValidationError({"free_choice": [_("Ukendt valg.")]})
    before = referral.free_choice
    if before == free_choice:
        return referral
    referral.free_choice = free_choice
    referral.save(update_fields=["free_choice"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=referral.citizen,
        target=referral,
        summary=_("Frit valg af leverandør: %(choice)s")
        % {"choice": referral.get_free_choice_display()},
        changes={"free_choice": [before, free_choice]},
    )
    return referral
