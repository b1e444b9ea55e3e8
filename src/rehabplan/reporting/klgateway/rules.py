"""The §140 profiles' rules as data: `profiles_140.json`, derived by hand from the
implementation guide's FHIR Shorthand (cardinalities, fixed values, required value sets,
extensions, reference targets) and read once. The invariants are named there and written out in
`checker.py`, since each is a FHIRPath expression of its own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Rule:
    path: str
    element_da: str  # the element's Danish name, for the leader's page
    card: tuple[int, int | None] | None = None
    fixed: str | None = None
    regex: str | None = None
    value_set: str | None = None
    ref: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    profile_id: str
    resource_type: str
    rules: tuple[Rule, ...]
    invariants: tuple[str, ...]


@dataclass(frozen=True)
class RuleBook:
    source: str
    extensions: dict[str, str]
    value_sets: dict[str, frozenset[tuple[str, str]]]
    profiles: dict[str, Profile]


def _rule(raw: dict[str, Any]) -> Rule:
    card = raw.get("card")
    return Rule(
        path=raw["path"],
        element_da=raw["da"],
        card=(card[0], card[1]) if card is not None else None,
        fixed=raw.get("fixed"),
        regex=raw.get("regex"),
        value_set=raw.get("in"),
        ref=tuple(raw.get("ref", ())),
    )


@cache
def rule_book() -> RuleBook:
    raw = json.loads(resources.files(__package__).joinpath("profiles_140.json").read_text("utf-8"))
    return RuleBook(
        source=raw["source"],
        extensions=dict(raw["extensions"]),
        value_sets={
            name: frozenset((system, code) for system, code in codes)
            for name, codes in raw["valuesets"].items()
        },
        profiles={
            profile_id: Profile(
                profile_id=profile_id,
                resource_type=body["resourceType"],
                rules=tuple(_rule(item) for item in body["rules"]),
                invariants=tuple(body["invariants"]),
            )
            for profile_id, body in raw["profiles"].items()
        },
    )
