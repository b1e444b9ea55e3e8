"""Check a §140 delivery report Bundle (as JSON) against the profiles' rules.

Every entry is checked against the profile it claims in `meta.profile`; the Bundle against the
delivery report profile and its invariants. A problem carries an English text for the logs and a
Danish one for the leader's page; an empty list means the Bundle may be delivered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rehabplan.reporting.klgateway import codes
from rehabplan.reporting.klgateway.rules import Profile, Rule, RuleBook, rule_book

# Interventions that repeat (training) must belong to a care plan; the assessment and the
# coordination never do (invariants klgateway-140-intervention-1 and -2).
REPEATING_INTERVENTIONS = frozenset(
    {
        "7f825e3e-1a5c-4249-bf41-9f7171fb6b8a",
        "2abe20c7-c0b4-41c1-b397-52acf36499ef",
        "58293f63-00d7-4730-8dbc-c784d40f9e23",
        "2c661159-1bb3-4af2-bdf1-f3a9927a99e2",
        "8d714c98-f23a-4722-8a2f-85c162fe4840",
        "66fb32c9-ecc3-484b-be49-f20094be237c",
        "f8ac963c-6ec5-4ec5-bd90-a22fea4e2d16",
    }
)
STANDALONE_INTERVENTIONS = frozenset(
    {"1130ad70-6553-490d-87f8-5e8941687a0c", "ba3e17bd-d4aa-4848-acad-25adc8285c19"}
)
PLAN_TYPE_CATEGORIES = frozenset(
    {codes.CATEGORY_GENERAL, codes.CATEGORY_SPECIALISED, codes.CATEGORY_REHABILITATION}
)
ALLOWED_ENTRY_PROFILES = {
    "Patient": {codes.CITIZEN},
    "Organization": {codes.ORGANIZATION},
    "ServiceRequest": {codes.SERVICE_REQUEST},
    "Encounter": {codes.ENCOUNTER},
    "Condition": {codes.CONDITION, codes.FOCUS_CONDITION},
    "CarePlan": {codes.CARE_PLAN, codes.PLANNED_INTERVENTION},
}


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (profile, entry, element path) and what, in two languages."""

    profile: str
    entry: str  # the entry's fullUrl, or "Bundle"
    path: str
    message_en: str
    message_da: str
    element_da: str = ""

    def __str__(self) -> str:
        return f"{self.profile} {self.entry} {self.path}: {self.message_en}"


def _children(node: Any, segment: str, book: RuleBook) -> list[Any]:
    if not isinstance(node, dict):
        return []
    name, _sep, slice_name = segment.partition(":")
    value = node.get(name)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if slice_name:
        url = book.extensions[slice_name]
        items = [item for item in items if isinstance(item, dict) and item.get("url") == url]
    return items


def _resolve(nodes: list[Any], segments: list[str], book: RuleBook) -> list[Any]:
    for segment in segments:
        nodes = [child for node in nodes for child in _children(node, segment, book)]
    return nodes


def _codings(node: Any) -> list[dict[str, Any]]:
    """The codings of a CodeableConcept, or the Coding itself."""
    if not isinstance(node, dict):
        return []
    if "coding" in node:
        return [item for item in node["coding"] if isinstance(item, dict)]
    return [node]


def _reference_target(node: Any) -> str:
    return node.get("reference", "") if isinstance(node, dict) else ""


def _times(count: int) -> str:
    return "én gang" if count == 1 else f"{count} gange"


def _card_problems(
    rule: Rule, resource: dict[str, Any], book: RuleBook
) -> Iterator[tuple[str, str]]:
    assert rule.card is not None
    low, high = rule.card
    segments = rule.path.split(".")
    for parent in _resolve([resource], segments[:-1], book):
        found = len(_children(parent, segments[-1], book))
        if found < low:
            yield (
                f"at least {low} required, found {found}",
                f"{rule.element_da} mangler"
                if found == 0
                else f"{rule.element_da} skal forekomme mindst {_times(low)}, "
                f"men forekommer {_times(found)}",
            )
        if high is not None and found > high:
            yield (
                f"at most {high} allowed, found {found}",
                f"{rule.element_da} må ikke indberettes"
                if high == 0
                else f"{rule.element_da} må højst forekomme {_times(high)}, "
                f"men forekommer {_times(found)}",
            )


def _fixed_problems(rule: Rule, values: list[Any]) -> Iterator[tuple[str, str]]:
    for value in values:
        if value != rule.fixed:
            yield (
                f"must be {rule.fixed!r}, found {value!r}",
                f"{rule.element_da} har ikke den værdi, profilen kræver",
            )


def _regex_problems(rule: Rule, values: list[Any]) -> Iterator[tuple[str, str]]:
    pattern = re.compile(rule.regex or "")
    for value in values:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            yield (
                f"{value!r} does not match {rule.regex}",
                f"{rule.element_da} har ikke et gyldigt format",
            )


def _value_set_problems(rule: Rule, values: list[Any], book: RuleBook) -> Iterator[tuple[str, str]]:
    allowed = book.value_sets[rule.value_set or ""]
    for value in values:
        for coding in _codings(value):
            key = (coding.get("system", ""), coding.get("code", ""))
            if key not in allowed:
                yield (
                    f"code {key[1]!r} of {key[0]!r} is not in value set {rule.value_set}",
                    f"{rule.element_da}: koden er ikke tilladt i indberetningen",
                )


def _ref_problems(
    rule: Rule, values: list[Any], profiles_by_url: dict[str, str]
) -> Iterator[tuple[str, str]]:
    for value in values:
        target = _reference_target(value)
        if profiles_by_url.get(target) not in rule.ref:
            yield (
                f"reference {target!r} must point to an entry of this Bundle conforming to "
                f"{', '.join(rule.ref)}",
                f"{rule.element_da} peger ikke på en ressource af den rigtige slags "
                "i indberetningen",
            )


def _check_rule(
    resource: dict[str, Any],
    rule: Rule,
    profile: Profile,
    entry: str,
    book: RuleBook,
    profiles_by_url: dict[str, str],
) -> Iterator[Problem]:
    found: list[tuple[str, str]] = []
    if rule.card is not None:
        found.extend(_card_problems(rule, resource, book))
    else:
        values = _resolve([resource], rule.path.split("."), book)
        if rule.fixed is not None:
            found.extend(_fixed_problems(rule, values))
        if rule.regex is not None:
            found.extend(_regex_problems(rule, values))
        if rule.value_set is not None:
            found.extend(_value_set_problems(rule, values, book))
        if rule.ref:
            found.extend(_ref_problems(rule, values, profiles_by_url))
    for english, danish in found:
        yield Problem(profile.profile_id, entry, rule.path, english, danish, rule.element_da)


def _claimed_profile(resource: dict[str, Any]) -> str | None:
    for url in (resource.get("meta") or {}).get("profile") or []:
        if isinstance(url, str) and url.startswith(codes.PROFILE_BASE):
            return url.removeprefix(codes.PROFILE_BASE)
    return None


# Invariants on one entry: each returns (path, English, Danish, Danish element) or None.
Finding = tuple[str, str, str, str]


def _service_request_1(resource: dict[str, Any]) -> list[Finding]:
    found = {
        coding.get("code")
        for category in resource.get("category") or []
        for coding in _codings(category)
    }
    if found & PLAN_TYPE_CATEGORIES:
        return []
    return [
        (
            "category",
            "one category must be almen, specialiseret or rehabilitering",
            "Genoptræningsplanens type (almen, specialiseret eller rehabilitering) mangler",
            "genoptræningsplanens type",
        )
    ]


def _care_plan_1(resource: dict[str, Any]) -> list[Finding]:
    findings = []
    for item in resource.get("activity") or []:
        detail = item.get("detail") or {}
        ended = detail.get("status") in ("cancelled", "stopped")
        if bool(detail.get("statusReason")) != ended:
            findings.append(
                (
                    "activity.detail.statusReason",
                    "status reason is required when cancelled or stopped, else prohibited",
                    "Forklaring af status skal angives, når forløbet er annulleret eller "
                    "stoppet, og kun da",
                    "forklaring af status",
                )
            )
    return findings


def _intervention_codes(resource: dict[str, Any]) -> set[str]:
    return {
        str(coding.get("code"))
        for item in resource.get("activity") or []
        for coding in _codings((item.get("detail") or {}).get("code"))
    }


def _intervention_1(resource: dict[str, Any]) -> list[Finding]:
    if _intervention_codes(resource) & REPEATING_INTERVENTIONS and not resource.get("basedOn"):
        return [
            (
                "basedOn",
                "a repeating training intervention must refer to its care plan",
                "En træningsindsats skal høre til et forløb",
                "indsatsens forløb",
            )
        ]
    return []


def _intervention_2(resource: dict[str, Any]) -> list[Finding]:
    if _intervention_codes(resource) & STANDALONE_INTERVENTIONS and resource.get("basedOn"):
        return [
            (
                "basedOn",
                "an assessment or coordination must not refer to a care plan",
                "En udredning eller koordinering må ikke høre til et forløb",
                "indsatsens forløb",
            )
        ]
    return []


ENTRY_INVARIANTS = {
    "gateway-140-service-request-1": _service_request_1,
    "klgateway-140-care-plan-1": _care_plan_1,
    "klgateway-140-intervention-1": _intervention_1,
    "klgateway-140-intervention-2": _intervention_2,
}


def _entry_invariants(profile: Profile, resource: dict[str, Any], entry: str) -> Iterator[Problem]:
    for invariant in profile.invariants:
        for path, english, danish, element in ENTRY_INVARIANTS[invariant](resource):
            yield Problem(profile.profile_id, entry, path, english, danish, element)


# Invariants on the whole Bundle: each returns (path, English, Danish) findings.
BundleFinding = tuple[str, str, str]


def _one_citizen(
    entries: list[dict[str, Any]], profiles_by_url: dict[str, str]
) -> list[BundleFinding]:
    citizens = sum(1 for url in profiles_by_url.values() if url == codes.CITIZEN)
    if citizens == 1:
        return []
    return [
        (
            "entry:citizen",
            f"exactly one citizen entry required, found {citizens}",
            "Indberetningen skal indeholde præcis én borger",
        )
    ]


def _entry_kinds(
    entries: list[dict[str, Any]], profiles_by_url: dict[str, str]
) -> list[BundleFinding]:
    findings = []
    for entry in entries:
        resource = entry.get("resource") or {}
        kind = resource.get("resourceType")
        if kind not in ALLOWED_ENTRY_PROFILES:
            findings.append(
                (
                    "entry.resource",
                    f"resource type {kind!r} is not allowed",
                    "Indberetningen indeholder en slags oplysning, profilen ikke tillader",
                )
            )
        if not entry.get("fullUrl"):
            findings.append(
                (
                    "entry.fullUrl",
                    "every entry needs a fullUrl so references can be resolved",
                    "En oplysning i indberetningen mangler sin adresse",
                )
            )
    return findings


def _conforming(kind: str, allowed: set[str], danish: str, name: str) -> Any:
    def check(entries: list[dict[str, Any]], _profiles: dict[str, str]) -> list[BundleFinding]:
        return [
            (
                "entry.resource",
                f"every {kind} must conform to one of {', '.join(sorted(allowed))} ({name})",
                danish,
            )
            for entry in entries
            if (entry.get("resource") or {}).get("resourceType") == kind
            and _claimed_profile(entry.get("resource") or {}) not in allowed
        ]

    return check


def _bundled_references(
    entries: list[dict[str, Any]], profiles_by_url: dict[str, str]
) -> list[BundleFinding]:
    # Aggregation "bundled" on every reference of the profiles: the target must be in the
    # Bundle. The element rules check the kind; this catches any other reference.
    return [
        (
            "entry.resource",
            f"reference {reference!r} does not resolve within the Bundle",
            "En henvisning i indberetningen peger på noget, der ikke er med",
        )
        for entry in entries
        for reference in _references(entry.get("resource") or {})
        if reference not in profiles_by_url
    ]


BUNDLE_INVARIANTS = {
    "citizen-entry-1..1": _one_citizen,
    "entry-resource-types": _entry_kinds,
    "gateway-140-report-1": _conforming(
        "Condition",
        {codes.CONDITION, codes.FOCUS_CONDITION},
        "En tilstand eller diagnose følger ikke sin profil",
        "gateway-140-report-1",
    ),
    "gateway-140-report-2": _conforming(
        "CarePlan",
        {codes.CARE_PLAN, codes.PLANNED_INTERVENTION},
        "Et forløb eller en indsats følger ikke sin profil",
        "gateway-140-report-2",
    ),
    "bundled-references": _bundled_references,
}


def _bundle_invariants(
    profile: Profile, bundle: dict[str, Any], profiles_by_url: dict[str, str]
) -> Iterator[Problem]:
    entries = [entry for entry in bundle.get("entry") or [] if isinstance(entry, dict)]
    for invariant in profile.invariants:
        for path, english, danish in BUNDLE_INVARIANTS[invariant](entries, profiles_by_url):
            yield Problem(profile.profile_id, "Bundle", path, english, danish, "indhold")


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def check_bundle(bundle: dict[str, Any]) -> list[Problem]:
    """Every problem in one delivery report Bundle; empty when it conforms."""
    book = rule_book()
    report = book.profiles[codes.DELIVERY_REPORT]
    entries = [entry for entry in bundle.get("entry") or [] if isinstance(entry, dict)]
    profiles_by_url = {
        str(entry.get("fullUrl")): _claimed_profile(entry.get("resource") or {}) or ""
        for entry in entries
        if entry.get("fullUrl")
    }
    problems: list[Problem] = []
    if bundle.get("resourceType") != "Bundle":
        return [
            Problem(
                report.profile_id,
                "Bundle",
                "resourceType",
                "not a Bundle",
                "Indberetningen er ikke en samling (Bundle)",
                "indberetningen",
            )
        ]
    for rule in report.rules:
        problems.extend(_check_rule(bundle, rule, report, "Bundle", book, profiles_by_url))
    problems.extend(_bundle_invariants(report, bundle, profiles_by_url))
    for entry in entries:
        resource = entry.get("resource") or {}
        claimed = _claimed_profile(resource)
        profile = book.profiles.get(claimed or "")
        name = str(entry.get("fullUrl", "?"))
        if profile is None or profile.resource_type != resource.get("resourceType"):
            problems.append(
                Problem(
                    claimed or "?",
                    name,
                    "meta.profile",
                    "entry claims no known §140 profile for its resource type",
                    "En oplysning i indberetningen angiver ikke en kendt §140-profil",
                    "profil",
                )
            )
            continue
        for rule in profile.rules:
            problems.extend(_check_rule(resource, rule, profile, name, book, profiles_by_url))
        problems.extend(_entry_invariants(profile, resource, name))
    return problems


def check_delivery(document: dict[str, Any]) -> list[Problem]:
    """The delivered file, a `klgateway-140-incremental-delivery` Bundle: a collection with a
    timestamp and nothing else but entries, each a delivery report (checked by `check_bundle`)."""
    profile = "klgateway-140-incremental-delivery"
    problems = []

    def problem(path: str, english: str, danish: str) -> None:
        problems.append(Problem(profile, "Bundle", path, english, danish, "leverancen"))

    if document.get("resourceType") != "Bundle" or document.get("type") != "collection":
        problem("type", "must be a collection Bundle", "Leverancen er ikke en samling (Bundle)")
    if not document.get("timestamp"):
        problem("timestamp", "timestamp is required", "Leverancens tidsstempel mangler")
    for name in ("identifier", "total", "link", "signature"):
        if name in document:
            problem(name, f"{name} is not allowed", "Leverancen indeholder noget, der ikke må med")
    for entry in document.get("entry") or []:
        resource = entry.get("resource") or {}
        if resource.get("resourceType") != "Bundle" or _claimed_profile(resource) != (
            codes.DELIVERY_REPORT
        ):
            problem(
                "entry.resource",
                "every entry must be a klgateway-140-delivery-report",
                "Leverancen indeholder andet end borgeres indberetninger",
            )
        for name in ("search", "request", "response"):
            if name in entry:
                problem(
                    f"entry.{name}",
                    f"entry.{name} is not allowed",
                    "Leverancen indeholder noget, der ikke må med",
                )
    return problems
