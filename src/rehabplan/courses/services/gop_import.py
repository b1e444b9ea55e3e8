"""Import a GOP (genoptræningsplan) from a hospital: one referral per episode of care.

The same message twice is one referral (keyed on Letter/Identifier, also when it is a version
that was replaced since: the letters replaced are kept in `gop_content["history"]`). A corrected
plan, a new message for the same citizen and hospital stay, updates the referral it replaces.
The stay is the same when both plans name the same EpisodeOfCareIdentifier; when either has
none (most senders leave it out), when the sender (EAN) is the same and either the hospital
contact started at the same time or the plans give the same discharge date. A rejected file
leaves nothing behind but an audit entry naming the elements that were wrong. A file is
refused by its size before it is read (`gop_import_file`), and the parser refuses hostile
structure as it reads.
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record, model_changes
from rehabplan.citizens.models import Citizen
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.deadlines import store_deadlines
from rehabplan.courses.models import (
    Referral,
    ReferralSource,
    ReferralStatus,
)
from rehabplan.courses.services.gop_content import gop_content_from_parsed
from rehabplan.courses.standard_services import GOP_SERVICE
from rehabplan.formats.text import day_text
from rehabplan.gop import GopProblem, GopRejected, ParsedGop, parse_gop
from rehabplan.gop.limits import LIMITS
from rehabplan.gop.parser import check_file_size
from rehabplan.organisation.models import Municipality
from rehabplan.rules import RulesError

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

PLAN_PATH = "Emessage/RehabilitationPlan"
PATIENT_PATH = f"{PLAN_PATH}/Patient"
# Where a citizen field came from in the message, to name the element when it is refused.
_PATIENT_ELEMENTS = {
    "cpr": "CivilRegistrationNumber",
    "first_name": "PersonGivenName",
    "last_name": "PersonSurnameName",
}
_CLOSED_STATUSES = (ReferralStatus.REPLACED, ReferralStatus.WITHDRAWN)


class GopImportStatus(enum.StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already_imported"
    REPLACED = "replaced"


@dataclass(frozen=True)
class GopImportResult:
    status: GopImportStatus
    referral: Referral
    citizen: Citizen
    citizen_created: bool
    message: str
    warnings: tuple[str, ...] = ()


def municipality_code(municipality: Municipality) -> str:
    return f"{municipality.code:03d}"


def served_municipality_codes() -> list[str]:
    """The kommunekoder this installation serves: one per Municipality row."""
    return list(served_municipalities())


def served_municipalities() -> dict[str, str]:
    """Kommunekode ("607", "999") -> name, for every municipality this installation serves.

    Taken from the installation's data, not the official list, so the demo municipality (999)
    receives GOPs like any other."""
    return {f"{code:03d}": name for code, name in Municipality.objects.values_list("code", "name")}


def gop_import(
    *,
    user: User,
    data: bytes,
    municipality: Municipality | None = None,
    received_on: datetime.date | None = None,
    file_name: str = "",
) -> GopImportResult:
    """Import one GOP file into the user's municipality; raise GopRejected listing every problem.

    `municipality` may be given to make the target explicit (the command line); it must be the
    user's own. `received_on` defaults to today.
    """
    municipality = _own_municipality(user, municipality)
    received_on = received_on or timezone.localdate()
    try:
        parsed = parse_gop(data, served_municipalities=served_municipalities())
        _check_receiver(parsed, municipality)
        arguments = {
            "user": user,
            "municipality": municipality,
            "parsed": parsed,
            "received_on": received_on,
        }
        try:
            try:
                return _store(**arguments)
            except IntegrityError:
                # The same letter imported at the same moment by someone else: it is there now.
                return _store(**arguments)
        except RulesError as error:
            raise GopRejected(
                [
                    GopProblem(
                        "(kvalitetsstandard)",
                        _("Fristerne kan ikke beregnes for %(municipality)s: %(error)s")
                        % {"municipality": municipality.name, "error": error},
                    )
                ]
            ) from None
    except GopRejected as rejected:
        _audit_rejection(user, municipality, rejected, file_name)
        raise


def gop_import_file(
    *,
    user: User,
    stream: BinaryIO,
    size: int,
    municipality: Municipality | None = None,
    received_on: datetime.date | None = None,
    file_name: str = "",
) -> GopImportResult:
    """Import a GOP from an open binary file whose size is known (an upload, a file on disk).

    A file over the size limit is refused from `size` alone, before a byte is read; otherwise
    at most one byte more than the limit is read, so a size reported too small cannot make the
    server hold more.
    """
    municipality = _own_municipality(user, municipality)
    try:
        check_file_size(size)
    except GopRejected as rejected:
        _audit_rejection(user, municipality, rejected, file_name)
        raise
    data = stream.read(LIMITS.max_bytes + 1)
    return gop_import(
        user=user,
        data=data,
        municipality=municipality,
        received_on=received_on,
        file_name=file_name,
    )


def _audit_rejection(
    user: User, municipality: Municipality, rejected: GopRejected, file_name: str
) -> None:
    # Outside the rolled-back transaction: the attempt is logged, nothing of the file is kept.
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        municipality=municipality,
        summary=_("Genoptræningsplan afvist (%(count)d fejl)%(file)s")
        % {
            "count": len(rejected.problems),
            "file": f": {file_name}" if file_name else "",
        },
        changes={"elements": sorted({problem.element for problem in rejected.problems})},
    )


def _own_municipality(user: User, municipality: Municipality | None) -> Municipality:
    own = getattr(user, "municipality", None)
    if own is None:
        raise PermissionDenied(_("Brugeren er ikke knyttet til en kommune."))
    if municipality is not None and municipality.pk != own.pk:
        raise PermissionDenied(
            _("Brugeren arbejder i %(own)s og kan ikke indlæse planer til %(other)s.")
            % {"own": own.name, "other": municipality.name}
        )
    return own


def _check_receiver(parsed: ParsedGop, municipality: Municipality) -> None:
    receiving = parsed.receiving_municipality
    if receiving.code != municipality_code(municipality):
        raise GopRejected(
            [
                GopProblem(
                    f"{PLAN_PATH}/{receiving.source}",
                    _(
                        "Planen er sendt til %(receiver)s (%(code)s); du kan kun indlæse planer "
                        "til %(own)s."
                    )
                    % {
                        "receiver": receiving.name,
                        "code": receiving.code,
                        "own": municipality.name,
                    },
                )
            ]
        )


@transaction.atomic
def _store(
    *, user: User, municipality: Municipality, parsed: ParsedGop, received_on: datetime.date
) -> GopImportResult:
    known = _already_imported(municipality, parsed)
    if known is not None:
        return _known_result(user=user, referral=known, parsed=parsed)
    citizen, citizen_created = _citizen_for(user=user, municipality=municipality, parsed=parsed)
    earlier = _plan_replaced(municipality, citizen, parsed)
    if earlier is not None:
        return _replace(user=user, referral=earlier, parsed=parsed, received_on=received_on)
    content = gop_content_from_parsed(parsed)
    discharge_on, gop_start_on = _plan_dates(parsed, content)
    referral = Referral.objects.create(
        municipality=municipality,
        citizen=citizen,
        service_code=GOP_SERVICE,
        source=ReferralSource.HOSPITAL_GOP,
        status=ReferralStatus.NEW,
        received_on=received_on,
        discharge_on=discharge_on,
        gop_start_on=gop_start_on,
        plan_type=parsed.plan_type,
        diagnosis_text=_diagnosis_text(parsed),
        referring_unit=parsed.sender.party.name[:200],
        gop_letter_identifier=parsed.letter_identifier,
        gop_sender_ean=parsed.sender.party.ean,
        episode_of_care_identifier=parsed.episode_of_care_identifier,
        gop_content=content,
    )
    store_deadlines(referral)
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=citizen,
        target=referral,
        summary=_("Genoptræningsplan indlæst fra %(sender)s") % {"sender": referral.referring_unit},
        changes={"letter_identifier": [None, parsed.letter_identifier]},
    )
    message = _("Indlæst: genoptræningsplan for %(name)s%(created)s.") % {
        "name": citizen.full_name,
        "created": _(" (borgeren er oprettet)") if citizen_created else "",
    }
    warnings = () if citizen_created else _name_mismatch(citizen, parsed)
    return GopImportResult(
        GopImportStatus.IMPORTED, referral, citizen, citizen_created, message, warnings
    )


def _name_mismatch(citizen: Citizen, parsed: ParsedGop) -> tuple[str, ...]:
    """A known CPR number under another name is worth a second look before the case goes on."""
    in_plan = " ".join(parsed.patient.name.casefold().split())
    on_record = " ".join(citizen.full_name.casefold().split())
    if in_plan == on_record:
        return ()
    return (
        _(
            "Navnet i planen (%(plan)s) svarer ikke til borgerens stamdata (%(record)s); "
            "kontrollér, at planen gælder den rigtige borger."
        )
        % {"plan": parsed.patient.name, "record": citizen.full_name},
    )


def _already_imported(municipality: Municipality, parsed: ParsedGop) -> Referral | None:
    """The referral that already holds this letter, as its current or an earlier version.

    A letter is its sender's identifier: another hospital's letter with the same number is a
    different plan. An earlier version is found in the history of the citizen's GOP referrals,
    whether or not the plans name an episode of care."""
    current = Referral.objects.filter(
        municipality=municipality,
        gop_sender_ean=parsed.sender.party.ean,
        gop_letter_identifier=parsed.letter_identifier,
    ).first()
    if current is not None:
        return current
    for referral in Referral.objects.filter(
        municipality=municipality,
        citizen__cpr=parsed.patient.cpr,
        source=ReferralSource.HOSPITAL_GOP,
    ):
        history = (referral.gop_content or {}).get("history", [])
        if any(item.get("letter_identifier") == parsed.letter_identifier for item in history):
            return referral
    return None


def _plan_replaced(
    municipality: Municipality, citizen: Citizen, parsed: ParsedGop
) -> Referral | None:
    """The citizen's open GOP referral for the same hospital stay, locked, or None.

    With an episode of care on both plans it decides alone. Without one on either, the same
    sender (EAN) and either the same start of the hospital contact or the same discharge date
    in the plans make the same stay: a correction often moves the discharge, rarely the
    admission; and two departments may each send a plan on the same discharge day.
    """
    candidates = (
        Referral.objects.select_for_update()
        .filter(
            municipality=municipality,
            citizen=citizen,
            service_code=GOP_SERVICE,
            source=ReferralSource.HOSPITAL_GOP,
        )
        .exclude(status__in=_CLOSED_STATUSES)
        .order_by("-id")
    )
    episode = parsed.episode_of_care_identifier
    start = parsed.hospital_contact_start
    for referral in candidates:
        earlier_episode = referral.episode_of_care_identifier
        if episode and earlier_episode:
            if episode == earlier_episode:
                return referral
            continue
        content = referral.gop_content or {}
        if not parsed.sender.party.ean or content.get("sender", {}).get("ean") != (
            parsed.sender.party.ean
        ):
            continue
        earlier_start = content.get("hospital_contact_start")
        same_start = (
            start is not None
            and earlier_start is not None
            and datetime.datetime.fromisoformat(earlier_start) == start
        )
        earlier_end = content.get("hospital_contact_expected_end")
        same_discharge = (
            parsed.discharge_date is not None
            and earlier_end is not None
            and datetime.datetime.fromisoformat(earlier_end).date() == parsed.discharge_date
        )
        if same_start or same_discharge:
            return referral
    return None


def _known_result(*, user: User, referral: Referral, parsed: ParsedGop) -> GopImportResult:
    audit_record(
        user=user,
        action=AuditAction.VIEW,
        citizen=referral.citizen,
        target=referral,
        summary=_("Genoptræningsplan indlæst igen: den var allerede modtaget"),
    )
    if referral.gop_letter_identifier == parsed.letter_identifier:
        message = _("Allerede indlæst den %(date)s; intet er ændret.") % {
            "date": day_text(timezone.localtime(referral.created_at).date())
        }
    else:
        message = _("Allerede indlæst som en tidligere version, der er erstattet; intet er ændret.")
    return GopImportResult(
        GopImportStatus.ALREADY_IMPORTED, referral, referral.citizen, False, message
    )


def _replace(
    *, user: User, referral: Referral, parsed: ParsedGop, received_on: datetime.date
) -> GopImportResult:
    previous = referral.gop_content or {}
    previous_authorised = previous.get("authorised_at")
    entry = {
        "letter_identifier": referral.gop_letter_identifier,
        "authorised_at": previous_authorised,
        "discharge_on": referral.discharge_on.isoformat() if referral.discharge_on else None,
        "gop_start_on": referral.gop_start_on.isoformat() if referral.gop_start_on else None,
        "replaced_on": received_on.isoformat(),
        "replaced_by": parsed.letter_identifier,
    }
    if previous_authorised and datetime.datetime.fromisoformat(previous_authorised) > (
        parsed.authorised_at
    ):
        # A plan older than the one in force arrived late: keep it on record, do not apply it.
        stale = {
            "letter_identifier": parsed.letter_identifier,
            "authorised_at": parsed.authorised_at.isoformat(),
            "replaced_on": received_on.isoformat(),
            "replaced_by": referral.gop_letter_identifier,
            "arrived_after_newer_plan": True,
        }
        referral.gop_content = {**previous, "history": [*previous.get("history", []), stale]}
        referral.save(update_fields=["gop_content"])
        audit_record(
            user=user,
            action=AuditAction.CHANGE,
            citizen=referral.citizen,
            target=referral,
            summary=_("Ældre version af genoptræningsplanen modtaget; den gældende plan beholdes"),
            changes={"older_letter_identifier": [None, parsed.letter_identifier]},
        )
        message = _("Ældre end den gældende plan for samme sygehusforløb; den gældende beholdes.")
        return GopImportResult(
            GopImportStatus.ALREADY_IMPORTED, referral, referral.citizen, False, message
        )
    content = gop_content_from_parsed(parsed)
    content["history"] = [*previous.get("history", []), entry]
    discharge_on, gop_start_on = _plan_dates(parsed, content)
    before = {
        "gop_letter_identifier": referral.gop_letter_identifier,
        "discharge_on": referral.discharge_on,
        "gop_start_on": referral.gop_start_on,
        "plan_type": referral.plan_type,
    }
    referral.gop_letter_identifier = parsed.letter_identifier
    referral.gop_sender_ean = parsed.sender.party.ean
    referral.episode_of_care_identifier = (
        parsed.episode_of_care_identifier or referral.episode_of_care_identifier
    )
    referral.discharge_on = discharge_on
    referral.gop_start_on = gop_start_on
    referral.plan_type = parsed.plan_type
    referral.diagnosis_text = _diagnosis_text(parsed)
    referral.referring_unit = parsed.sender.party.name[:200]
    referral.gop_content = content
    referral.save()
    store_deadlines(referral)
    after = {name: getattr(referral, name) for name in before}
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=referral.citizen,
        target=referral,
        summary=_("Rettet genoptræningsplan erstatter den tidligere; frister genberegnet"),
        changes=model_changes(before, after),
    )
    message = _(
        "Erstatter den tidligere plan for samme sygehusforløb (%(name)s); fristerne er genberegnet."
    ) % {"name": referral.citizen.full_name}
    return GopImportResult(GopImportStatus.REPLACED, referral, referral.citizen, False, message)


def _plan_dates(
    parsed: ParsedGop, content: dict[str, Any]
) -> tuple[datetime.date | None, datetime.date | None]:
    """Discharge (day 0) and the hospital's own start date when the plan names one.

    A start date before discharge cannot be the hospital's start; it is left for the
    visitator to record, and the content says so.
    """
    discharge_on = parsed.discharge_date
    gop_start_on = parsed.rehabilitation_deadline_date
    if gop_start_on is not None and discharge_on is not None and gop_start_on < discharge_on:
        content["rehabilitation_deadline_date_ignored"] = gop_start_on.isoformat()
        gop_start_on = None
    return discharge_on, gop_start_on


def _diagnosis_text(parsed: ParsedGop) -> str:
    return "; ".join(
        f"{diagnosis.code} {diagnosis.text}".strip()
        for diagnosis in sorted(parsed.diagnoses, key=lambda item: not item.primary)
    )


def _citizen_for(
    *, user: User, municipality: Municipality, parsed: ParsedGop
) -> tuple[Citizen, bool]:
    patient = parsed.patient
    existing = Citizen.objects.filter(municipality=municipality, cpr=patient.cpr).first()
    if existing is not None:
        return existing, False
    email = patient.email.strip()
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    postcode = patient.postcode.strip() if re.fullmatch(r"\d{4}", patient.postcode.strip()) else ""
    gp = parsed.gp_cc_receiver
    fields = {
        "cpr": patient.cpr,
        "first_name": patient.given_name[:100],
        "last_name": patient.surname[:100],
        "address": ", ".join(part for part in (patient.street, patient.suburb) if part)[:200],
        "postcode": postcode,
        "city": patient.district[:80],
        "phone": patient.phone[:30],
        "email": email,
        "gp_clinic": (gp.name if gp is not None else "")[:160],
        "gp_phone": (gp.phone if gp is not None else "")[:30],
    }
    try:
        citizen = citizen_create(user=user, municipality=municipality, **fields)
    except ValidationError as error:
        # Another request created the citizen meanwhile: the plan belongs to that citizen.
        created_meanwhile = Citizen.objects.filter(municipality=municipality, cpr=patient.cpr)
        if created_meanwhile.exists():
            return created_meanwhile.get(), False
        problems = [
            GopProblem(f"{PATIENT_PATH}/{_PATIENT_ELEMENTS.get(field, field)}", message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
        raise GopRejected(problems) from None
    return citizen, True
