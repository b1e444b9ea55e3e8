"""The parsed content of a GOP (genoptræningsplan) message, independent of its XML form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rehabplan.cpr import cpr_birth_date

PLAN_TYPES: dict[str, str] = {
    "almen": "Almen genoptræning",
    "specialiseret": "Specialiseret genoptræning",
    "rehabilitering": "Rehabilitering på specialiseret niveau",
}


@dataclass(frozen=True)
class GopProblem:
    """One thing wrong with a GOP file: where (element path) and what (Danish text)."""

    element: str
    message: str

    def __str__(self) -> str:
        return f"{self.element}: {self.message}"


class GopRejected(Exception):
    """The file cannot be imported; `problems` lists every problem found, not just the first."""

    def __init__(self, problems: list[GopProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        super().__init__(f"Genoptræningsplanen blev afvist ({len(self.problems)} fejl):\n{lines}")

    def __reduce__(self) -> tuple[type[GopRejected], tuple[list[GopProblem]]]:
        # Rebuild from the problems, not the message, when passed between processes.
        return (GopRejected, (self.problems,))


@dataclass(frozen=True)
class Phone:
    """One telephone number; `kind` is the sender's word for it ("mobil", "fastnet"), or ""."""

    number: str
    kind: str = ""


@dataclass(frozen=True)
class GopParty:
    """An organisation or person block (sender, receiver, copy receivers, relatives, locations,
    members of the hospital team)."""

    ean: str = ""
    identifier: str = ""
    identifier_code: str = ""
    organisation: str = ""
    department: str = ""
    unit: str = ""
    given_name: str = ""
    surname: str = ""
    relation: str = ""
    street: str = ""
    suburb: str = ""
    postcode: str = ""
    district: str = ""
    phone: str = ""
    email: str = ""
    medical_speciality_code: str = ""
    title: str = ""
    phones: tuple[Phone, ...] = ()

    @property
    def name(self) -> str:
        person = " ".join(part for part in (self.given_name, self.surname) if part)
        if person:
            return person
        return ", ".join(part for part in (self.organisation, self.department, self.unit) if part)

    @property
    def address_lines(self) -> tuple[str, ...]:
        town = " ".join(part for part in (self.postcode, self.district) if part)
        return tuple(part for part in (self.street, self.suburb, town) if part)


@dataclass(frozen=True)
class GopSigner:
    """The clinician who signed the plan (SignedBy) or co-wrote it (CoWriter)."""

    given_name: str
    surname: str
    title: str = ""
    phone: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_name, self.surname) if part)


@dataclass(frozen=True)
class GopSender:
    party: GopParty
    signed_by: GopSigner | None = None
    co_writers: tuple[GopSigner, ...] = ()


@dataclass(frozen=True)
class ReceivingMunicipality:
    """The municipality the plan is addressed to.

    `code` is the three-digit kommunekode ("607"); `source` names the element it came from,
    so staff can see why the system believes the plan is theirs.
    """

    code: str
    name: str
    source: str


@dataclass(frozen=True)
class GopPatient:
    cpr: str
    given_name: str
    surname: str
    street: str = ""
    suburb: str = ""
    postcode: str = ""
    district: str = ""
    co_address: str = ""
    phone: str = ""
    no_telephone_reason: str = ""
    email: str = ""
    occupation: str = ""
    phones: tuple[Phone, ...] = ()

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_name, self.surname) if part)

    @property
    def birth_date(self) -> dt.date:
        return cpr_birth_date(self.cpr)


@dataclass(frozen=True)
class Diagnosis:
    code: str
    text: str
    primary: bool


@dataclass(frozen=True)
class IcfClassification:
    code: str
    code_text: str
    gradient: str = ""
    gradient_text: str = ""


@dataclass(frozen=True)
class JournalExcerpt:
    type_of_excerpt: str
    text: str
    signed_date: dt.date | None = None
    signed_by: GopSigner | None = None


@dataclass(frozen=True)
class GopReference:
    """A reference from the plan to material kept elsewhere (RefDescription and URL)."""

    description: str
    url: str = ""


@dataclass(frozen=True)
class AmbulatoryControl:
    expected_start: dt.datetime | None
    expected_start_text: str
    location: GopParty | None


@dataclass(frozen=True)
class ParsedGop:
    """Everything Rehabplan takes from one GOP message.

    `letter_identifier` is unique per message (the key for idempotent import); a corrected
    plan arrives with a new letter identifier and replaces the earlier one, found by the same
    `episode_of_care_identifier` when the sender gives one (it is optional, and many senders
    leave it out), else by the citizen, the sender and the hospital contact. `discharge_date`
    is the date of the expected end of the current hospital contact: day 0 of the deadlines,
    shown to staff for confirmation.
    """

    letter_identifier: str
    version_code: str
    statistical_code: str
    authorised_at: dt.datetime
    type_code: str
    status_code: str
    episode_of_care_identifier: str
    sender: GopSender
    receiver: GopParty
    receiving_municipality: ReceivingMunicipality
    patient: GopPatient
    relatives: tuple[GopParty, ...]
    consent_informed: bool | None
    consent_informed_text: str
    plan_type: str
    plan_type_text: str
    hospital_contact_start: dt.datetime | None
    hospital_contact_expected_end: dt.datetime | None
    hospital_contact_expected_end_text: str
    rehabilitation_deadline_text: str
    rehabilitation_deadline_date: dt.date | None
    diagnoses: tuple[Diagnosis, ...]
    icf_classifications: tuple[IcfClassification, ...]
    patient_health_summary: str
    ability_at_discharge_summary: str
    ability_at_discharge_extended: str
    rehabilitation_need_and_potential: str
    patient_safety_aspects: str
    information_for_patient_and_relatives: str
    practical_information: str
    journal_excerpts: tuple[JournalExcerpt, ...]
    hospital_ambulatory_control: AmbulatoryControl | None
    gp_cc_receiver: GopParty | None
    gp_cc_deselected: bool
    cc_receivers: tuple[GopParty, ...]
    final_result_receiver: GopParty | None
    final_result_deselected: bool
    contact_municipality: GopParty | None
    contact_county: GopParty | None
    health_care_team: tuple[GopParty, ...] = ()
    references: tuple[GopReference, ...] = ()

    @property
    def discharge_date(self) -> dt.date | None:
        if self.hospital_contact_expected_end is None:
            return None
        return self.hospital_contact_expected_end.date()

    @property
    def plan_type_label(self) -> str:
        return PLAN_TYPES[self.plan_type]

    @property
    def primary_diagnosis(self) -> Diagnosis | None:
        return next((diagnosis for diagnosis in self.diagnoses if diagnosis.primary), None)
