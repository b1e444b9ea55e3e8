"""Write realistic GOP messages for tests, demo data and the demo's sample file.

The output follows the public GGOP 1.0.4 structure: an Emessage (1.0.4) with an Envelope
(1.0.0) and one RehabilitationPlan whose generic person and organisation fields are in the
1.0.0 namespace. Senders differ in where some elements sit, and `layout` chooses one:

- "rehabplan" (the default, as our first samples): Letter/Identifier in 1.0.0, the
  formatting, Authorisation/Date and Time and RelationCode in 1.0.4, codes XR0130M/XGOP01,
  StatusCode and EpisodeOfCareIdentifier given, receiver code named "kommunekode";
- "ggop" (as the public GGOP 1.0.4 example): Letter/Identifier in 1.0.4, the formatting,
  Authorisation/Date and Time and RelationCode in 1.0.0, VersionCode GGOP100, TypeCode GGOP,
  StatisticalCode GGOP2, no StatusCode and no EpisodeOfCareIdentifier, receiver code named
  "kommunenummer", consent "ja".

All people, numbers and identifiers are fictitious: CPR numbers fail the modulus-11 check for
birth dates before 2007, so none was ever issued.
"""

from __future__ import annotations

import datetime as dt
import random
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
_FORMATTING = {"Bold", "Italic", "Underline", "Break", "Center", "Right", "Left", "Space", "Tab"}
LAYOUTS = ("rehabplan", "ggop")


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
    """Formatted text: new lines become Break, **words** Bold and __words__ Italic."""
    if not text:
        return None
    children: list[_Element | str] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            children.append(_el("Break"))
        for part in re.split(r"(\*\*.+?\*\*|__.+?__)", line):
            if part.startswith("**") and part.endswith("**") and len(part) > 4:
                children.append(_el("Bold", part[2:-2]))
            elif part.startswith("__") and part.endswith("__") and len(part) > 4:
                children.append(_el("Italic", part[2:-2]))
            elif part:
                children.append(part)
    return _Element(name, children)


def _telephone(kind: str, number: str) -> _Element:
    return _el(
        "TelephoneSubscriber",
        _el("TelephoneSubscriberCode", kind),
        _el("TelephoneSubscriberIdentifier", number),
    )


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
    # More numbers as (kind, number), e.g. ("fastnet", "75921111").
    extra_phones: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SampleDiagnosis:
    code: str
    text: str
    primary: bool = True


@dataclass(frozen=True)
class SampleJournalExcerpt:
    type_of_excerpt: str
    text: str
    signed_on: dt.date | None = None
    signed_by: tuple[str, str, str] | None = None  # given name, surname, title


@dataclass(frozen=True)
class SampleTeamMember:
    given_name: str
    surname: str
    title: str
    department: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SampleReference:
    description: str
    url: str


@dataclass(frozen=True)
class SampleParty:
    """An organisation: a copy receiver, the region to ask questions."""

    organisation: str
    ean: str = ""
    department: str = ""
    phone: str = ""
    email: str = ""


def build_gop_xml(
    *,
    layout: str = "rehabplan",
    letter_identifier: str = "1001234567",
    episode_of_care_identifier: str | None = "EPI-2026-4711",
    authorised_at: dt.datetime = dt.datetime(2026, 11, 19, 14, 5),
    version_code: str | None = None,
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
    extra_phones: Sequence[tuple[str, str]] = (),
    email: str | None = "aase.boegelund@example.dk",
    relatives: Sequence[SampleRelative] = (SampleRelative("Søren", "Bøgelund", "Søn", "20456789"),),
    consent_informed: str | None = None,
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
    contact_municipality_phone: str | None = None,
    contact_county: SampleParty | None = None,
    cc_receivers: Sequence[SampleParty] = (),
    journal_excerpts: Sequence[SampleJournalExcerpt] = (),
    health_care_team: Sequence[SampleTeamMember] = (),
    references: Sequence[SampleReference] = (),
    extra_unknown_element: bool = False,
    omit: Iterable[str] = (),
    encoding: str = "utf-8",
) -> bytes:
    """A complete GOP message as bytes in the given encoding ("utf-8" or "iso-8859-1").

    `layout` is "rehabplan" or "ggop" (see the module text); it also sets the defaults of the
    codes, the consent text and whether the episode of care is given. `omit` lists element
    paths below RehabilitationPlan (e.g. "Patient/PersonGivenName") to leave out, for testing
    incomplete files.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout: {layout}")
    public = layout == "ggop"
    if version_code is None:
        version_code = "GGOP100" if public else "XR0130M"
    type_code, statistical_code = ("GGOP", "GGOP2") if public else ("XGOP01", "XGOP01")
    if consent_informed is None:
        consent_informed = "ja" if public else "true"
    if public and episode_of_care_identifier == "EPI-2026-4711":
        episode_of_care_identifier = None  # the public example has none
    municipality_code_name = "kommunenummer" if public else "kommunekode"
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
        _el("IdentifierCode", municipality_code_name) if receiver_municipality_code else None,
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
        _telephone("mobil", phone) if phone else _el("NoTelephoneReason", "Ingen telefon oplyst"),
        *(_telephone(kind, number) for kind, number in extra_phones),
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
                    _telephone("mobil", relative.phone) if relative.phone else None,
                    *(_telephone(kind, number) for kind, number in relative.extra_phones),
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
            _el("StatisticalCode", statistical_code),
            _date_time("Authorisation", authorised_at),
            _el("TypeCode", type_code),
            None if public else _el("StatusCode", "nytbrev"),
            _opt("EpisodeOfCareIdentifier", episode_of_care_identifier),
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
        *(_organisation("CCReceiver", party) for party in cc_receivers),
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
        *(_journal_excerpt(excerpt) for excerpt in journal_excerpts),
        _organisation("ContactCounty", contact_county) if contact_county else None,
        _el(
            "ContactMunicipality",
            _el("EANIdentifier", receiver_ean),
            _el("OrganisationName", receiver_organisation),
            _opt("UnitName", receiver_unit),
            _opt("TelephoneSubscriberIdentifier", contact_municipality_phone),
        )
        if contact_municipality
        else None,
        _el(
            "HealthCareTeam",
            *(
                _el(
                    "Member",
                    _el("PersonGivenName", member.given_name),
                    _el("PersonSurnameName", member.surname),
                    _el("PersonTitle", member.title),
                    _opt("DepartmentName", member.department),
                    _opt("TelephoneSubscriberIdentifier", member.phone),
                )
                for member in health_care_team
            ),
        )
        if health_care_team
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
        *(
            _el(
                "Reference", _el("RefDescription", reference.description), _el("URL", reference.url)
            )
            for reference in references
        ),
    )
    _remove_paths(plan, omit)
    envelope = _el(
        "Envelope",
        _date_time("Sent", authorised_at),
        _el("Identifier", f"ENV{letter_identifier}"),
        _el("AcknowledgementCode", "plustilkvittering"),
    )
    root = _el("Emessage", envelope, plan)
    _assign_namespaces(root, public=public)
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


def _assign_namespaces(
    element: _Element, parent: str = "", *, public: bool, in_envelope: bool = False
) -> None:
    in_envelope = in_envelope or element.name == "Envelope"
    generic = element.name in _GENERIC_FIELDS and parent not in _SIGNERS
    if public:
        # Where the public GGOP 1.0.4 example differs from our first samples.
        if parent == "Letter" and element.name == "Identifier":
            generic = False
        elif (
            (parent == "Authorisation" and element.name in ("Date", "Time"))
            or element.name == "RelationCode"
            or element.name in _FORMATTING
        ):
            generic = True
    element.namespace = NS_100 if in_envelope or generic else NS_104
    for child in element.children:
        if isinstance(child, _Element):
            _assign_namespaces(child, element.name, public=public, in_envelope=in_envelope)


def _organisation(name: str, party: SampleParty) -> _Element:
    return _el(
        name,
        _opt("EANIdentifier", party.ean),
        _el("OrganisationName", party.organisation),
        _opt("DepartmentName", party.department),
        _opt("TelephoneSubscriberIdentifier", party.phone),
        _opt("EmailAddressIdentifier", party.email),
    )


def _journal_excerpt(excerpt: SampleJournalExcerpt) -> _Element:
    signer = None
    if excerpt.signed_on or excerpt.signed_by:
        signer = _el(
            "Signer",
            _opt("Date", excerpt.signed_on.isoformat() if excerpt.signed_on else None),
            _el(
                "SignedBy",
                _el("PersonGivenName", excerpt.signed_by[0]),
                _el("PersonSurnameName", excerpt.signed_by[1]),
                _el("PersonTitle", excerpt.signed_by[2]),
            )
            if excerpt.signed_by
            else None,
        )
    return _el(
        "JournalExcerpt",
        _el("TypeOfExcerpt", excerpt.type_of_excerpt),
        signer,
        _formatted("Comment", excerpt.text),
    )


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


_SAMPLE_GIVEN_NAMES = (
    "Bodil", "Erik", "Gerda", "Henning", "Karen", "Knud", "Lis", "Ole", "Ruth", "Svend",
)  # fmt: skip
_SAMPLE_SURNAMES = (
    "Andersen", "Bech", "Dahl", "Frost", "Holm", "Krogh", "Lund", "Mortensen", "Vestergaard",
)  # fmt: skip


def fictitious_cpr(rng: random.Random, today: dt.date) -> str:
    """A CPR number for someone aged 62-91 that fails modulus 11: never issued to anyone,
    because numbers without modulus 11 exist only for birth dates from 2007 on."""
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        birth = dt.date(today.year - rng.randint(62, 91), rng.randint(1, 12), rng.randint(1, 28))
        cpr = f"{birth:%d%m%y}{rng.randint(0, 3)}{rng.randint(0, 999):03d}"
        if sum(int(digit) * weight for digit, weight in zip(cpr, weights, strict=True)) % 11:
            return cpr


def build_sample_gop(
    *,
    municipality_code: str,
    municipality_name: str,
    municipality_ean: str,
    today: dt.date,
    rng: random.Random,
) -> tuple[bytes, str]:
    """A GOP in the public GGOP structure for a fictitious citizen, addressed to the given
    municipality and valid for `today` (discharged today), with a fresh letter identifier.

    Returns the file and the citizen's name. Used where a demo must receive a plan without a
    hospital: everything in it is made up."""
    given_name = rng.choice(_SAMPLE_GIVEN_NAMES)
    surname = rng.choice(_SAMPLE_SURNAMES)
    discharged = dt.datetime.combine(today, dt.time(11, 0))
    data = build_gop_xml(
        layout="ggop",
        letter_identifier=f"EKSEMPEL-{rng.randrange(10**9):09d}",
        authorised_at=dt.datetime.combine(today, dt.time(9, 30)),
        sender_organisation="Eksempelsygehuset",
        sender_department="Ortopædkirurgisk Afdeling",
        sender_unit="Sengeafsnit 4",
        sender_ean="5790000000005",
        sender_phone="99990020",
        signed_by=("Mette", "Eksempel", "Fysioterapeut"),
        receiver_ean=municipality_ean or "5790000000012",
        receiver_organisation=municipality_name,
        receiver_unit="",
        receiver_municipality_code=municipality_code,
        cpr=fictitious_cpr(rng, today),
        given_name=given_name,
        surname=surname,
        street="Eksempelvej 1",
        postcode="9990",
        district="Demoby",
        email=None,
        extra_phones=(("fastnet", "99990001"),),
        phone="99990000",
        relatives=(SampleRelative("Inger", surname, "ægtefælle", "99990002"),),
        hospital_contact_start=discharged - dt.timedelta(days=5, hours=2),
        discharge_at=discharged,
        gp_name="Eksempel Lægehus",
        patient_health_summary=(
            "Faldt i hjemmet og brækkede venstre hofte. Opereret dagen efter.\n"
            "__Eksempelfil: borgeren er opdigtet.__"
        ),
        journal_excerpts=(
            SampleJournalExcerpt(
                "Fysioterapi",
                "**Status:** går 30 m med rollator.\nRejser sig fra stol med let støtte.",
                today - dt.timedelta(days=1),
                ("Mette", "Eksempel", "Fysioterapeut"),
            ),
            SampleJournalExcerpt("Ergoterapi", "Klarer selv overkropsvask. Behov for badebænk."),
        ),
        health_care_team=(
            SampleTeamMember("Mette", "Eksempel", "Fysioterapeut", "Terapiafdelingen", "99990010"),
        ),
        references=(SampleReference("Om genoptræningsplaner", "https://www.medcom.dk/"),),
    )
    return data, f"{given_name} {surname}"
