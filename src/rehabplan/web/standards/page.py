"""What the standard page shows: one municipality's standard in force on a day, in Danish.

Built from the rules core only; the template adds headings and labels. Rule ids appear only as
anchors, never as text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rehabplan import rules
from rehabplan.rules.diff import Side, StandardDiff, describe_service, diff_resolved
from rehabplan.rules.model import Rule, Service, Source, Version
from rehabplan.rules.registry import BASELINE, ResolvedStandard
from rehabplan.rules.ruletypes import NATIONAL_SERVICES
from rehabplan.rules.wording import describe_rule, rule_topic
from rehabplan.web.standards.links import rule_anchor, rule_url, service_anchor

TYPE_ORDER = (
    "deadline",
    "criterion",
    "frequency_limit",
    "extent",
    "team_size",
    "delivery",
    "transport",
    "provider",
    "referral_validity",
    "attendance",
    "complaint",
    "termination",
    "opening_hours",
    "closed_days",
)


@dataclass(frozen=True)
class RuleItem:
    anchor: str
    topic: str
    text: str  # the standard's own wording
    effect: str  # the parameters as a Danish sentence
    source: Source
    inherited: bool
    exception: bool
    assumption: bool
    reason: str
    service_names: tuple[str, ...]


@dataclass(frozen=True)
class RuleReference:
    """A rule shared with a service shown earlier on the page: a link to where it is shown."""

    anchor: str
    topic: str
    text: str
    shown_under: str


@dataclass(frozen=True)
class ServiceSection:
    code: str  # for the anchor only
    anchor: str
    name: str
    legal_basis: str
    description: str
    source: Source
    aeldrelov_basis: str
    aeldrelov_source: Source | None
    assumption: bool
    reason: str
    inherited: bool
    rules: tuple[RuleItem, ...]
    references: tuple[RuleReference, ...]


@dataclass(frozen=True)
class VersionRow:
    effective_from: dt.date
    effective_to: dt.date | None
    note: str
    period_assumption: str
    in_force: bool


@dataclass(frozen=True)
class DiffSide:
    effect: str
    text: str
    source: Source
    inherited: bool
    assumption: bool
    url: str


@dataclass(frozen=True)
class DiffRow:
    service_names: tuple[str, ...]
    topic: str
    left: DiffSide | None
    right: DiffSide | None


@dataclass(frozen=True)
class Comparison:
    left_label: str
    right_label: str
    rows: tuple[DiffRow, ...]


@dataclass(frozen=True)
class StandardPage:
    slug: str
    name: str
    on: dt.date
    is_baseline: bool
    services: tuple[ServiceSection, ...]
    common_rules: tuple[RuleItem, ...]
    versions: tuple[VersionRow, ...]
    baseline_versions: tuple[VersionRow, ...]
    sources: tuple[Source, ...]
    assumption_count: int
    comparison: Comparison | None = None
    error: str = ""
    municipalities: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _order(rule: Rule) -> tuple[int, str]:
    kind_order = {"contact": "0", "decision": "1", "start": "2"}
    position = TYPE_ORDER.index(rule.type) if rule.type in TYPE_ORDER else len(TYPE_ORDER)
    return position, kind_order.get(rule.params.get("kind", ""), rule.id)


def _is_inherited(resolved: ResolvedStandard, origin: str) -> bool:
    return resolved.municipality.slug != BASELINE and origin.split("@", 1)[0] == BASELINE


def _rule_item(resolved: ResolvedStandard, rule: Rule, names: dict[str, str]) -> RuleItem:
    services = rule.services if rule.services is not None else ()
    return RuleItem(
        anchor=rule_anchor(rule.qualified_id),
        topic=rule_topic(rule.type, rule.params),
        text=rule.text,
        effect=describe_rule(rule, names),
        source=rule.source,
        inherited=_is_inherited(resolved, rule.origin),
        exception=rule.exception,
        assumption=rule.assumption,
        reason=rule.reason,
        service_names=tuple(names.get(code, code) for code in services),
    )


def _service_section(
    resolved: ResolvedStandard,
    service: Service,
    rules_here: list[Rule],
    shown: dict[str, str],
    names: dict[str, str],
) -> ServiceSection:
    items: list[RuleItem] = []
    references: list[RuleReference] = []
    for rule in sorted(rules_here, key=_order):
        if rule.qualified_id in shown:
            references.append(
                RuleReference(
                    rule_anchor(rule.qualified_id),
                    rule_topic(rule.type, rule.params),
                    rule.text,
                    shown[rule.qualified_id],
                )
            )
            continue
        shown[rule.qualified_id] = service.name
        items.append(_rule_item(resolved, rule, names))
    alternative = service.aeldrelov
    return ServiceSection(
        code=service.code,
        anchor=service_anchor(service.code),
        name=service.name,
        legal_basis=service.legal_basis,
        description=describe_service(service),
        source=service.source,
        aeldrelov_basis=alternative.legal_basis if alternative else "",
        aeldrelov_source=alternative.source if alternative else None,
        assumption=bool(alternative and alternative.assumption),
        reason=alternative.reason if alternative else "",
        inherited=_is_inherited(resolved, service.origin),
        rules=tuple(items),
        references=tuple(references),
    )


def _version_rows(versions: tuple[Version, ...], on: dt.date) -> tuple[VersionRow, ...]:
    return tuple(
        VersionRow(v.effective_from, v.effective_to, v.note, v.period_assumption, v.in_force(on))
        for v in versions
    )


def build_page(registry: rules.StandardsRegistry, slug: str, on: dt.date) -> StandardPage:
    """The page for `slug` on `on`; a day with no standard in force gives a page with `error`."""
    municipality = registry.municipality(slug)
    baseline = registry.municipality(BASELINE)
    versions = _version_rows(municipality.versions, on)
    baseline_versions = () if slug == BASELINE else _version_rows(baseline.versions, on)
    choices = tuple((m_slug, name) for m_slug, _code, name in registry.municipalities())
    try:
        resolved = registry.resolve(slug, on)
    except rules.LookupFailed as error:
        return StandardPage(
            slug,
            municipality.name,
            on,
            slug == BASELINE,
            (),
            (),
            versions,
            baseline_versions,
            (),
            0,
            error=str(error),
            municipalities=choices,
        )
    names = {code: service.name for code, service in resolved.services.items()}
    codes = [c for c in NATIONAL_SERVICES if c in resolved.services]
    codes += sorted(set(resolved.services) - set(codes))
    shown: dict[str, str] = {}
    common = sorted((r for r in resolved.rules.values() if not r.services), key=_order)
    sections = []
    for code in codes:
        # by_service also holds the baseline rules a municipality's own service inherits from
        # the national service it follows.
        by_identity = {
            id(rule): rule
            for (service_code, _type), found in resolved.by_service.items()
            if service_code == code
            for rule in found
            if rule.services
        }
        here = list(by_identity.values())
        sections.append(_service_section(resolved, resolved.services[code], here, shown, names))
    documents: dict[tuple[str, str, str], Source] = {}
    for source in [r.source for r in resolved.rules.values()] + [
        s.source for s in resolved.services.values()
    ]:
        key = (source.issuer, source.title, source.date)
        documents.setdefault(key, Source(*key, "", source.url))
    sources = tuple(documents.values())
    assumptions = sum(1 for rule in resolved.rules.values() if rule.assumption)
    assumptions += sum(
        1 for s in resolved.services.values() if s.aeldrelov and s.aeldrelov.assumption
    )
    return StandardPage(
        slug,
        municipality.name,
        on,
        slug == BASELINE,
        tuple(sections),
        tuple(_rule_item(resolved, rule, names) for rule in common),
        versions,
        baseline_versions,
        sources,
        assumptions,
        municipalities=choices,
    )


def build_comparison(
    registry: rules.StandardsRegistry,
    slug: str,
    on: dt.date,
    other_slug: str,
    other_on: dt.date,
    *,
    left_label: str,
    right_label: str,
) -> Comparison:
    """The differences in effect between the page's standard and another (raises LookupFailed)."""
    left = registry.resolve(slug, on)
    right = registry.resolve(other_slug, other_on)
    result: StandardDiff = diff_resolved(
        left,
        right,
        left_on=on,
        right_on=other_on,
        left_label=left_label,
        right_label=right_label,
    )
    rows = []
    for difference in result.differences:
        rows.append(
            DiffRow(
                difference.service_names,
                difference.topic,
                _diff_side(difference.left, on, slug),
                _diff_side(difference.right, other_on, other_slug),
            )
        )
    return Comparison(left_label, right_label, tuple(rows))


def _diff_side(side: Side | None, on: dt.date, slug: str) -> DiffSide | None:
    if side is None:
        return None
    return DiffSide(
        side.effect,
        side.text,
        side.source,
        side.inherited,
        side.assumption,
        rule_url(side.rule_id, on, slug),
    )
