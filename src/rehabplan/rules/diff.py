"""What differs between two resolved standards, compared by effect.

A resolved standard is a municipality's rules in force on a day together with the national
baseline it inherits. Two standards are compared service by service and slot by slot (the
start deadline, the extent, the complaint route ...): what counts is the effect of the rule
in the slot (its type and parameters, and the service's legal basis), never its id or wording.
So two municipalities whose rules have different ids but the same effect show no difference,
and a change in the national baseline shows up for every municipality that inherits it.

Criteria fill a slot per rule id, so they are matched by effect instead: a criterion with the
same condition and parameters on both sides is the same criterion. A criterion decided by
professional judgement has no parameters, so its text is its effect.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rehabplan.rules.danish import MONTHS
from rehabplan.rules.errors import LookupFailed
from rehabplan.rules.model import Rule, Service, Source
from rehabplan.rules.registry import BASELINE, ResolvedStandard, StandardsRegistry
from rehabplan.rules.ruletypes import NATIONAL_SERVICES, slot
from rehabplan.rules.wording import describe_rule, rule_topic

LEGAL_BASIS_TOPIC = "Lovgrundlag"
SERVICE_TOPIC = "Indsats"


@dataclass(frozen=True)
class Side:
    """One side of a difference: the rule (or service definition) and what it says."""

    rule_id: str  # qualified, e.g. "varde:SEL86-2.start"
    text: str  # the standard's own wording
    effect: str  # the parameters as a Danish sentence
    source: Source
    inherited: bool  # comes from the national baseline
    assumption: bool
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "text": self.text,
            "effect": self.effect,
            "source": self.source.to_dict(),
            "inherited": self.inherited,
        }
        if self.assumption:
            data["assumption"] = True
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class Difference:
    services: tuple[str, ...]  # service codes the difference holds for
    service_names: tuple[str, ...]
    topic: str  # Danish heading, e.g. "Frist for start"
    text: str  # the whole difference in one Danish sentence
    left: Side | None  # None: the left standard has no rule here
    right: Side | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "services": list(self.services),
            "service_names": list(self.service_names),
            "topic": self.topic,
            "text": self.text,
            "left": self.left.to_dict() if self.left else None,
            "right": self.right.to_dict() if self.right else None,
        }


@dataclass(frozen=True)
class StandardDiff:
    left_version: str
    right_version: str
    left_label: str  # e.g. "Varde Kommune pr. 30. juni 2025"
    right_label: str
    left_on: dt.date
    right_on: dt.date
    differences: tuple[Difference, ...]

    @property
    def same(self) -> bool:
        return not self.differences

    def to_dict(self) -> dict[str, Any]:
        return {
            "left": {
                "version": self.left_version,
                "label": self.left_label,
                "on": self.left_on.isoformat(),
            },
            "right": {
                "version": self.right_version,
                "label": self.right_label,
                "on": self.right_on.isoformat(),
            },
            "same": self.same,
            "differences": [d.to_dict() for d in self.differences],
        }

    def render_text(self) -> str:
        lines = [f"Forskelle mellem {self.left_label} og {self.right_label}:"]
        if self.same:
            lines.append("  Ingen forskelle i virkning.")
        for difference in self.differences:
            lines.append(f"- {', '.join(difference.service_names)}: {difference.text}")
            for side in (difference.left, difference.right):
                if side is not None:
                    lines.append(f"    {side.rule_id}: {side.source.cite()}")
        return "\n".join(lines)


def diff_dates(
    registry: StandardsRegistry,
    municipality: str,
    before: dt.date,
    after: dt.date,
    *,
    service: str | None = None,
) -> StandardDiff:
    """One municipality's standard on two days, with the baseline each day inherits."""
    left = registry.resolve(municipality, before)
    right = registry.resolve(municipality, after)
    name = left.municipality.name
    return diff_resolved(
        left,
        right,
        left_on=before,
        right_on=after,
        left_label=f"{name} pr. {_day(before)}",
        right_label=f"{name} pr. {_day(after)}",
        service=service,
    )


def diff_municipalities(
    registry: StandardsRegistry,
    municipality: str,
    other: str,
    on: dt.date,
    *,
    service: str | None = None,
) -> StandardDiff:
    """Two municipalities' standards on the same day."""
    left = registry.resolve(municipality, on)
    right = registry.resolve(other, on)
    return diff_resolved(
        left,
        right,
        left_on=on,
        right_on=on,
        left_label=left.municipality.name,
        right_label=right.municipality.name,
        service=service,
    )


def diff_resolved(
    left: ResolvedStandard,
    right: ResolvedStandard,
    *,
    left_on: dt.date,
    right_on: dt.date,
    left_label: str,
    right_label: str,
    service: str | None = None,
) -> StandardDiff:
    """Every difference in effect between two resolved standards (or for one service)."""
    if service is not None and service not in left.services and service not in right.services:
        raise LookupFailed(f"ukendt indsats {service!r} i begge standarder")
    codes = [c for c in _service_order(left, right) if service is None or c == service]
    found: list[tuple[str, str, Side | None, Side | None]] = []
    for code in codes:
        found.extend((code, *item) for item in _service_differences(left, right, code))
    differences = _merge_services(found, left, right, left_label, right_label)
    return StandardDiff(
        left.version_id,
        right.version_id,
        left_label,
        right_label,
        left_on,
        right_on,
        tuple(differences),
    )


def _day(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def _service_order(left: ResolvedStandard, right: ResolvedStandard) -> list[str]:
    known = set(left.services) | set(right.services)
    ordered = [c for c in NATIONAL_SERVICES if c in known]
    return ordered + sorted(known - set(ordered))


def _service_differences(
    left: ResolvedStandard, right: ResolvedStandard, code: str
) -> list[tuple[str, Side | None, Side | None]]:
    a, b = left.services.get(code), right.services.get(code)
    if a is None or b is None:
        return [(SERVICE_TOPIC, _service_side(left, a), _service_side(right, b))]
    found: list[tuple[str, Side | None, Side | None]] = []
    if _service_effect(a) != _service_effect(b):
        found.append((LEGAL_BASIS_TOPIC, _service_side(left, a), _service_side(right, b)))
    slots_a, criteria_a = _slots(left, code)
    slots_b, criteria_b = _slots(right, code)
    for key in _ordered_keys(slots_a, slots_b):
        rule_a, rule_b = slots_a.get(key), slots_b.get(key)
        if rule_a is not None and rule_b is not None and _effect(rule_a) == _effect(rule_b):
            continue
        example = rule_a or rule_b
        if example is None:  # every key comes from one side at least
            continue
        topic = rule_topic(example.type, example.params)
        found.append((topic, _rule_side(left, rule_a), _rule_side(right, rule_b)))
    only_a, only_b = _unmatched(criteria_a, criteria_b)
    for rule in only_a:
        found.append((rule_topic(rule.type, rule.params), _rule_side(left, rule), None))
    for rule in only_b:
        found.append((rule_topic(rule.type, rule.params), None, _rule_side(right, rule)))
    return found


def _slots(resolved: ResolvedStandard, code: str) -> tuple[dict[tuple[str, ...], Rule], list[Rule]]:
    slots: dict[tuple[str, ...], Rule] = {}
    criteria: list[Rule] = []
    for (service, _rule_type), rules in resolved.by_service.items():
        if service != code:
            continue
        for rule in rules:
            if rule.type == "criterion":
                criteria.append(rule)
            else:
                slots[slot(rule.type, rule.params, rule.id)] = rule
    return slots, criteria


def _ordered_keys(
    a: dict[tuple[str, ...], Rule], b: dict[tuple[str, ...], Rule]
) -> list[tuple[str, ...]]:
    order = {"contact": 0, "decision": 1, "start": 2}
    keys = set(a) | set(b)
    return sorted(keys, key=lambda k: (k[0] != "deadline", k[0], order.get(k[-1], 9), k))


def _unmatched(a: list[Rule], b: list[Rule]) -> tuple[list[Rule], list[Rule]]:
    remaining = Counter(_effect(rule) for rule in b)
    only_a = []
    for rule in a:
        key = _effect(rule)
        if remaining[key]:
            remaining[key] -= 1
        else:
            only_a.append(rule)
    remaining_a = Counter(_effect(rule) for rule in a)
    only_b = []
    for rule in b:
        key = _effect(rule)
        if remaining_a[key]:
            remaining_a[key] -= 1
        else:
            only_b.append(rule)
    return only_a, only_b


def _effect(rule: Rule) -> str:
    """What the rule does, without its id, wording or source."""
    data: dict[str, Any] = {"type": rule.type, "params": _unordered(rule.params)}
    if rule.type == "criterion" and rule.params.get("condition") == "judgement":
        data["text"] = " ".join(rule.text.split())
    return json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)


def _unordered(params: dict[str, Any]) -> dict[str, Any]:
    """Lists of plain values are sets (training forms, programmes, areas): order is wording."""
    return {
        key: sorted(value)
        if isinstance(value, list) and all(isinstance(item, str) for item in value)
        else value
        for key, value in params.items()
    }


def _service_effect(service: Service) -> tuple[Any, ...]:
    alternative = service.aeldrelov.legal_basis if service.aeldrelov else None
    return (service.legal_basis, service.decision, alternative)


def _origin_slug(origin: str) -> str:
    return origin.split("@", 1)[0]


def _inherited(resolved: ResolvedStandard, origin: str) -> bool:
    return resolved.municipality.slug != BASELINE and _origin_slug(origin) == BASELINE


def _names(resolved: ResolvedStandard) -> dict[str, str]:
    return {code: service.name for code, service in resolved.services.items()}


def _rule_side(resolved: ResolvedStandard, rule: Rule | None) -> Side | None:
    if rule is None:
        return None
    return Side(
        rule.qualified_id,
        rule.text,
        describe_rule(rule, _names(resolved)),
        rule.source,
        _inherited(resolved, rule.origin),
        rule.assumption,
        rule.reason,
    )


def describe_service(service: Service) -> str:
    """The service's legal basis in Danish, with the Ældrelov alternative when there is one."""
    kind = "bevilling eller afslag" if service.is_grant else "ingen bevilling; kommunen planlægger"
    text = f"{service.name} gives efter {service.legal_basis} ({kind})."
    if service.aeldrelov is not None:
        text += f" Borgere omfattet af ældreloven får den efter {service.aeldrelov.legal_basis}."
    return text


def _service_side(resolved: ResolvedStandard, service: Service | None) -> Side | None:
    if service is None:
        return None
    alternative = service.aeldrelov
    source = alternative.source if alternative else service.source
    return Side(
        f"{_origin_slug(service.origin)}:{service.code}.legal_basis",
        describe_service(service),
        describe_service(service),
        source,
        _inherited(resolved, service.origin),
        bool(alternative and alternative.assumption),
        alternative.reason if alternative else "",
    )


def _merge_services(
    found: list[tuple[str, str, Side | None, Side | None]],
    left: ResolvedStandard,
    right: ResolvedStandard,
    left_label: str,
    right_label: str,
) -> list[Difference]:
    """One difference for every service it holds for (a shared rule differs once, not 6 times)."""
    grouped: dict[tuple[Any, ...], list[str]] = {}
    sides: dict[tuple[Any, ...], tuple[str, Side | None, Side | None]] = {}
    for code, topic, a, b in found:
        key = (topic, a.rule_id if a else None, a.effect if a else None)
        key += (b.rule_id if b else None, b.effect if b else None)
        grouped.setdefault(key, []).append(code)
        sides[key] = (topic, a, b)
    differences = []
    for key, codes in grouped.items():
        topic, a, b = sides[key]
        names = tuple((left.services.get(c) or right.services[c]).name for c in codes)
        text = f"{topic}: {left_label}: {_said(topic, a)} {right_label}: {_said(topic, b)}"
        differences.append(Difference(tuple(codes), names, topic, text, a, b))
    return differences


def _said(topic: str, side: Side | None) -> str:
    if side is None:
        return "indsatsen findes ikke." if topic == SERVICE_TOPIC else "ingen regel."
    return side.effect
