"""Facts about the citizen, validated from a JSON object.

A fact that is absent is unknown, and an unknown fact never makes a criterion met.
The JSON Schema in `facts.schema.json` describes the same names; a test keeps the two
in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from rehabplan.reference.fsiii import fsiii_code, is_fsiii_level
from rehabplan.rules.errors import FactsError
from rehabplan.rules.ruletypes import SERVICE_CODE

BOOL_FACTS = (
    "needs_pt_and_ot",
    "motivated",
    "can_train_alone",
    "covered_by_aeldreloven",
    "has_gop",
)
PROGRAMMES = (
    "kol",
    "type2_diabetes",
    "hjertekar",
    "kraeft",
    "mental_sundhed",
    "ryg",
    "osteoporose",
    "gigt",
    "depression",
    "rygestop",
)


@dataclass(frozen=True)
class OtherService:
    service: str
    impairment: str | None


@dataclass(frozen=True)
class Facts:
    birth_date: dt.date | None = None
    last_course_end: dict[str, dt.date] | None = None
    last_grant: dict[str, dt.date] | None = None
    other_services: tuple[OtherService, ...] | None = None
    impairment: str | None = None
    needs_pt_and_ot: bool | None = None
    motivated: bool | None = None
    can_train_alone: bool | None = None
    covered_by_aeldreloven: bool | None = None
    has_gop: bool | None = None
    programme: str | None = None
    fsiii: dict[str, int] | None = None
    assessments: Mapping[str, bool] | None = None

    def assessment(self, criterion_id: str) -> bool | None:
        """A professional judgement recorded for a criterion, or None."""
        return self.assessments.get(criterion_id) if self.assessments else None

    def flag(self, name: str) -> bool | None:
        return getattr(self, name)

    @classmethod
    def from_dict(cls, data: Any) -> Facts:
        return parse_facts(data)


FACT_NAMES = tuple(f.name for f in fields(Facts))


def _date(value: Any, fact: str) -> dt.date:
    if type(value) is str and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise FactsError(f"skal være en dato (ÅÅÅÅ-MM-DD), fik {value!r}", fact=fact)


def _bool(value: Any, fact: str) -> bool:
    if isinstance(value, bool):
        return value
    raise FactsError(f"skal være true eller false, fik {value!r}", fact=fact)


def _service(value: Any, fact: str) -> str:
    # Municipalities declare their own services, so the code's form is checked here and its
    # meaning by the standard that reads the fact.
    if not isinstance(value, str) or not SERVICE_CODE.match(value):
        raise FactsError(f"ugyldig indsatskode {value!r}", fact=fact)
    return value


def _dates_by_service(value: Any, fact: str) -> dict[str, dt.date]:
    if not isinstance(value, dict):
        raise FactsError("skal være et objekt med indsatskoder som nøgler", fact=fact)
    parsed = {}
    for code, day in value.items():
        _service(code, fact)
        parsed[code] = day if type(day) is dt.date else _date(day, f"{fact}.{code}")
    return parsed


def _text(value: Any, fact: str) -> str:
    if not isinstance(value, str) or not value:
        raise FactsError("skal være en ikke-tom tekst", fact=fact)
    return value


def _programme(value: Any, fact: str) -> str:
    if value not in PROGRAMMES:
        raise FactsError(f"ukendt forløbsprogram {value!r}", fact=fact)
    return value


def _assessments(value: Any, fact: str) -> dict[str, bool]:
    if not isinstance(value, dict):
        raise FactsError("skal være et objekt: kriterie-id -> true/false", fact=fact)
    return {str(k): _bool(v, f"{fact}.{k}") for k, v in value.items()}


def parse_facts(data: Any) -> Facts:
    """Validate a facts object (dict from JSON) and return a Facts value."""
    if isinstance(data, Facts):
        return data
    if data is None:
        return Facts()
    if not isinstance(data, dict):
        raise FactsError("fakta skal være ét JSON-objekt")
    values: dict[str, Any] = {}
    for name, value in data.items():
        parser = _PARSERS.get(name)
        if parser is None:
            raise FactsError(f"ukendt faktum (kendte: {', '.join(FACT_NAMES)})", fact=name)
        if value is not None:
            values[name] = parser(value, name)
    return Facts(**values)


OTHER_SERVICE_KEYS = frozenset({"service", "impairment"})


def _other_services(value: Any, fact: str = "other_services") -> tuple[OtherService, ...]:
    if not isinstance(value, list):
        raise FactsError("skal være en liste af {service, impairment}", fact="other_services")
    items = []
    for index, item in enumerate(value):
        fact = f"other_services[{index}]"
        if not isinstance(item, dict) or "service" not in item:
            raise FactsError("skal være et objekt med service og impairment", fact=fact)
        extra = item.keys() - OTHER_SERVICE_KEYS
        if extra:
            raise FactsError(f"ukendt nøgle {sorted(extra)[0]!r}", fact=fact)
        impairment = item.get("impairment")
        if impairment is not None and not isinstance(impairment, str):
            raise FactsError("impairment skal være en tekst", fact=fact)
        items.append(OtherService(_service(item["service"], f"{fact}.service"), impairment))
    return tuple(items)


def _fsiii(value: Any, fact: str = "fsiii") -> dict[str, int]:
    if not isinstance(value, dict):
        raise FactsError("skal være et objekt: FSIII-kode -> niveau 0-4 eller 9", fact="fsiii")
    scores: dict[str, int] = {}
    for code, level in value.items():
        concept = fsiii_code(code)
        if concept is None:
            raise FactsError(f"ukendt FSIII-kode {code!r}", fact="fsiii")
        if not is_fsiii_level(level):
            raise FactsError(
                f"niveau skal være 0, 1, 2, 3, 4 eller 9, fik {level!r}", fact=f"fsiii.{code}"
            )
        scores[concept.code] = level
    return scores


_PARSERS: dict[str, Any] = {
    "birth_date": _date,
    "last_course_end": _dates_by_service,
    "last_grant": _dates_by_service,
    "other_services": _other_services,
    "impairment": _text,
    "programme": _programme,
    "fsiii": _fsiii,
    "assessments": _assessments,
    **{name: _bool for name in BOOL_FACTS},
}
