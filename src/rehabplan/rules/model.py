"""The parsed form of a quality standard: sources, services, rules and dated versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rehabplan.rules.ruletypes import NATIONAL_PROCESSES, NationalProcess


@dataclass(frozen=True)
class Source:
    """A document a rule comes from, and the section of it."""

    issuer: str
    title: str
    date: str
    section: str = ""
    url: str = ""

    def to_dict(self) -> dict[str, str]:
        data = {"issuer": self.issuer, "title": self.title, "date": self.date}
        data["section"] = self.section
        if self.url:
            data["url"] = self.url
        return data

    def cite(self) -> str:
        section = f', "{self.section}"' if self.section else ""
        return f"{self.issuer}: {self.title} ({self.date}){section}"


@dataclass(frozen=True)
class Explanation:
    """Why a result is what it is: the rule, a plain Danish sentence and the source."""

    rule_id: str
    text: str
    source: Source

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "text": self.text, "source": self.source.to_dict()}


@dataclass(frozen=True)
class AeldrelovBasis:
    """The legal basis used instead when the citizen is covered by the Ældrelov."""

    legal_basis: str
    source: Source
    assumption: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Service:
    """A service (indsats) as the standard in force defines it.

    `follows` names the national service whose process it follows (its own code for a national
    service); the baseline's rules for that service are inherited where the file is silent.
    """

    code: str
    name: str
    legal_basis: str
    decision: str  # "grant" (bevilling/afslag) or "plan" (no grant, the municipality plans)
    source: Source
    aeldrelov: AeldrelovBasis | None = None
    origin: str = ""
    follows: str = ""
    level: str = ""  # the team-class level its courses join when the decision sets none

    @property
    def is_grant(self) -> bool:
        return self.decision == "grant"

    @property
    def process(self) -> NationalProcess:
        return NATIONAL_PROCESSES[self.follows or self.code]

    @property
    def is_declared(self) -> bool:
        """Declared by a municipality rather than defined by the law."""
        return bool(self.follows) and self.follows != self.code

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "legal_basis": self.legal_basis,
            "decision": self.decision,
            "is_grant": self.is_grant,
            "source": self.source.to_dict(),
            "defined_in": self.origin,
            "follows": self.follows or self.code,
            "level": self.level,
        }
        if self.aeldrelov:
            data["legal_basis_aeldreloven"] = self.aeldrelov.legal_basis
        return data


@dataclass(frozen=True)
class Rule:
    """One rule of a closed type, with its parameters and its source."""

    id: str
    type: str
    services: tuple[str, ...] | None  # None: every service
    params: dict[str, Any]
    source: Source
    text: str
    assumption: bool = False
    reason: str = ""
    exception: bool = False
    origin: str = ""  # version id the rule was declared in
    line: int | None = None
    key_lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> line

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.line)

    @cached_property
    def qualified_id(self) -> str:
        slug = self.origin.split("@", 1)[0]
        return f"{slug}:{self.id}"

    @cached_property
    def explanation(self) -> Explanation:
        return Explanation(self.qualified_id, self.text, self.source)

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """Results computed from this rule alone (rules are immutable, so they never go stale)."""
        return {}

    def applies_to(self, service: str) -> bool:
        return self.services is None or service in self.services

    def explain(self, text: str | None = None) -> Explanation:
        if text is None:
            return self.explanation
        return Explanation(self.qualified_id, text, self.source)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "services": list(self.services) if self.services is not None else None,
            **self.params,
            "text": self.text,
            "source": self.source.to_dict(),
            "defined_in": self.origin,
        }
        if self.assumption:
            data["assumption"] = True
            data["reason"] = self.reason
        if self.exception:
            data["exception"] = True
        return data


@dataclass(frozen=True)
class Version:
    """One dated version of one municipality's standard (after `based_on` is applied)."""

    slug: str
    effective_from: dt.date
    effective_to: dt.date | None
    services: dict[str, Service]
    rules: dict[str, Rule]
    note: str = ""
    period_assumption: str = ""

    @cached_property
    def id(self) -> str:
        return f"{self.slug}@{self.effective_from.isoformat()}"

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True)
class Municipality:
    slug: str
    kommunekode: int
    name: str
    file: str
    versions: tuple[Version, ...]
    sources: dict[str, Source] = field(default_factory=dict)

    def version_on(self, on: dt.date) -> Version | None:
        for version in self.versions:
            if version.in_force(on):
                return version
        return None
