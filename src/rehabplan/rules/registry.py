"""All shipped standards, and the standard in force for one municipality on one day.

The national baseline (slug "national") applies wherever a municipal standard is silent.
A municipal rule that takes the place of a baseline rule must say `exception = true`;
two rules that fill the same slot without that declaration are an error (see ruletypes).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from rehabplan.rules.danish import day_text
from rehabplan.rules.errors import LookupFailed, StandardError
from rehabplan.rules.loader import load_file
from rehabplan.rules.model import Municipality, Rule, Service, Version
from rehabplan.rules.ruletypes import slot

BASELINE = "national"


@dataclass(frozen=True)
class ResolvedStandard:
    """The rules in force for one municipality on one day: baseline plus municipal rules."""

    municipality: Municipality
    version: Version
    baseline: Version | None
    services: dict[str, Service]
    rules: dict[str, Rule]
    by_service: dict[tuple[str, str], tuple[Rule, ...]]  # (service, rule type) -> rules
    version_id: str  # "<slug>@<from>+national@<from>", or "national@<from>" for the baseline

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """Values derived from this resolved standard alone (it never changes)."""
        return {}

    def rules_for(self, service: str, rule_type: str) -> tuple[Rule, ...]:
        return self.by_service.get((service, rule_type), ())

    def one(self, service: str, rule_type: str) -> Rule | None:
        found = self.by_service.get((service, rule_type), ())
        return found[0] if found else None

    def service(self, code: str) -> Service:
        try:
            return self.services[code]
        except KeyError:
            known = ", ".join(sorted(self.services))
            raise LookupFailed(
                f"ukendt indsats {code!r} for {self.municipality.name} (kendte: {known})"
            ) from None


class StandardsRegistry:
    """Every municipality's dated standard; resolution results are cached."""

    def __init__(self, municipalities: dict[str, Municipality]) -> None:
        if BASELINE not in municipalities:
            raise StandardError("den nationale basis (slug 'national') mangler")
        self._municipalities = municipalities
        self._cache: dict[tuple[str, dt.date], ResolvedStandard] = {}
        self._merged: dict[tuple[int, int], ResolvedStandard] = {}
        codes: dict[int, str] = {}
        for slug, municipality in municipalities.items():
            if municipality.kommunekode in codes:
                raise StandardError(
                    f"kommunekode {municipality.kommunekode} bruges af både "
                    f"{codes[municipality.kommunekode]} og {slug}",
                    file=municipality.file,
                    key="municipality.kommunekode",
                )
            codes[municipality.kommunekode] = slug
        self._check_all_combinations()

    def with_municipality(self, municipality: Municipality) -> StandardsRegistry:
        """A new registry where `municipality` is added or takes the place of the one with its slug.

        The whole set is checked again (codes unique, every version merges with the baseline), so a
        draft or a new file is rejected here with the same errors as at start-up.
        """
        return self.with_municipalities([municipality])

    def with_municipalities(self, municipalities: Iterable[Municipality]) -> StandardsRegistry:
        """A new registry where each of `municipalities` is added or takes its slug's place.

        One check of the whole set, however many are added (see `with_municipality`).
        """
        combined = dict(self._municipalities)
        for municipality in municipalities:
            combined[municipality.slug] = municipality
        return StandardsRegistry(combined)

    def municipalities(self) -> list[tuple[str, int, str]]:
        return [(m.slug, m.kommunekode, m.name) for m in self._municipalities.values()]

    def municipality(self, slug: str) -> Municipality:
        try:
            return self._municipalities[slug]
        except KeyError:
            known = ", ".join(sorted(self._municipalities))
            raise LookupFailed(f"ukendt kommune {slug!r} (kendte: {known})") from None

    def by_kommunekode(self, kommunekode: int) -> Municipality:
        for municipality in self._municipalities.values():
            if municipality.kommunekode == kommunekode:
                return municipality
        raise LookupFailed(f"ukendt kommunekode {kommunekode}")

    def services(self, municipality: str, on: dt.date) -> list[Service]:
        resolved = self.resolve(municipality, on)
        return list(resolved.services.values())

    def resolve(self, municipality: str, on: dt.date) -> ResolvedStandard:
        key = (municipality, on)
        found = self._cache.get(key)
        if found is None:
            found = self._resolve(municipality, on)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _resolve(self, slug: str, on: dt.date) -> ResolvedStandard:
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise LookupFailed(f"datoen skal være en dato (datetime.date), fik {on!r}")
        municipality = self.municipality(slug)
        version = municipality.version_on(on)
        if version is None:
            periods = ", ".join(
                f"{day_text(v.effective_from)}–{day_text(v.effective_to) if v.effective_to else ''}"
                for v in municipality.versions
            )
            raise LookupFailed(
                f"{municipality.name} har ingen kvalitetsstandard i kraft den {day_text(on)} "
                f"(perioder: {periods})"
            )
        baseline = version
        if slug != BASELINE:
            baseline = self._municipalities[BASELINE].version_on(on)
            if baseline is None:
                raise LookupFailed(f"den nationale basis er ikke i kraft den {day_text(on)}")
        key = (id(version), id(baseline))
        merged = self._merged.get(key)
        if merged is None:
            merged = self._merged[key] = _merge(municipality, version, baseline)
        return merged

    def _check_all_combinations(self) -> None:
        """Merge every municipal version with every baseline version it overlaps."""
        national = self._municipalities[BASELINE]
        for municipality in self._municipalities.values():
            for version in municipality.versions:
                if municipality.slug == BASELINE:
                    _merge(municipality, version, version)
                    continue
                for baseline in national.versions:
                    if _overlaps(version, baseline):
                        _merge(municipality, version, baseline)


def _overlaps(a: Version, b: Version) -> bool:
    a_end = a.effective_to or dt.date.max
    b_end = b.effective_to or dt.date.max
    return a.effective_from <= b_end and b.effective_from <= a_end


def _merge(municipality: Municipality, version: Version, baseline: Version) -> ResolvedStandard:
    services = _merged_services(version, baseline)
    rules = _merged_rules(municipality, version, baseline)
    grouped: dict[tuple[str, str], list[Rule]] = defaultdict(list)
    slots: dict[tuple[str, tuple[str, ...]], Rule] = {}
    for rule in rules.values():
        targets = rule.services if rule.services is not None else tuple(services)
        for code in targets:
            _place(municipality, version, services, slots, rule, code)
            grouped[(code, rule.type)].append(rule)
    _inherit(services, rules, baseline, slots, grouped)
    kind_order = {"contact": 0, "decision": 1, "start": 2}
    for (_code, rule_type), found in grouped.items():
        if rule_type == "deadline":
            found.sort(key=lambda r: kind_order[r.params["kind"]])
    by_service = {key: tuple(value) for key, value in grouped.items()}
    version_id = version.id if baseline is version else f"{version.id}+{baseline.id}"
    return ResolvedStandard(
        municipality, version, baseline, services, rules, by_service, version_id
    )


def _merged_services(version: Version, baseline: Version) -> dict[str, Service]:
    """The baseline's services with the municipality's own; each with its team level."""
    services = dict(baseline.services)
    if baseline is not version:
        services.update(version.services)
    for code, service in services.items():
        if not service.level:
            national = baseline.services.get(service.follows or code)
            level = (national.level if national is not None else "") or "basal"
            services[code] = replace(service, level=level)
    return services


def _merged_rules(
    municipality: Municipality, version: Version, baseline: Version
) -> dict[str, Rule]:
    """The baseline's rules with the municipality's; overriding one must be declared."""
    if baseline is version:
        return dict(version.rules)
    rules: dict[str, Rule] = dict(baseline.rules)
    for rule in version.rules.values():
        _check_exception(municipality, baseline, rule)
        rules[rule.id] = rule
    return rules


def _check_exception(municipality: Municipality, baseline: Version, rule: Rule) -> None:
    if rule.id in baseline.rules and not rule.exception:
        raise StandardError(
            f"reglen findes også i den nationale basis ({baseline.id}); "
            "angiv exception = true for at erklære den som kommunal undtagelse",
            file=municipality.file,
            key=f"rule {rule.id}",
            line=rule.line,
        )
    if rule.exception and rule.id not in baseline.rules:
        raise StandardError(
            f"exception = true, men den nationale basis ({baseline.id}) har ingen regel "
            "med dette id",
            file=municipality.file,
            key=f"rule {rule.id}",
            line=rule.line,
        )


def _place(
    municipality: Municipality,
    version: Version,
    services: dict[str, Service],
    slots: dict[tuple[str, tuple[str, ...]], Rule],
    rule: Rule,
    code: str,
) -> None:
    """Take a rule's slot for one service; two rules in one slot need a declared precedence."""
    if code not in services:
        raise StandardError(
            f"reglen gælder indsatsen {code}, som ikke er defineret "
            f"(kendte: {', '.join(services)})",
            file=municipality.file,
            key=f"rule {rule.id}.services",
            line=rule.line_of("services"),
        )
    key = (code, slot(rule.type, rule.params, rule.id))
    other = slots.get(key)
    if other is not None:
        raise StandardError(
            f"reglerne {other.qualified_id} og {rule.qualified_id} gælder begge for "
            f"{code} ({rule.type}) uden erklæret forrang i {version.id}",
            file=municipality.file,
            key=f"rule {rule.id}",
            line=rule.line,
        )
    slots[key] = rule


def _inherit(
    services: dict[str, Service],
    rules: dict[str, Rule],
    baseline: Version,
    slots: dict[tuple[str, tuple[str, ...]], Rule],
    grouped: dict[tuple[str, str], list[Rule]],
) -> None:
    """A municipality's own service takes the baseline's rules for the national service it
    follows, slot by slot, where the municipality states no rule of its own for that slot.

    The baseline rules are taken as they stand after the municipality's declared exceptions,
    so a local complaint address (an exception) also reaches its own services.
    """
    for code, service in services.items():
        if not service.is_declared:
            continue
        for rule in rules.values():
            if rule.id not in baseline.rules or rule.services is None:
                continue  # rules for every service already apply to it
            if service.follows not in rule.services:
                continue
            key = (code, slot(rule.type, rule.params, rule.id))
            if key in slots:
                continue  # the municipality's own rule for this slot takes precedence
            slots[key] = rule
            grouped[(code, rule.type)].append(rule)


def shipped_standards_dir() -> Path:
    return Path(str(resources.files("rehabplan.rules").joinpath("standards")))


def load_standards(path: str | Path | None = None) -> StandardsRegistry:
    """Load every `*.toml` standard in `path` (default: the shipped standards)."""
    folder = Path(path) if path is not None else shipped_standards_dir()
    if folder.is_file():
        files = [folder]
    elif folder.is_dir():
        files = sorted(folder.glob("*.toml"))
    else:
        raise StandardError(f"mappen eller filen {folder} findes ikke")
    if not files:
        raise StandardError(f"ingen standardfiler (*.toml) i {folder}")
    municipalities: dict[str, Municipality] = {}
    for file in files:
        municipality = load_file(file)
        if municipality.slug in municipalities:
            raise StandardError(
                f"kommunen {municipality.slug!r} er defineret i flere filer",
                file=file.name,
                key="municipality.slug",
            )
        municipalities[municipality.slug] = municipality
    return StandardsRegistry(municipalities)


@cache
def default_registry() -> StandardsRegistry:
    """The shipped standards, loaded once per process."""
    return load_standards()
