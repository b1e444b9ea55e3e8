"""Describing a standard for people: every version, rule, source and assumption."""

from __future__ import annotations

from typing import Any

from rehabplan.rules.model import Municipality, Rule, Version
from rehabplan.rules.registry import StandardsRegistry


def assumptions(municipality: Municipality) -> list[dict[str, str]]:
    """Every point where the sources were silent, per version (inherited ones once)."""
    found: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for version in municipality.versions:
        if version.period_assumption:
            found.append(
                {
                    "version": version.id,
                    "what": "effective_from",
                    "reason": version.period_assumption,
                }
            )
        for service in version.services.values():
            if service.aeldrelov and service.aeldrelov.assumption and service.origin == version.id:
                found.append(
                    {
                        "version": version.id,
                        "what": f"{service.code}.legal_basis.aeldreloven",
                        "reason": service.aeldrelov.reason,
                    }
                )
        for rule in version.rules.values():
            key = (rule.origin, rule.id)
            if rule.assumption and key not in seen:
                seen.add(key)
                found.append({"version": rule.origin, "what": rule.id, "reason": rule.reason})
    return found


def describe(registry: StandardsRegistry, slug: str) -> dict[str, Any]:
    municipality = registry.municipality(slug)
    return {
        "slug": municipality.slug,
        "kommunekode": municipality.kommunekode,
        "name": municipality.name,
        "file": municipality.file,
        "versions": [_version(v) for v in municipality.versions],
        "assumptions": assumptions(municipality),
    }


def _version(version: Version) -> dict[str, Any]:
    return {
        "id": version.id,
        "effective_from": version.effective_from.isoformat(),
        "effective_to": version.effective_to.isoformat() if version.effective_to else None,
        "note": version.note,
        "services": [s.to_dict() for s in version.services.values()],
        "rules": [r.to_dict() for r in version.rules.values()],
    }


def _values(rule: Rule) -> str:
    skip = {"steps", "reasons"}
    parts = [f"{k}={v}" for k, v in rule.params.items() if k not in skip]
    if "steps" in rule.params:
        parts.append(" -> ".join(step["body"] for step in rule.params["steps"]))
    if "reasons" in rule.params:
        parts.append(", ".join(r["code"] for r in rule.params["reasons"]))
    return "; ".join(parts)


def render_text(registry: StandardsRegistry, slug: str) -> str:
    municipality = registry.municipality(slug)
    lines = [
        f"{municipality.name} (kommunekode {municipality.kommunekode}, fil {municipality.file})"
    ]
    for version in municipality.versions:
        until = version.effective_to.isoformat() if version.effective_to else "indtil videre"
        lines.append("")
        lines.append(f"Version {version.id}: gælder fra {version.effective_from} til {until}")
        if version.note:
            lines.append(f"  {version.note}")
        if version.services:
            lines.append("  Indsatser:")
            for service in version.services.values():
                kind = "bevilling" if service.is_grant else "plan (ingen bevilling)"
                extra = (
                    f"; ældreloven: {service.aeldrelov.legal_basis}" if service.aeldrelov else ""
                )
                if service.is_declared:
                    extra += f"; kommunens egen, følger {service.follows}"
                lines.append(
                    f"    {service.code:<8} {service.name} - {service.legal_basis} [{kind}]{extra}"
                )
        lines.append("  Regler:")
        lines.append(f"    {'id':<34} {'type':<16} {'indsatser':<26} værdier")
        for rule in version.rules.values():
            services = ",".join(rule.services) if rule.services else "alle"
            mark = " (ANTAGELSE)" if rule.assumption else ""
            lines.append(f"    {rule.id:<34} {rule.type:<16} {services:<26} {_values(rule)}{mark}")
            lines.append(f"      kilde: {rule.source.cite()}")
    found = assumptions(municipality)
    lines.append("")
    lines.append(f"Antagelser ({len(found)}): steder hvor kilderne er tavse")
    for item in found:
        lines.append(f"  - {item['version']} {item['what']}: {item['reason']}")
    return "\n".join(lines)


def diff_versions(old: Version, new: Version) -> dict[str, Any]:
    """What changes from one version to another: rules and services added, removed, changed."""
    added = [new.rules[i].to_dict() for i in new.rules if i not in old.rules]
    removed = [old.rules[i].to_dict() for i in old.rules if i not in new.rules]
    changed = []
    for rule_id in new.rules:
        if rule_id not in old.rules:
            continue
        before, after = _comparable(old.rules[rule_id]), _comparable(new.rules[rule_id])
        changes = {
            key: {"from": before.get(key), "to": after.get(key)}
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        }
        if changes:
            changed.append({"id": rule_id, "changes": changes})
    services = []
    for code in sorted(set(old.services) | set(new.services)):
        a, b = old.services.get(code), new.services.get(code)
        da = {k: v for k, v in (a.to_dict() if a else {}).items() if k != "defined_in"}
        db = {k: v for k, v in (b.to_dict() if b else {}).items() if k != "defined_in"}
        if da != db:
            services.append({"code": code, "from": da or None, "to": db or None})
    return {
        "from": old.id,
        "to": new.id,
        "added": added,
        "removed": removed,
        "changed": changed,
        "services_changed": services,
    }


def _comparable(rule: Rule) -> dict[str, Any]:
    data = rule.to_dict()
    data.pop("defined_in", None)
    return data
