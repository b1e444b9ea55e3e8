"""Citizen -> Patient (dk-core-patient, with the CPR number as the `cpr` identifier slice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fhir.resources.R4B.address import Address
from fhir.resources.R4B.contactpoint import ContactPoint
from fhir.resources.R4B.humanname import HumanName
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.reference import Reference

from rehabplan.fhir import codes
from rehabplan.fhir.resources.common import display_only, meta

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


def cpr_identifier(cpr: str) -> Identifier:
    # dk-core-cpr-identifier: use is fixed to "official" and the value is the ten digits.
    return Identifier(use="official", system=codes.CPR_SYSTEM, value=cpr)


def _name(citizen: Citizen) -> HumanName:
    # The `official` name slice of dk-core: the name as the CPR register has it.
    return HumanName(
        use="official",
        family=citizen.last_name or None,
        given=citizen.first_name.split() or None,
        text=citizen.full_name or None,
    )


def _address(citizen: Citizen) -> list[Address] | None:
    if not (citizen.address or citizen.postcode or citizen.city):
        return None
    return [
        Address(
            use="home",
            line=[citizen.address] if citizen.address else None,
            postalCode=citizen.postcode or None,
            city=citizen.city or None,
            country="DK",
        )
    ]


def _telecom(citizen: Citizen) -> list[ContactPoint] | None:
    points = []
    if citizen.phone:
        points.append(ContactPoint(system="phone", value=citizen.phone, use="home"))
    if citizen.email:
        points.append(ContactPoint(system="email", value=citizen.email, use="home"))
    return points or None


def _general_practitioner(citizen: Citizen) -> list[Reference] | None:
    # The product keeps the GP's name and clinic as text, not a SOR code, so the reference
    # carries the display only (not the `referencedSORUnit` slice).
    name = ", ".join(part for part in (citizen.gp_name, citizen.gp_clinic) if part)
    found = display_only(name, "Practitioner")
    return [found] if found else None


def _managing_organisation(citizen: Citizen) -> Reference:
    municipality = citizen.municipality
    identifier = (
        Identifier(use="official", system=codes.SOR_SYSTEM, value=municipality.sor_code)
        if municipality.sor_code
        else None
    )
    return Reference(
        type="Organization",
        identifier=identifier,
        display=municipality.unit_name or municipality.name,
    )


def patient(citizen: Citizen) -> Patient:
    return Patient(
        id=str(citizen.pk),
        meta=meta(codes.DK_CORE_PATIENT),
        identifier=[cpr_identifier(citizen.cpr)],
        active=True,
        name=[_name(citizen)],
        telecom=_telecom(citizen),
        birthDate=citizen.birth_date,
        address=_address(citizen),
        generalPractitioner=_general_practitioner(citizen),
        managingOrganization=_managing_organisation(citizen),
    )
