"""Write realistic GOP messages for tests and demo data.

The output follows the structure the parser reads: an Emessage (1.0.4) with an Envelope
(1.0.0) and one RehabilitationPlan whose generic person and organisation fields are in the
1.0.0 namespace. All people, numbers and identifiers are fictitious; the version, type and
statistical codes are illustrative only (the parser keeps but does not interpret them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NS_104 = "urn:oio:medcom:municipality:1.0.4"
NS_100 = "urn:oio:medcom:municipality:1.0.0"

# Fields shared with other MedCom messages live in the older 1.0.0 namespace, as does the
# whole Envelope; the signers' names are the plan's own (1.0.4).
_GENERIC_FIELDS = {
    "CivilRegistrationNumber", "PersonGivenName", "PersonSurnameName", "EANIdentifier",
    "Identifier", "OrganisationName", "DepartmentName", "UnitName", "StreetName",
    "SuburbName", "DistrictName", "PostCodeIdentifier", "TelephoneSubscriberIdentifier",
    "MedicalSpecialityCode", "Occupation", "PatientHealthSummary",
}  # fmt: skip
_SIGNERS = {"SignedBy", "CoWriter"}


# Characters XML 1.0 cannot carry at all; the builder leaves them out.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


@dataclass
class _Element:
    name: str
    children: list[_Element | str] = field(default_factory=list)
    namespace: str = ""


def _el(name: str, *children: _Element | str | None) -> _Element:
    return _Element(name, [child for child in children if child is not None])


def _opt(name: str, value: str | None) -> _Element | None:
    return _el(name, value) if value else None


def _formatted(name: str, text: str | None) -> _Element | None:
    """Formatted text: new lines become Break, **words** become Bold."""
    if not text:
        return None
    children: list[_Element | str] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            children.append(_el("Break"))
        for part_index, part in enumerate(re.split(r"\*\*", line)):
            if part:
                children.append(_el("Bold", part) if part_index % 2 else part)
    return _Element(name, children)


def _date_time(name: str, moment: dt.datetime | dt.date | None) -> _Element | None:
    if moment is None:
        return None
    if isinstance(moment, dt.datetime):
        return _el(name, _el("Date", moment.date().isoformat()), _el("Time", f"{moment:%H:%M}"))
    return _el(name, _el("Date", moment.isoformat()))


@dataclass(frozen=True)
class SampleRelative:
    given_name: str
    surname: str
    relation: str
    phone: str = ""


@dataclass(frozen=True)
class SampleDiagnosis:
    code: str
    text: str
    primary: bool = True


def build_gop_xml(
    *,
    letter_identifier: str = "1001234567",
    episode_of_care_identifier: str = "EPI-2026-4711",
    authorised_at: dt.datetime = dt.datetime(2026, 11, 19, 14, 5),
    version_code: str = "XR0130M",
    sender_ean: str = "5790001357248",
    sender_organisation: str = "Sygehus Lillebælt, Kolding Sygehus",
    sender_department: str = "Ortopædkirurgisk Afdeling",
    sender_unit: str = "Sengeafsnit O3",
    sender_phone: str = "76363000",
    signed_by: tuple[str, str, str] = ("Mette", "Højgaard", "Fysioterapeut"),
    receiver_ean: str = "5790000403619",
    receiver_organisation: str = "Fredericia Kommune",
    receiver_unit: str = "Træning & Forebyggelse",
    receiver_municipality_code: str | None = "607",
    cpr: str = "1204431234",
    given_name: str = "Åse Marie",
    surname: str = "Bøgelund",
    street: str = "Søndermarksvej 12, 1. th.",
    postcode: str = "7000",
    district: str = "Fredericia",
    co_address: str | None = None,
    phone: str | None = "75921234",
    email: str | None = "aase.boegelund@example.dk",
    relatives: Sequence[SampleRelative] = (SampleRelative("Søren", "Bøgelund", "Søn", "20456789"),),
    consent_informed: str = "true",
    plan_type: str = "almen",
    hospital_contact_start: dt.datetime | None = dt.datetime(2026, 11, 14, 9, 30),
    discharge_at: dt.datetime | None = dt.datetime(2026, 11, 20, 11, 0),
    expected_end_text: str | None = None,
    rehabilitation_deadline: str | None = (
        "Genoptræningen bør påbegyndes senest 7 dage efter udskrivelse."
    ),
    diagnoses: Sequence[SampleDiagnosis] = (
        SampleDiagnosis("DS720", "Brud på lårbenshals"),
        SampleDiagnosis("DM810", "Knogleskørhed uden patologisk fraktur", primary=False),
    ),
    icf: Sequence[tuple[str, str, str, str]] = (
        ("d450", "Gå", "2", "Moderat problem"),
        ("b730", "Muskelkraft", "2", "Moderat problem"),
    ),
    patient_health_summary: str | None = (
        "Faldt i hjemmet og brækkede venstre hofte. Opereret med skruer den 15. november."
    ),
    ability_at_discharge_summary: str | None = (
        "Går med rollator indendørs. Har brug for hjælp til at komme ud og ind af bad."
    ),
    ability_at_discharge_extended: str | None = (
        "**Mobilitet:** går 50 m med rollator, trapper med gelænder og støtte.\n"
        "**Personlig pleje:** klarer overkropsvask selv, har brug for hjælp til strømper."
    ),
    rehabilitation_need_and_potential: str | None = (
        "Behov for genoptræning af gang, balance og styrke i venstre ben.\n"
        "Godt potentiale: var selvhjulpen og gik ture på 2 km før faldet."
    ),
    patient_safety_aspects: str | None = "Faldrisiko. Må fuldt vægtbære.",
    information_for_patient_and_relatives: str | None = (
        "Patient og søn er informeret om genoptræningsplanen og har fået en kopi."
    ),
    practical_information: str | None = "Høreapparat på højre øre. Bor alene i stuehus.",
    ambulatory_control_at: dt.datetime | None = None,
    gp_name: str | None = "Lægehuset Vestergade",
    gp_identifier: str = "012345",
    final_result_to_sender: bool = True,
    contact_municipality: bool = True,
    extra_unknown_element: bool = False,
    omit: Iterable[str] = (),
    encoding: str = "utf-8",
) -> bytes:
    """A complete GOP message as bytes in the given encoding ("utf-8" or "iso-8859-1").

    `omit` lists element paths below RehabilitationPlan (e.g. "Patient/PersonGivenName")
    to leave out, for testing incomplete files.
    """
    sender = _el(
        "Sender",
        _el("EANIdentifier", sender_ean),
        _el("Identifier", "4202170"),
        _el("IdentifierCode", "sygehusafdelingsnummer"),
        _el("OrganisationName", sender_organisation),
        _opt("DepartmentName", sender_department),
        _opt("UnitName", sender_unit),
        _el("StreetName", "Sygehusvej 24"),
        _el("PostCodeIdentifier", "6000"),
        _el("DistrictName", "Kolding"),
        _opt("TelephoneSubscriberIdentifier", sender_phone),
        _el(
            "SignedBy",
            _el("PersonGivenName", signed_by[0]),
            _el("PersonSurnameName", signed_by[1]),
            _el("PersonTitle", signed_by[2]),
        ),
    )
    receiver = _el(
        "Receiver",
        _el("EANIdentifier", receiver_ean),
        _el("Identifier", receiver_municipality_code) if receiver_municipality_code else None,
        _el("IdentifierCode", "kommunekode") if receiver_municipality_code else None,
        _el("OrganisationName", receiver_organisation),
        _opt("UnitName", receiver_unit),
    )
    patient = _el(
        "Patient",
        _el("CivilRegistrationNumber", cpr),
        _el("PersonSurnameName", surname),
        _el("PersonGivenName", given_name),
        _el("StreetName", street),
        _el("PostCodeIdentifier", postcode),
        _el("DistrictName", district),
        _el("CoAddress", _el("PersonGivenName", co_address)) if co_address else None,
        _el(
            "TelephoneSubscriber",
            _el("TelephoneSubscriberCode", "mobil"),
            _el("TelephoneSubscriberIdentifier", phone),
        )
        if phone
        else _el("NoTelephoneReason", "Ingen telefon oplyst"),
        _opt("EmailAddressIdentifier", email),
    )
    relatives_element = (
        _el(
            "Relatives",
            *(
                _el(
                    "Relative",
                    _el("PersonGivenName", relative.given_name),
                    _el("PersonSurnameName", relative.surname),
                    _el("RelationCode", relative.relation),
                    _el(
                        "TelephoneSubscriber",
                        _el("TelephoneSubscriberCode", "mobil"),
                        _el("TelephoneSubscriberIdentifier", relative.phone),
                    )
                    if relative.phone
                    else None,
                )
                for relative in relatives
            ),
        )
        if relatives
        else None
    )
    contact = _el(
        "CurrentHospitalContact",
        _date_time("Start", hospital_contact_start),
        _date_time("ExpectedEnd", discharge_at),
        _opt("ExpectedEndText", expected_end_text),
    )
    diagnoses_element = _el(
        "ICD10Diagnoses",
        *(
            _el(
                "ICD10Diagnose",
                _el(
                    "PrimaryDiagnosis" if diagnosis.primary else "SecondaryDiagnosis",
                    _el("Code", diagnosis.code),
                    _el("Text", diagnosis.text),
                ),
            )
            for diagnosis in diagnoses
        ),
    )
    icf_element = _el(
        "ICFClassifications",
        *(
            _el(
                "ICFClassification",
                _el("ICFCode", _el("Code", code), _el("Text", text)),
                _el("ICFGradient", _el("Code", gradient), _el("Text", gradient_text)),
            )
            for code, text, gradient, gradient_text in icf
        ),
    )
    plan = _el(
        "RehabilitationPlan",
        _el(
            "Letter",
            _el("Identifier", letter_identifier),
            _el("VersionCode", version_code),
            _el("StatisticalCode", "XGOP01"),
            _date_time("Authorisation", authorised_at),
            _el("TypeCode", "XGOP01"),
            _el("StatusCode", "nytbrev"),
            _el("EpisodeOfCareIdentifier", episode_of_care_identifier),
        ),
        sender,
        receiver,
        patient,
        _el("ConsentInformed", consent_informed),
        relatives_element,
        _el(
            "GPCCReceiver",
            _el(
                "CCReceiver",
                _el("EANIdentifier", "5790000123455"),
                _el("Identifier", gp_identifier),
                _el("IdentifierCode", "ydernummer"),
                _el("OrganisationName", gp_name),
            ),
        )
        if gp_name
        else _el("GPCCReceiver", _el("Deselected")),
        _el("TypeOfRehabilitationPlan", plan_type),
        contact,
        _formatted("RehabilitationDeadline", rehabilitation_deadline),
        _el(
            "HospitalAmbulatoryControl",
            _date_time("ExpectedStart", ambulatory_control_at),
            _el(
                "Location",
                _el("EANIdentifier", sender_ean),
                _el("OrganisationName", sender_organisation),
                _el("DepartmentName", "Ortopædkirurgisk Ambulatorium"),
            ),
        )
        if ambulatory_control_at
        else None,
        _formatted("PatientHealthSummary", patient_health_summary),
        _formatted("AbilityAtDischargeSummary", ability_at_discharge_summary),
        _formatted("AbilityAtDischargeExtended", ability_at_discharge_extended),
        _formatted("RehabilitationNeedAndPotential", rehabilitation_need_and_potential),
        _formatted("PatientSafetyAspects", patient_safety_aspects),
        _formatted("InformationForPatientAndRelatives", information_for_patient_and_relatives),
        _formatted("PracticalInformation", practical_information),
        diagnoses_element if diagnoses else None,
        icf_element if icf else None,
        _el(
            "ContactMunicipality",
            _el("EANIdentifier", receiver_ean),
            _el("OrganisationName", receiver_organisation),
            _opt("UnitName", receiver_unit),
        )
        if contact_municipality
        else None,
        _el(
            "FinalResult",
            _el(
                "ResultReceiver",
                _el("EANIdentifier", sender_ean),
                _el("OrganisationName", sender_organisation),
                _el("DepartmentName", sender_department),
            ),
        )
        if final_result_to_sender
        else _el("FinalResult", _el("Deselected")),
        _el("TransportNeeds", _el("Text", "Kørestol ved længere afstande"))
        if extra_unknown_element
        else None,
    )
    _remove_paths(plan, omit)
    envelope = _el(
        "Envelope",
        _date_time("Sent", authorised_at),
        _el("Identifier", f"ENV{letter_identifier}"),
        _el("AcknowledgementCode", "plustilkvittering"),
    )
    root = _el("Emessage", envelope, plan)
    _assign_namespaces(root)
    body = _serialise(root, is_root=True)
    declaration_name = {"utf-8": "UTF-8", "iso-8859-1": "ISO-8859-1"}[encoding.lower()]
    text = f'<?xml version="1.0" encoding="{declaration_name}"?>\n{body}\n'
    return text.encode(encoding, errors="xmlcharrefreplace")


def _remove_paths(plan: _Element, paths: Iterable[str]) -> None:
    for path in paths:
        *parents, target = path.split("/")
        node: _Element | None = plan
        for name in parents:
            node = next(
                (c for c in node.children if isinstance(c, _Element) and c.name == name), None
            )
            if node is None:
                raise ValueError(f"unknown path to omit: {path}")
        node.children = [
            child
            for child in node.children
            if not (isinstance(child, _Element) and child.name == target)
        ]


def _assign_namespaces(element: _Element, parent: str = "", *, in_envelope: bool = False) -> None:
    in_envelope = in_envelope or element.name == "Envelope"
    generic = element.name in _GENERIC_FIELDS and parent not in _SIGNERS
    element.namespace = NS_100 if in_envelope or generic else NS_104
    for child in element.children:
        if isinstance(child, _Element):
            _assign_namespaces(child, element.name, in_envelope=in_envelope)


def _serialise(element: _Element, *, is_root: bool = False, depth: int = 0) -> str:
    prefix = "m100:" if element.namespace == NS_100 else ""
    name = prefix + element.name
    attributes = f' xmlns="{NS_104}" xmlns:m100="{NS_100}"' if is_root else ""
    if not element.children:
        return f"<{name}{attributes}/>"
    if all(isinstance(child, str) for child in element.children):
        return f"<{name}{attributes}>{_text(''.join(element.children))}</{name}>"  # type: ignore[arg-type]
    has_text = any(isinstance(child, str) for child in element.children)
    if has_text:
        # Mixed content: no indentation, it would change the text.
        inner = "".join(
            _text(child) if isinstance(child, str) else _serialise(child, depth=depth + 1)
            for child in element.children
        )
        return f"<{name}{attributes}>{inner}</{name}>"
    indent = "  " * (depth + 1)
    inner = "".join(
        f"\n{indent}{_serialise(child, depth=depth + 1)}"
        for child in element.children
        if isinstance(child, _Element)
    )
    return f"<{name}{attributes}>{inner}\n{'  ' * depth}</{name}>"
