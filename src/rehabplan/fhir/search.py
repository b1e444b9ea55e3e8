"""The query of a search: which parameters a type takes, and their values checked.

Every parameter is checked: an unknown one, one given twice, or a value that cannot be what the
parameter takes is a 400, never silently ignored, so a caller never mistakes an unfiltered answer
for a filtered one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import QueryDict

from rehabplan.fhir.outcome import FhirError

DEFAULT_COUNT = 20
MAX_COUNT = 100
MAX_ID = 2**31 - 1
MAX_OFFSET = 1_000_000
JSON_FORMATS = frozenset({"json", "application/json", "application/fhir+json"})
# Parameters every search takes: paging and the format.
RESULT_PARAMETERS = ("_count", "_offset", "_format")

_PATIENT_REFERENCE = re.compile(r"^(?:.*/)?(?:Patient/)?([0-9]{1,10})$")
_CPR = re.compile(r"^[0-9]{6}-?[0-9]{4}$")


@dataclass(frozen=True)
class SearchParameter:
    name: str
    type: str  # FHIR search parameter type: token, reference
    documentation: str


PATIENT = SearchParameter("patient", "reference", "Borgeren (Patient/<id> eller <id>)")
SUBJECT = SearchParameter("subject", "reference", "Borgeren (Patient/<id> eller <id>)")
ID = SearchParameter("_id", "token", "Ressourcens id")
IDENTIFIER = SearchParameter(
    "identifier", "token", "CPR-nummer: urn:oid:1.2.208.176.1.2|<10 cifre> eller <10 cifre>"
)


@dataclass(frozen=True)
class Criteria:
    patient_id: int | None = None
    resource_id: str | None = None
    cpr: str | None = None
    count: int = DEFAULT_COUNT
    offset: int = 0

    def filters(self) -> dict[str, str]:
        """The filters as search parameters, for the Bundle's links."""
        found = {}
        if self.patient_id is not None:
            found["patient"] = f"Patient/{self.patient_id}"
        if self.resource_id is not None:
            found["_id"] = self.resource_id
        if self.cpr is not None:
            found["identifier"] = self.cpr
        return found


def _number(name: str, text: str, lowest: int, highest: int) -> int:
    if not text.isascii() or not text.isdigit() or not lowest <= int(text) <= highest:
        raise FhirError(400, f"{name} skal være et helt tal fra {lowest} til {highest}.")
    return int(text)


def _patient_id(name: str, text: str) -> int:
    found = _PATIENT_REFERENCE.match(text)
    if found is None or not 1 <= int(found.group(1)) <= MAX_ID:
        raise FhirError(400, f"{name} skal henvise til en borger som Patient/<id>.")
    return int(found.group(1))


def _cpr(text: str) -> str:
    system, bar, value = text.rpartition("|")
    if bar and system not in ("", "urn:oid:1.2.208.176.1.2"):
        raise FhirError(400, "identifier kan kun søges med CPR-nummerets system.")
    if not _CPR.match(value):
        raise FhirError(400, "identifier skal være et CPR-nummer på 10 cifre.")
    return value.replace("-", "")


def parse_criteria(query: QueryDict, parameters: tuple[SearchParameter, ...]) -> Criteria:
    allowed = {parameter.name for parameter in parameters} | set(RESULT_PARAMETERS)
    values: dict[str, str] = {}
    for name, given in query.lists():
        if "\x00" in name or any("\x00" in value for value in given):
            raise FhirError(400, "Søgningen må ikke indeholde NUL-tegn.")
        if name not in allowed:
            names = ", ".join(sorted(allowed))
            raise FhirError(400, f"Ukendt søgeparameter '{name[:40]}'. Mulige: {names}.")
        if len(given) != 1:
            raise FhirError(400, f"Søgeparameteren {name} må kun angives én gang.")
        if not given[0].strip():
            raise FhirError(400, f"Søgeparameteren {name} mangler en værdi.")
        values[name] = given[0].strip()
    if "_format" in values and values["_format"] not in JSON_FORMATS:
        raise FhirError(406, "Rehabplan svarer kun i JSON (application/fhir+json).")
    if "patient" in values and "subject" in values:
        raise FhirError(400, "Angiv borgeren med enten patient eller subject, ikke begge.")
    reference = values.get("patient") or values.get("subject")
    return Criteria(
        patient_id=_patient_id("patient" if "patient" in values else "subject", reference)
        if reference
        else None,
        resource_id=values.get("_id"),
        cpr=_cpr(values["identifier"]) if "identifier" in values else None,
        count=_number("_count", values["_count"], 1, MAX_COUNT)
        if "_count" in values
        else DEFAULT_COUNT,
        offset=_number("_offset", values["_offset"], 0, MAX_OFFSET) if "_offset" in values else 0,
    )
