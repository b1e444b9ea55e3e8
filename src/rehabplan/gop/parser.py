"""Parse a MedCom OIOXML GOP message (an Emessage holding a RehabilitationPlan).

Every problem in the file is collected and reported at once, each with the path of the
element it concerns, so the hospital or the visitator can fix everything in one go.
Elements are matched by local name in either of MedCom's municipality namespaces, because
senders mix 1.0.0 and 1.0.4 differently (the public GGOP 1.0.4 example puts Letter/Identifier in
1.0.4 and Authorisation/Date, RelationCode and the formatting in 1.0.0, the opposite of our own
samples); an element in any other namespace is not part of the plan. The root must be an
Emessage in a MedCom municipality namespace. Unknown elements are ignored. A field holds only
what its element is meant to hold: a simple field (a name, a date, a code) is character data
alone, and formatted text holds only MedCom's formatting elements; anything else inside them
is refused, never read through. The size, depth, element and text limits are in
`rehabplan.gop.limits`.

Required: Letter/Identifier and Letter/Authorisation/Date, Sender/EANIdentifier and
OrganisationName, Receiver/EANIdentifier, the patient's CPR number and names,
TypeOfRehabilitationPlan and CurrentHospitalContact with ExpectedEnd or ExpectedEndText (see
docs/gop.md for why). Letter/EpisodeOfCareIdentifier and Letter/StatusCode are optional.

The receiving municipality is derived, in this order, from:
1. Receiver/Identifier when Receiver/IdentifierCode says it is a kommunekode (or kommunenummer),
2. ContactMunicipality/Identifier on the same condition,
3. a "<Name> Kommune" in Receiver/OrganisationName,
4. the same in ContactMunicipality/OrganisationName.
The receiver comes first because it is the addressee of the message; ContactMunicipality
only names whom the hospital expects to answer questions. A code is known when it is on the
official list or is the code of a municipality the installation serves (the demo's 999).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from rehabplan.cpr import CprError, cpr_digits
from rehabplan.gop import dates, municipalities
from rehabplan.gop.limits import LIMITS, oversize_message
from rehabplan.gop.model import (
    AmbulatoryControl,
    Diagnosis,
    GopParty,
    GopPatient,
    GopProblem,
    GopReference,
    GopRejected,
    GopSender,
    GopSigner,
    IcfClassification,
    JournalExcerpt,
    ParsedGop,
    Phone,
    ReceivingMunicipality,
)
from rehabplan.gop.text import FORMATTING_ELEMENTS, disallowed_element, flatten_formatted_text
from rehabplan.gop.xmltree import Node, XmlRefused, parse_xml

NAMESPACE_PREFIX = "urn:oio:medcom:municipality:"
ROOT = "Emessage"
PLAN = f"{ROOT}/RehabilitationPlan"
MAX_BYTES = LIMITS.max_bytes
MUNICIPALITY_IDENTIFIER_CODES = {"kommunekode", "kommunenummer"}
_CONSENT_YES = {"true", "ja", "1", "yes", "informeret"}
_CONSENT_NO = {"false", "nej", "0", "no"}


def parse_gop(
    data: bytes, *, served_municipalities: Mapping[str, str] | Collection[str] | None = None
) -> ParsedGop:
    """Parse a GOP file; raise GopRejected listing every problem found.

    With `served_municipalities` (kommunekoder such as "607" or "0607", or a mapping from each
    code to the municipality's name), a plan addressed to any other municipality is rejected
    with that reason. A served municipality's code and name are known even when they are not on
    the official list (the demo municipality, 999).
    """
    check_file_size(len(data))
    try:
        root = parse_xml(data)
    except XmlRefused as refusal:
        raise GopRejected([GopProblem("(fil)", str(refusal))]) from None
    if root.name != ROOT or not root.namespace.startswith(NAMESPACE_PREFIX):
        shown = f"{{{root.namespace}}}{root.name}" if root.namespace else root.name
        raise GopRejected(
            [
                GopProblem(
                    root.name,
                    f"Rodelementet er {shown}; en genoptræningsplan skal være et Emessage i "
                    f"MedComs navnerum ({NAMESPACE_PREFIX}1.0.4).",
                )
            ]
        )
    plan = root.find("RehabilitationPlan")
    if plan is None:
        raise GopRejected(
            [GopProblem(PLAN, "Elementet mangler: beskeden indeholder ingen genoptræningsplan.")]
        )
    served: dict[str, str] | None = None
    if served_municipalities is not None:
        served = {}
        for raw in served_municipalities:
            code = municipalities.code_digits(raw) or raw
            if isinstance(served_municipalities, Mapping):
                served[code] = served_municipalities[raw]
            elif code in municipalities.MUNICIPALITIES:
                served[code] = municipalities.municipality_name(code)
            else:
                served[code] = code
    reader = _PlanReader(plan, served)
    parsed = reader.read()
    if parsed is None or reader.problems:
        raise GopRejected(reader.problems or [GopProblem(PLAN, "Planen kunne ikke læses.")])
    return parsed


def check_file_size(size: int) -> None:
    """Refuse a file by its size alone, before any of it is read or parsed."""
    message = oversize_message(size)
    if message is not None:
        raise GopRejected([GopProblem("(fil)", message)])


class _PlanReader:
    """Reads the plan while collecting problems; values that fail are replaced by blanks."""

    def __init__(self, plan: Node, served_municipalities: dict[str, str] | None) -> None:
        self.plan = plan
        self.served_municipalities = served_municipalities
        # Code -> "Name Kommune": the official list, and the installation's own on top.
        self.known_municipalities = {
            code: municipalities.municipality_name(code) for code in municipalities.MUNICIPALITIES
        }
        self.known_municipalities.update(served_municipalities or {})
        self.problems: list[GopProblem] = []

    # -- helpers ---------------------------------------------------------------------------

    def problem(self, path: str, message: str) -> None:
        problem = GopProblem(path, message)
        # A field read twice (e.g. the patient's names, required and then as a party) is one
        # problem, reported once.
        if problem not in self.problems:
            self.problems.append(problem)

    @staticmethod
    def child(node: Node | None, *names: str) -> Node | None:
        for name in names:
            if node is None:
                return None
            node = node.find(name)
        return node

    def text(self, node: Node | None, *names: str) -> str:
        """A simple field's character data; a field holding elements is refused.

        Simple fields are those the GGOP schema gives plain text (identifiers, names, codes,
        dates, ExpectedEndText); the fields it gives formatted text are read by `formatted`."""
        found = self.child(node, *names)
        if found is None:
            return ""
        inner = next(found.elements(), None)
        if inner is not None:
            self.problem(
                found.path(),
                "Elementet må kun indeholde tekst, men indeholder elementet "
                f"{inner.name}; filen afvises, så indholdet ikke tages for noget, det ikke er.",
            )
            return ""
        return found.text()

    def required_text(self, node: Node | None, path: str, *names: str) -> str:
        if node is None:
            return ""  # the missing parent is reported once, not each of its children
        value = self.text(node, *names)
        if not value:
            full_path = "/".join((path, *names))
            found = self.child(node, *names)
            if found is None:
                self.problem(full_path, "Elementet mangler.")
            elif not found.has_elements():  # one holding elements is reported by text()
                self.problem(full_path, "Elementet er tomt.")
        return value

    def date_time(self, node: Node | None, path: str) -> dt.datetime | None:
        """Read a Date (+ optional Time) pair; report bad values, None when absent."""
        if node is None:
            return None
        date_text = self.text(node, "Date")
        time_text = self.text(node, "Time")
        if not date_text:
            self.problem(f"{path}/Date", "Elementet mangler eller er tomt.")
            return None
        result_date: dt.date | None = None
        result_time: dt.time | None = None
        try:
            result_date = dates.parse_iso_date(date_text)
        except ValueError as error:
            self.problem(f"{path}/Date", str(error))
        if time_text:
            try:
                result_time = dates.parse_time(time_text)
            except ValueError as error:
                self.problem(f"{path}/Time", str(error))
        if result_date is None:
            return None
        return dates.combine(result_date, result_time)

    def phones(self, node: Node) -> tuple[Phone, ...]:
        """Every number of a person or organisation: given directly or as TelephoneSubscriber
        (with its kind, "mobil", "fastnet" ...), in the order of the file."""
        found: list[Phone] = []
        for child in node.elements():
            if not child.namespace.startswith(NAMESPACE_PREFIX):
                continue
            if child.name == "TelephoneSubscriberIdentifier":
                number = self.text(child)
                kind = ""
            elif child.name == "TelephoneSubscriber":
                number = self.text(child, "TelephoneSubscriberIdentifier")
                kind = self.text(child, "TelephoneSubscriberCode")
            else:
                continue
            if number and all(phone.number != number for phone in found):
                found.append(Phone(number, kind))
        return tuple(found)

    def party(self, node: Node | None) -> GopParty | None:
        return None if node is None else self.party_of(node)

    def party_of(self, node: Node) -> GopParty:
        phones = self.phones(node)
        telephone = phones[0].number if phones else ""
        return GopParty(
            ean=self.text(node, "EANIdentifier"),
            identifier=self.text(node, "Identifier"),
            identifier_code=self.text(node, "IdentifierCode"),
            organisation=self.text(node, "OrganisationName"),
            department=self.text(node, "DepartmentName"),
            unit=self.text(node, "UnitName"),
            given_name=self.text(node, "PersonGivenName"),
            surname=self.text(node, "PersonSurnameName"),
            relation=self.text(node, "RelationCode") or self.text(node, "PersonTitle"),
            street=self.text(node, "StreetName"),
            suburb=self.text(node, "SuburbName"),
            postcode=self.text(node, "PostCodeIdentifier"),
            district=self.text(node, "DistrictName"),
            phone=telephone,
            email=self.text(node, "EmailAddressIdentifier"),
            medical_speciality_code=self.text(node, "MedicalSpecialityCode"),
            title=self.text(node, "PersonTitle"),
            phones=phones,
        )

    def signer(self, node: Node | None) -> GopSigner | None:
        if node is None:
            return None
        return GopSigner(
            given_name=self.text(node, "PersonGivenName"),
            surname=self.text(node, "PersonSurnameName"),
            title=self.text(node, "PersonTitle"),
            phone=self.text(node, "TelephoneSubscriberIdentifier"),
        )

    def formatted(self, name: str) -> str:
        return self.formatted_text(self.plan.find(name))

    def formatted_text(self, node: Node | None) -> str:
        """Formatted free text; an element other than MedCom formatting inside it is refused."""
        wrong = disallowed_element(node)
        if wrong is not None:
            allowed = ", ".join(sorted(FORMATTING_ELEMENTS))
            self.problem(
                wrong.path(),
                f"Elementet {wrong.name} hører ikke hjemme i fritekst; her er kun formateringen "
                f"{allowed} tilladt.",
            )
            return ""
        return flatten_formatted_text(node)

    # -- sections --------------------------------------------------------------------------

    def read(self) -> ParsedGop | None:
        letter = self.plan.find("Letter")
        letter_path = f"{PLAN}/Letter"
        if letter is None:
            self.problem(letter_path, "Elementet mangler.")
        letter_identifier = self.required_text(letter, letter_path, "Identifier")
        # Optional: most hospital systems leave it out; corrections are then recognised by the
        # citizen, the sender and the hospital contact (courses/services/gop_import.py).
        episode = self.text(letter, "EpisodeOfCareIdentifier")
        authorisation = self.child(letter, "Authorisation")
        if letter is not None and authorisation is None:
            self.problem(f"{letter_path}/Authorisation", "Elementet mangler.")
        authorised_at = self.date_time(authorisation, f"{letter_path}/Authorisation")

        sender = self.read_sender()
        receiver = self.read_receiver()
        patient = self.read_patient()
        plan_type, plan_type_text = self.read_plan_type()
        start, expected_end, expected_end_text = self.read_hospital_contact()
        contact_municipality = self.party(self.plan.find("ContactMunicipality"))
        municipality = self.read_municipality(receiver, contact_municipality)
        consent_text = self.text(self.plan, "ConsentInformed")
        deadline_text = self.formatted("RehabilitationDeadline")
        diagnoses = self.read_diagnoses()
        icf = self.read_icf()
        journal = self.read_journal_excerpts()
        ambulatory = self.read_ambulatory_control()
        gp_cc = self.plan.find("GPCCReceiver")
        final_result = self.plan.find("FinalResult")

        if self.problems or authorised_at is None or receiver is None or municipality is None:
            return None
        return ParsedGop(
            letter_identifier=letter_identifier,
            version_code=self.text(letter, "VersionCode"),
            statistical_code=self.text(letter, "StatisticalCode"),
            authorised_at=authorised_at,
            type_code=self.text(letter, "TypeCode"),
            status_code=self.text(letter, "StatusCode"),
            episode_of_care_identifier=episode,
            sender=sender,
            receiver=receiver,
            receiving_municipality=municipality,
            patient=patient,
            relatives=self.read_relatives(),
            consent_informed=_consent(consent_text),
            consent_informed_text=consent_text,
            plan_type=plan_type,
            plan_type_text=plan_type_text,
            hospital_contact_start=start,
            hospital_contact_expected_end=expected_end,
            hospital_contact_expected_end_text=expected_end_text,
            rehabilitation_deadline_text=deadline_text,
            rehabilitation_deadline_date=dates.find_unambiguous_date(deadline_text),
            diagnoses=diagnoses,
            icf_classifications=icf,
            patient_health_summary=self.formatted("PatientHealthSummary"),
            ability_at_discharge_summary=self.formatted("AbilityAtDischargeSummary"),
            ability_at_discharge_extended=self.formatted("AbilityAtDischargeExtended"),
            rehabilitation_need_and_potential=self.formatted("RehabilitationNeedAndPotential"),
            patient_safety_aspects=self.formatted("PatientSafetyAspects"),
            information_for_patient_and_relatives=self.formatted(
                "InformationForPatientAndRelatives"
            ),
            practical_information=self.formatted("PracticalInformation"),
            journal_excerpts=journal,
            hospital_ambulatory_control=ambulatory,
            gp_cc_receiver=self.receiver_or_none(gp_cc, "CCReceiver"),
            gp_cc_deselected=self.child(gp_cc, "Deselected") is not None,
            cc_receivers=tuple(
                party
                for node in self.plan.find_all("CCReceiver")
                if (party := self.party(node)) is not None
            ),
            final_result_receiver=self.receiver_or_none(final_result, "ResultReceiver"),
            final_result_deselected=self.child(final_result, "Deselected") is not None,
            contact_municipality=contact_municipality,
            contact_county=self.party(self.plan.find("ContactCounty")),
            health_care_team=self.read_health_care_team(),
            references=self.read_references(),
        )

    def read_health_care_team(self) -> tuple[GopParty, ...]:
        return tuple(
            party
            for team in self.plan.find_all("HealthCareTeam")
            for member in team.find_all("Member")
            if (party := self.party(member)) is not None
        )

    def read_references(self) -> tuple[GopReference, ...]:
        result: list[GopReference] = []
        for node in self.plan.find_all("Reference"):
            description = self.text(node, "RefDescription")
            url = self.text(node, "URL")
            if description or url:
                result.append(GopReference(description, url))
        return tuple(result)

    def read_relatives(self) -> tuple[GopParty, ...]:
        container = self.plan.find("Relatives")
        if container is None:
            return ()
        return tuple(
            party
            for relative in container.find_all("Relative")
            if (party := self.party(relative)) is not None
        )

    def receiver_or_none(self, node: Node | None, inner: str) -> GopParty | None:
        """A copy or result receiver: given inside `inner`, directly, or Deselected."""
        if node is None or node.find("Deselected") is not None:
            return None
        return self.party(node.find(inner)) or self.party(node)

    def read_sender(self) -> GopSender:
        path = f"{PLAN}/Sender"
        node = self.plan.find("Sender")
        if node is None:
            self.problem(path, "Elementet mangler.")
            return GopSender(party=GopParty())
        self.required_text(node, path, "EANIdentifier")
        self.required_text(node, path, "OrganisationName")
        party = self.party_of(node)
        return GopSender(
            party=party,
            signed_by=self.signer(node.find("SignedBy")),
            co_writers=tuple(
                signer
                for co_writer in node.find_all("CoWriter")
                if (signer := self.signer(co_writer)) is not None
            ),
        )

    def read_receiver(self) -> GopParty | None:
        path = f"{PLAN}/Receiver"
        node = self.plan.find("Receiver")
        if node is None:
            self.problem(path, "Elementet mangler.")
            return None
        self.required_text(node, path, "EANIdentifier")
        return self.party(node)

    def read_municipality(
        self, receiver: GopParty | None, contact: GopParty | None
    ) -> ReceivingMunicipality | None:
        municipality = self.derive_municipality(receiver, contact)
        served = self.served_municipalities
        if municipality is not None and served is not None and municipality.code not in served:
            names = ", ".join(f"{served[code]} ({code})" for code in sorted(served))
            self.problem(
                f"{PLAN}/{municipality.source}",
                f"Planen er sendt til {municipality.name} ({municipality.code}), som denne "
                f"installation ikke betjener (betjener: {names or 'ingen kommuner'}).",
            )
        return municipality

    def derive_municipality(
        self, receiver: GopParty | None, contact: GopParty | None
    ) -> ReceivingMunicipality | None:
        if receiver is None:
            return None
        candidates = (
            (receiver, "Receiver"),
            (contact, "ContactMunicipality"),
        )
        known = self.known_municipalities
        for party, element in candidates:
            if party is None or party.identifier_code.strip().casefold() not in (
                MUNICIPALITY_IDENTIFIER_CODES
            ):
                continue
            code = municipalities.code_digits(party.identifier)
            if code is None or code not in known:
                self.problem(
                    f"{PLAN}/{element}/Identifier",
                    f"'{party.identifier}' er ikke en kendt kommunekode: hverken en dansk "
                    "kommunes eller en kommune, denne installation betjener.",
                )
                return None
            return ReceivingMunicipality(code, known[code], f"{element}/Identifier")
        served_names = {
            municipalities.name_key(name): code
            for code, name in (self.served_municipalities or {}).items()
        }
        for party, element in candidates:
            if party is None:
                continue
            code = municipalities.code_from_name(party.organisation, served_names)
            if code is not None:
                return ReceivingMunicipality(code, known[code], f"{element}/OrganisationName")
        self.problem(
            f"{PLAN}/Receiver",
            "Modtagerkommunen kan ikke bestemmes: hverken en kommunekode (Identifier med "
            "IdentifierCode 'kommunekode') eller et kommunenavn i OrganisationName.",
        )
        return None

    def read_patient(self) -> GopPatient:
        path = f"{PLAN}/Patient"
        node = self.plan.find("Patient")
        if node is None:
            self.problem(path, "Elementet mangler.")
            return GopPatient(cpr="", given_name="", surname="")
        raw_cpr = self.required_text(node, path, "CivilRegistrationNumber")
        cpr = ""
        if raw_cpr:
            try:
                cpr = cpr_digits(raw_cpr)
            except CprError as error:
                self.problem(f"{path}/CivilRegistrationNumber", str(error))
        given_name = self.required_text(node, path, "PersonGivenName")
        surname = self.required_text(node, path, "PersonSurnameName")
        party = self.party_of(node)
        co_address = self.party(node.find("CoAddress"))
        return GopPatient(
            cpr=cpr,
            given_name=given_name,
            surname=surname,
            street=party.street,
            suburb=party.suburb,
            postcode=party.postcode,
            district=party.district,
            co_address=", ".join((co_address.name, *co_address.address_lines)).strip(", ")
            if co_address is not None
            else "",
            phone=party.phone,
            phones=party.phones,
            no_telephone_reason=self.text(node, "NoTelephoneReason"),
            email=party.email,
            occupation=self.text(node, "Occupation"),
        )

    def read_plan_type(self) -> tuple[str, str]:
        path = f"{PLAN}/TypeOfRehabilitationPlan"
        text = self.required_text(self.plan, PLAN, "TypeOfRehabilitationPlan")
        if not text:
            return "", ""
        code = _plan_type_code(text)
        if code is None:
            self.problem(
                path,
                f"Ukendt type genoptræningsplan '{text}'; forventet almen, specialiseret eller "
                "rehabilitering på specialiseret niveau.",
            )
            return "", text
        return code, text

    def read_hospital_contact(self) -> tuple[dt.datetime | None, dt.datetime | None, str]:
        path = f"{PLAN}/CurrentHospitalContact"
        node = self.plan.find("CurrentHospitalContact")
        if node is None:
            self.problem(path, "Elementet mangler: udskrivelsesdatoen kan ikke bestemmes.")
            return None, None, ""
        start = self.date_time(node.find("Start"), f"{path}/Start")
        expected_end = self.date_time(node.find("ExpectedEnd"), f"{path}/ExpectedEnd")
        expected_end_text = self.text(node, "ExpectedEndText")
        if node.find("ExpectedEnd") is None and not expected_end_text:
            self.problem(
                f"{path}/ExpectedEnd",
                "Elementet mangler (og ExpectedEndText er tom): udskrivelsesdatoen kan ikke "
                "bestemmes.",
            )
        if start is not None and expected_end is not None and expected_end < start:
            self.problem(
                f"{path}/ExpectedEnd",
                "Forventet afslutning ligger før sygehuskontaktens start.",
            )
        return start, expected_end, expected_end_text

    def read_diagnoses(self) -> tuple[Diagnosis, ...]:
        container = self.plan.find("ICD10Diagnoses")
        if container is None:
            return ()
        result: list[Diagnosis] = []
        for index, entry in enumerate(container.find_all("ICD10Diagnose"), start=1):
            for kind in ("PrimaryDiagnosis", "SecondaryDiagnosis"):
                for node in entry.find_all(kind):
                    code = self.text(node, "Code")
                    if not code:
                        self.problem(
                            f"{PLAN}/ICD10Diagnoses/ICD10Diagnose[{index}]/{kind}/Code",
                            "Diagnosekoden mangler.",
                        )
                        continue
                    result.append(
                        Diagnosis(code, self.text(node, "Text"), kind == "PrimaryDiagnosis")
                    )
        return tuple(result)

    def read_icf(self) -> tuple[IcfClassification, ...]:
        container = self.plan.find("ICFClassifications")
        if container is None:
            return ()
        return tuple(
            IcfClassification(
                code=self.text(node, "ICFCode", "Code"),
                code_text=self.text(node, "ICFCode", "Text"),
                gradient=self.text(node, "ICFGradient", "Code"),
                gradient_text=self.text(node, "ICFGradient", "Text"),
            )
            for node in container.find_all("ICFClassification")
        )

    def read_journal_excerpts(self) -> tuple[JournalExcerpt, ...]:
        result: list[JournalExcerpt] = []
        for index, node in enumerate(self.plan.find_all("JournalExcerpt"), start=1):
            signer = node.find("Signer")
            signed_date: dt.date | None = None
            date_text = self.text(signer, "Date")
            if date_text:
                try:
                    signed_date = dates.parse_iso_date(date_text)
                except ValueError as error:
                    self.problem(f"{PLAN}/JournalExcerpt[{index}]/Signer/Date", str(error))
            result.append(
                JournalExcerpt(
                    type_of_excerpt=self.text(node, "TypeOfExcerpt"),
                    text=self.formatted_text(node.find("Comment")),
                    signed_date=signed_date,
                    signed_by=self.signer(self.child(signer, "SignedBy")),
                )
            )
        return tuple(result)

    def read_ambulatory_control(self) -> AmbulatoryControl | None:
        path = f"{PLAN}/HospitalAmbulatoryControl"
        node = self.plan.find("HospitalAmbulatoryControl")
        if node is None:
            return None
        return AmbulatoryControl(
            expected_start=self.date_time(node.find("ExpectedStart"), f"{path}/ExpectedStart"),
            expected_start_text=self.text(node, "ExpectedStartText"),
            location=self.party(node.find("Location")),
        )


def _plan_type_code(text: str) -> str | None:
    normalised = " ".join(text.casefold().split())
    if normalised.startswith("rehabilitering"):
        return "rehabilitering"
    if normalised.startswith("specialiseret"):
        return "specialiseret"
    if normalised.startswith("almen"):
        return "almen"
    return None


def _consent(text: str) -> bool | None:
    normalised = text.strip().casefold()
    if normalised in _CONSENT_YES:
        return True
    if normalised in _CONSENT_NO:
        return False
    return None
