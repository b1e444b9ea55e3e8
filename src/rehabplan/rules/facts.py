"""Facts about the citizen, validated from a JSON object.

A fact that is absent is unknown, and an unknown fact never makes a criterion met.
The JSON Schema in `facts.schema.json` describes the same names; a test keeps the two
in step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from rehabplan.reference.fsiii import fsiii_code, is_fsiii_level
from rehabplan.rules.errors import FactsError
from rehabplan.rules.ruletypes import SERVICE_CODES

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
    assessments: dict[str, bool] = field(default_factory=dict)

    def flag(self, name: str) -> bool | None:
        return getattr(self, name)

    @classmethod
    def from_dict(cls, data: Any) -> Facts:
        return parse_facts(data)


FACT_NAMES = tuple(f.name for f in fields(Facts))


def _date(value: Any, fact: str) -> dt.date:
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
    if value not in SERVICE_CODES:
        known = ", ".join(SERVICE_CODES)
        raise FactsError(f"ukendt indsats {value!r} (kendte: {known})", fact=fact)
    return value


def _dates_by_service(value: Any, fact: str) -> dict[str, dt.date]:
    if not isinstance(value, dict):
        raise FactsError("skal være et objekt med indsatskoder som nøgler", fact=fact)
    return {_service(code, fact): _date(day, f"{fact}.{code}") for code, day in value.items()}


def parse_facts(data: Any) -> Facts:
    """Validate a facts object (dict from JSON) and return a Facts value."""
    if isinstance(data, Facts):
        return data
    if data is None:
        return Facts()
    if not isinstance(data, dict):
        raise FactsError("fakta skal være ét JSON-objekt")
    unknown = sorted(set(data) - set(FACT_NAMES))
    if unknown:
        raise FactsError(f"ukendt faktum (kendte: {', '.join(FACT_NAMES)})", fact=unknown[0])
    values: dict[str, Any] = {}
    for name, value in data.items():
        if value is None:
            continue
        if name == "birth_date":
            values[name] = _date(value, name)
        elif name in ("last_course_end", "last_grant"):
            values[name] = _dates_by_service(value, name)
        elif name in BOOL_FACTS:
            values[name] = _bool(value, name)
        elif name == "impairment":
            if not isinstance(value, str) or not value:
                raise FactsError("skal være en ikke-tom tekst", fact=name)
            values[name] = value
        elif name == "programme":
            if value not in PROGRAMMES:
                raise FactsError(f"ukendt forløbsprogram {value!r}", fact=name)
            values[name] = value
        elif name == "other_services":
            values[name] = _other_services(value)
        elif name == "fsiii":
            values[name] = _fsiii(value)
        elif name == "assessments":
            if not isinstance(value, dict):
                raise FactsError("skal være et objekt: kriterie-id -> true/false", fact=name)
            values[name] = {str(k): _bool(v, f"assessments.{k}") for k, v in value.items()}
    return Facts(**values)


def _other_services(value: Any) -> tuple[OtherService, ...]:
    if not isinstance(value, list):
        raise FactsError("skal være en liste af {service, impairment}", fact="other_services")
    items = []
    for index, item in enumerate(value):
        fact = f"other_services[{index}]"
        if not isinstance(item, dict) or "service" not in item:
            raise FactsError("skal være et objekt med service og impairment", fact=fact)
        extra = set(item) - {"service", "impairment"}
        if extra:
            raise FactsError(f"ukendt nøgle {sorted(extra)[0]!r}", fact=fact)
        impairment = item.get("impairment")
        if impairment is not None and not isinstance(impairment, str):
            raise FactsError("impairment skal være en tekst", fact=fact)
        items.append(OtherService(_service(item["service"], f"{fact}.service"), impairment))
    return tuple(items)


def _fsiii(value: Any) -> dict[str, int]:
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
