"""Reading one standard file (TOML) into a Municipality, checking every key.

Errors name the file, the key and, where the text shows it, the line.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rehabplan.rules.errors import StandardError
from rehabplan.rules.facts import BOOL_FACTS, PROGRAMMES
from rehabplan.rules.model import AeldrelovBasis, Municipality, Rule, Service, Source, Version
from rehabplan.rules.ruletypes import (
    COMMON_KEYS,
    CONDITION_TYPES,
    MODES,
    NATIONAL_PROCESSES,
    NATIONAL_SERVICES,
    RANGE_UNITS,
    RULE_TYPES,
    SERVICE_CODE,
    TEAM_LEVELS,
    Key,
)

TOP_KEYS = {"schema", "municipality", "sources", "version"}
MUNICIPALITY_KEYS = {"slug", "kommunekode", "name"}
SOURCE_KEYS = {"issuer", "title", "date", "url"}
VERSION_KEYS = {
    "effective_from",
    "effective_to",
    "based_on",
    "note",
    "period_assumption",
    "service",
    "rule",
    "remove",
}
SERVICE_KEYS = {
    "code",
    "name",
    "legal_basis",
    "decision",
    "follows",
    "level",
    "source",
    "section",
    "aeldreloven",
}
TIER_KEYS = {"name", "max_sessions", "max_weeks", "max_per_week"}
RANGE_KEYS = {"unit", "min", "max"}
AELDRELOV_KEYS = {"legal_basis", "source", "section", "assumption", "reason"}
STEP_KEYS = {"body", "address", "weeks", "counted_from"}
REASON_KEYS = {"code", "label"}
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
TIME_SPAN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
ANNUAL_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


HEADER = re.compile(r"^\s*\[")


class _FileContext:
    def __init__(self, file_name: str, text: str) -> None:
        self.name = file_name
        self.lines = text.splitlines()
        self.span: tuple[int, int] | None = None  # the table being read (first, last line)

    def table_span(self, header: str, index: int) -> tuple[int, int] | None:
        """First and last line of the `index`-th `[[header]]` table (0-based), in file order."""
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]")
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                seen += 1
                if seen == index:
                    last = number
                    for later in range(number + 1, len(self.lines) + 1):
                        if HEADER.match(self.lines[later - 1]):
                            break
                        last = later
                    return number, last
        return None

    def key_line(self, key: str, span: tuple[int, int] | None) -> int | None:
        """The line assigning `key` inside `span`, else the table's first line."""
        if span is None:
            return self.line_of(key)
        pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        for number in range(span[0], span[1] + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return span[0]

    def line_of(self, key: str, after: int | None = None) -> int | None:
        """First line (1-based) assigning `key` or opening table `key`, at or after `after`."""
        pattern = re.compile(
            rf'^\s*(\[\[?\s*[\w.-]*{re.escape(key)}\s*\]\]?|"?{re.escape(key)}"?\s*=)'
        )
        for index, line in enumerate(self.lines, start=1):
            if after and index < after:
                continue
            if pattern.search(line):
                return index
        return None

    def error(self, message: str, key: str, *, near: int | None = None) -> StandardError:
        if self.span is not None:
            # Inside a rule or service table: the key right after the table's own path names
            # the line (an inline table or list points at the key that holds it).
            head = re.sub(r"\([^)]*\)", "", key)
            parts = [p for p in re.split(r"\.", head) if p]
            leaf = next(
                (
                    part.split("[")[0]
                    for part in parts
                    if not re.fullmatch(r"(version|rule|service)\[\d+\]", part)
                ),
                "",
            )
            line = self.key_line(leaf, self.span) if leaf else self.span[0]
            return StandardError(message, file=self.name, key=key, line=line)
        leaf = key.rsplit(".", 1)[-1].split("[")[0]
        return StandardError(message, file=self.name, key=key, line=self.line_of(leaf, near))


def load_file(path: Path) -> Municipality:
    return load_text(path.read_text("utf-8"), path.name)


def load_text(text: str, file_name: str) -> Municipality:
    """Read a standard from its text; `file_name` names it in errors and in `Municipality.file`."""
    ctx = _FileContext(file_name, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise StandardError(
            f"ugyldig TOML ({error})", file=ctx.name, line=int(match.group(1)) if match else None
        ) from None
    _check_keys(ctx, data, TOP_KEYS, "")
    _require(ctx, data, ("municipality", "sources", "version"), "")
    head = data["municipality"]
    _check_keys(ctx, head, MUNICIPALITY_KEYS, "municipality")
    _require(ctx, head, ("slug", "kommunekode", "name"), "municipality")
    slug = _typed(ctx, head, "slug", str, "municipality")
    if not SLUG.match(slug):
        raise ctx.error("slug skal være små bogstaver a-z, cifre og _", "municipality.slug")
    kommunekode = _typed(ctx, head, "kommunekode", int, "municipality")
    name = _typed(ctx, head, "name", str, "municipality")
    sources = _sources(ctx, data["sources"])
    raw_versions = data["version"]
    if not isinstance(raw_versions, list) or not raw_versions:
        raise ctx.error("mindst én [[version]] skal angives", "version")
    versions: list[Version] = []
    counters = {"rule": 0, "service": 0}
    for index, raw in enumerate(raw_versions):
        versions.append(_version(ctx, slug, sources, raw, index, versions, counters))
    ctx.span = None
    _check_periods(ctx, versions)
    return Municipality(slug, kommunekode, name, ctx.name, tuple(versions), sources)


def _check_keys(ctx: _FileContext, table: Any, allowed: set[str], where: str) -> None:
    if not isinstance(table, dict):
        raise ctx.error("skal være en tabel", where or "(rod)")
    for key in table:
        if key not in allowed:
            full = f"{where}.{key}" if where else key
            raise ctx.error(f"ukendt nøgle (tilladt: {', '.join(sorted(allowed))})", full)


def _require(ctx: _FileContext, table: dict, keys: tuple[str, ...], where: str) -> None:
    for key in keys:
        if key not in table:
            full = f"{where}.{key}" if where else key
            raise ctx.error("mangler", full, near=None)


def _typed(ctx: _FileContext, table: dict, key: str, kind: Any, where: str) -> Any:
    value = table[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        names = {str: "tekst", int: "heltal", bool: "true/false", list: "liste", dict: "tabel"}
        wanted = names.get(kind, getattr(kind, "__name__", str(kind)))
        raise ctx.error(f"skal være {wanted}, fik {value!r}", f"{where}.{key}")
    return value


def _sources(ctx: _FileContext, raw: Any) -> dict[str, Source]:
    if not isinstance(raw, dict) or not raw:
        raise ctx.error("mindst én kilde skal angives", "sources")
    sources = {}
    for key, entry in raw.items():
        where = f"sources.{key}"
        _check_keys(ctx, entry, SOURCE_KEYS, where)
        _require(ctx, entry, ("issuer", "title", "date"), where)
        for field in ("issuer", "title", "date"):
            _typed(ctx, entry, field, str, where)
        sources[key] = Source(
            entry["issuer"], entry["title"], entry["date"], "", entry.get("url", "")
        )
    return sources


def _source_for(ctx: _FileContext, sources: dict[str, Source], entry: dict, where: str) -> Source:
    if "source" not in entry:
        raise ctx.error("reglen har ingen kilde (source)", f"{where}.source")
    if "section" not in entry:
        raise ctx.error("reglen har intet afsnit i kilden (section)", f"{where}.section")
    key = _typed(ctx, entry, "source", str, where)
    section = _typed(ctx, entry, "section", str, where)
    if key not in sources:
        raise ctx.error(f"ukendt kilde {key!r} (ikke i [sources])", f"{where}.source")
    base = sources[key]
    return Source(base.issuer, base.title, base.date, section, base.url)


def _date(ctx: _FileContext, value: Any, key: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ctx.error(f"skal være en dato (ÅÅÅÅ-MM-DD uden anførselstegn), fik {value!r}", key)


def _version(
    ctx: _FileContext,
    slug: str,
    sources: dict[str, Source],
    raw: Any,
    index: int,
    earlier: list[Version],
    counters: dict[str, int],
) -> Version:
    where = f"version[{index}]"
    version_span = ctx.span = ctx.table_span("version", index)
    _check_keys(ctx, raw, VERSION_KEYS, where)
    _require(ctx, raw, ("effective_from",), where)
    start = _date(ctx, raw["effective_from"], f"{where}.effective_from")
    end = (
        _date(ctx, raw["effective_to"], f"{where}.effective_to") if "effective_to" in raw else None
    )
    if end is not None and end < start:
        raise ctx.error("effective_to ligger før effective_from", f"{where}.effective_to")
    version_id = f"{slug}@{start.isoformat()}"
    services: dict[str, Service] = {}
    rules: dict[str, Rule] = {}
    if "based_on" in raw:
        base_day = _date(ctx, raw["based_on"], f"{where}.based_on")
        base = next((v for v in earlier if v.effective_from == base_day), None)
        if base is None:
            raise ctx.error(
                "based_on skal være effective_from for en tidligere version", f"{where}.based_on"
            )
        services.update(base.services)
        rules.update(base.rules)
    for rule_id in raw.get("remove", []):
        if rule_id not in rules:
            raise ctx.error(f"kan ikke fjerne ukendt regel {rule_id!r}", f"{where}.remove")
        del rules[rule_id]
    for s_index, entry in enumerate(raw.get("service", [])):
        ctx.span = ctx.table_span("version.service", counters["service"])
        counters["service"] += 1
        service = _service(ctx, sources, entry, f"{where}.service[{s_index}]", version_id)
        services[service.code] = service
    seen: set[str] = set()
    for r_index, entry in enumerate(raw.get("rule", [])):
        ctx.span = ctx.table_span("version.rule", counters["rule"])
        counters["rule"] += 1
        rule = _rule(ctx, sources, entry, f"{where}.rule[{r_index}]", version_id)
        if rule.id in seen:
            raise ctx.error(f"regel-id {rule.id!r} findes to gange i samme version", f"{where}.id")
        seen.add(rule.id)
        rules[rule.id] = rule
    ctx.span = version_span
    note = raw.get("note", "")
    period_assumption = raw.get("period_assumption", "")
    return Version(slug, start, end, services, rules, note, period_assumption)


def _service_code(ctx: _FileContext, code: Any, key: str) -> str:
    if not isinstance(code, str) or not SERVICE_CODE.match(code):
        raise ctx.error(
            f"ugyldig indsatskode {code!r}: et bogstav efterfulgt af bogstaver, cifre eller "
            "bindestreg, højst 30 tegn",
            key,
        )
    return code


def _service(
    ctx: _FileContext, sources: dict[str, Source], entry: Any, where: str, origin: str
) -> Service:
    _check_keys(ctx, entry, SERVICE_KEYS, where)
    _require(ctx, entry, ("code", "name", "legal_basis"), where)
    code = _service_code(ctx, _typed(ctx, entry, "code", str, where), f"{where}.code")
    follows = _service_follows(ctx, entry, code, where)
    return Service(
        code=code,
        name=_typed(ctx, entry, "name", str, where),
        legal_basis=_typed(ctx, entry, "legal_basis", str, where),
        decision=_service_decision(ctx, entry, follows, where),
        source=_source_for(ctx, sources, entry, where),
        aeldrelov=_service_aeldrelov(ctx, sources, entry, where),
        origin=origin,
        follows=follows,
        level=_service_level(ctx, entry, where),
    )


def _service_follows(ctx: _FileContext, entry: dict, code: str, where: str) -> str:
    """The national service whose process (and law) a service follows."""
    national = ", ".join(NATIONAL_SERVICES)
    if "follows" not in entry:
        if code in NATIONAL_PROCESSES:
            return code
        raise ctx.error(
            f"en kommunens egen indsats skal angive follows: den nationale indsats, hvis "
            f"forløb den følger ({national})",
            f"{where}.follows",
        )
    follows = _typed(ctx, entry, "follows", str, where)
    if follows not in NATIONAL_PROCESSES:
        raise ctx.error(
            f"follows skal være en national indsats ({national}), fik {follows!r}",
            f"{where}.follows",
        )
    if code in NATIONAL_PROCESSES and follows != code:
        raise ctx.error(
            f"den nationale indsats {code} følger sin egen lov; follows kan kun være {code}",
            f"{where}.follows",
        )
    return follows


def _service_decision(ctx: _FileContext, entry: dict, follows: str, where: str) -> str:
    """The kind of decision: the law of the followed service settles it; a stated one must agree."""
    process = NATIONAL_PROCESSES[follows]
    if "decision" not in entry:
        return process.decision
    decision = _typed(ctx, entry, "decision", str, where)
    if decision not in ("grant", "plan"):
        raise ctx.error("decision skal være 'grant' eller 'plan'", f"{where}.decision")
    if decision != process.decision:
        raise ctx.error(
            f"en indsats, der følger {follows}, har decision = {process.decision!r} "
            "(loven afgør det)",
            f"{where}.decision",
        )
    return decision


def _service_level(ctx: _FileContext, entry: dict, where: str) -> str:
    if "level" not in entry:
        return ""  # unset: inherited from the national service it follows (registry)
    level = _typed(ctx, entry, "level", str, where)
    if level not in TEAM_LEVELS:
        raise ctx.error(
            f"level skal være en af: {', '.join(TEAM_LEVELS)}, fik {level!r}",
            f"{where}.level",
        )
    return level


def _service_aeldrelov(
    ctx: _FileContext, sources: dict[str, Source], entry: dict, where: str
) -> AeldrelovBasis | None:
    if "aeldreloven" not in entry:
        return None
    raw = entry["aeldreloven"]
    sub = f"{where}.aeldreloven"
    _check_keys(ctx, raw, AELDRELOV_KEYS, sub)
    _require(ctx, raw, ("legal_basis",), sub)
    assumption = bool(raw.get("assumption", False))
    if assumption and not raw.get("reason"):
        raise ctx.error("en antagelse skal have en begrundelse (reason)", f"{sub}.reason")
    return AeldrelovBasis(
        raw["legal_basis"],
        _source_for(ctx, sources, raw, sub),
        assumption,
        raw.get("reason", ""),
    )


def _check_value(ctx: _FileContext, entry: dict, key: str, spec: Key, where: str) -> None:
    value = entry[key]
    kinds = spec.kind if isinstance(spec.kind, tuple) else (spec.kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise ctx.error(f"har forkert type ({value!r})", f"{where}.{key}")
    if spec.choices and value not in spec.choices:
        raise ctx.error(f"skal være en af: {', '.join(spec.choices)}", f"{where}.{key}")
    if spec.minimum is not None and value < spec.minimum:
        raise ctx.error(f"skal være mindst {spec.minimum}", f"{where}.{key}")


def _rule(
    ctx: _FileContext, sources: dict[str, Source], entry: Any, where: str, origin: str
) -> Rule:
    if not isinstance(entry, dict):
        raise ctx.error("skal være en tabel", where)
    rule_type = entry.get("type")
    if rule_type not in RULE_TYPES:
        raise ctx.error(
            f"ukendt regeltype {rule_type!r} (kendte: {', '.join(RULE_TYPES)})", f"{where}.type"
        )
    allowed = {**COMMON_KEYS, **RULE_TYPES[rule_type]}
    rule_id = entry.get("id", "?")
    where = f"{where}({rule_id})"
    id_line = ctx.key_line("id", ctx.span) if ctx.span else ctx.line_of("id")
    for key in entry:
        if key not in allowed:
            raise ctx.error(f"ukendt nøgle for regeltypen {rule_type!r}", f"{where}.{key}")
    source = _source_for(ctx, sources, entry, where)
    _check_rule_values(ctx, entry, allowed, where, id_line)
    services = _rule_services(ctx, entry, where)
    assumption = entry.get("assumption", False)
    if assumption and not entry.get("reason"):
        raise ctx.error("en antagelse skal have en begrundelse (reason)", f"{where}.assumption")
    params = {k: v for k, v in entry.items() if k not in COMMON_KEYS}
    _check_params(ctx, rule_type, params, where)
    return Rule(
        id=rule_id,
        type=rule_type,
        services=services,
        params=params,
        source=source,
        text=entry["text"],
        assumption=assumption,
        reason=entry.get("reason", ""),
        exception=entry.get("exception", False),
        origin=origin,
        line=id_line,
        key_lines={
            key: line
            for key in entry
            if ctx.span and (line := ctx.key_line(key, ctx.span)) is not None
        },
    )


def _check_rule_values(
    ctx: _FileContext, entry: dict, allowed: dict[str, Key], where: str, id_line: int | None
) -> None:
    for key, spec in allowed.items():
        if key in entry:
            _check_value(ctx, entry, key, spec, where)
        elif spec.required:
            raise StandardError("mangler", file=ctx.name, key=f"{where}.{key}", line=id_line)


def _rule_services(ctx: _FileContext, entry: dict, where: str) -> tuple[str, ...] | None:
    """The services a rule is limited to; None when it applies to every service."""
    services = entry.get("services")
    if services is None:
        return None
    for code in services:
        _service_code(ctx, code, f"{where}.services")
    return tuple(services)


def _check_criterion(ctx: _FileContext, params: dict, where: str) -> None:
    condition = params["condition"]
    if condition not in CONDITION_TYPES:
        raise ctx.error(
            f"ukendt betingelse {condition!r} (kendte: {', '.join(CONDITION_TYPES)})",
            f"{where}.condition",
        )
    for needed in CONDITION_TYPES[condition]:
        if needed not in params:
            raise ctx.error(f"betingelsen {condition} kræver {needed}", f"{where}.{needed}")
    if "fact" in params and params["fact"] not in BOOL_FACTS:
        raise ctx.error(f"ukendt ja/nej-faktum {params['fact']!r}", f"{where}.fact")
    for programme in params.get("programmes", []) + params.get("except_programmes", []):
        if programme not in PROGRAMMES:
            raise ctx.error(f"ukendt forløbsprogram {programme!r}", f"{where}.programmes")
    for code in params.get("other_services", []):
        _service_code(ctx, code, f"{where}.other_services")
    if "course_service" in params:
        _service_code(ctx, params["course_service"], f"{where}.course_service")


def _check_extent(ctx: _FileContext, params: dict, where: str) -> None:
    if "reduced_max_per_week" in params and params.get("reduced_unless_fact") not in BOOL_FACTS:
        raise ctx.error(
            "reduced_max_per_week kræver et ja/nej-faktum i reduced_unless_fact",
            f"{where}.reduced_unless_fact",
        )
    _check_tiers(ctx, params, where)
    _check_range(ctx, params, where)


def _check_team_size(ctx: _FileContext, params: dict, where: str) -> None:
    if params["min"] > params["max"]:
        raise ctx.error("min er større end max", f"{where}.min")


def _check_delivery(ctx: _FileContext, params: dict, where: str) -> None:
    for mode in params["usual_modes"] + params.get("exception_modes", []):
        if mode not in MODES:
            raise ctx.error(
                f"ukendt træningsform {mode!r} (kendte: {', '.join(MODES)})",
                f"{where}.usual_modes",
            )


def _check_complaint(ctx: _FileContext, params: dict, where: str) -> None:
    for s_index, step in enumerate(params["steps"]):
        sub = f"{where}.steps[{s_index}]"
        _check_keys(ctx, step, STEP_KEYS, sub)
        _require(ctx, step, ("body",), sub)
        if "weeks" in step and (not isinstance(step["weeks"], int) or step["weeks"] < 1):
            raise ctx.error("weeks skal være et positivt heltal", f"{sub}.weeks")
        if step.get("counted_from", "decision_received") != "decision_received":
            raise ctx.error("counted_from kan kun være decision_received", f"{sub}.counted_from")


def _check_termination(ctx: _FileContext, params: dict, where: str) -> None:
    for r_index, reason in enumerate(params["reasons"]):
        sub = f"{where}.reasons[{r_index}]"
        _check_keys(ctx, reason, REASON_KEYS, sub)
        _require(ctx, reason, ("code", "label"), sub)


def _check_opening_hours(ctx: _FileContext, params: dict, where: str) -> None:
    for day, spans in params.items():
        if day == "any_hour_possible":
            continue
        for span in spans:
            if not isinstance(span, str) or not TIME_SPAN.match(span):
                raise ctx.error(f"tidsrum skal skrives TT:MM-TT:MM, fik {span!r}", f"{where}.{day}")


def _check_closed_days(ctx: _FileContext, params: dict, where: str) -> None:
    for day in params.get("annual", []):
        if not isinstance(day, str) or not ANNUAL_DAY.match(day):
            raise ctx.error(f"årlig lukkedag skrives MM-DD, fik {day!r}", f"{where}.annual")
    for day in params.get("dates", []):
        _date(ctx, day, f"{where}.dates")


# What each rule type's own parameters must satisfy beyond their keys and types.
_PARAM_CHECKS: dict[str, Callable[[_FileContext, dict, str], None]] = {
    "criterion": _check_criterion,
    "extent": _check_extent,
    "team_size": _check_team_size,
    "delivery": _check_delivery,
    "complaint": _check_complaint,
    "termination": _check_termination,
    "opening_hours": _check_opening_hours,
    "closed_days": _check_closed_days,
}


def _check_params(ctx: _FileContext, rule_type: str, params: dict, where: str) -> None:
    check = _PARAM_CHECKS.get(rule_type)
    if check is not None:
        check(ctx, params, where)


def _positive(ctx: _FileContext, table: dict, key: str, where: str) -> int:
    value = table[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ctx.error(f"{key} skal være et positivt heltal, fik {value!r}", where)
    return value


def _check_tiers(ctx: _FileContext, params: dict, where: str) -> None:
    """Tiers: named extents the assessor chooses between in the decision."""
    if "tiers" not in params:
        return
    tiers = params["tiers"]
    if not tiers:
        raise ctx.error("tiers skal have mindst ét trin", f"{where}.tiers")
    names: set[str] = set()
    for t_index, tier in enumerate(tiers):
        sub = f"{where}.tiers[{t_index}]"
        _check_keys(ctx, tier, TIER_KEYS, sub)
        _require(ctx, tier, ("name",), sub)
        name = tier["name"]
        if not isinstance(name, str) or not name.strip():
            raise ctx.error(f"et trin skal have et navn (tekst), fik {name!r}", f"{sub}.name")
        if name in names:
            raise ctx.error(f"trinnet {name!r} findes to gange; navne skal være entydige", sub)
        names.add(name)
        limits = [key for key in ("max_sessions", "max_weeks", "max_per_week") if key in tier]
        if not limits:
            raise ctx.error(
                f"trinnet {name!r} skal angive max_sessions, max_weeks eller max_per_week", sub
            )
        for key in limits:
            value = _positive(ctx, tier, key, sub)
            ceiling = params.get(key)
            if ceiling is not None and value > ceiling:
                raise ctx.error(
                    f"trinnet {name!r} har {key} = {value}, mere end reglens {key} = {ceiling}",
                    sub,
                )


def _check_range(ctx: _FileContext, params: dict, where: str) -> None:
    """A range: the decision states a length between `min` and `max` (in weeks or sessions)."""
    if "range" not in params:
        return
    span = params["range"]
    sub = f"{where}.range"
    _check_keys(ctx, span, RANGE_KEYS, sub)
    _require(ctx, span, ("unit", "min", "max"), sub)
    if span["unit"] not in RANGE_UNITS:
        raise ctx.error(f"range.unit skal være en af: {', '.join(RANGE_UNITS)}", sub)
    low, high = _positive(ctx, span, "min", sub), _positive(ctx, span, "max", sub)
    if low > high:
        raise ctx.error(f"range.min ({low}) er større end range.max ({high})", sub)
    ceiling = params.get("max_weeks" if span["unit"] == "weeks" else "max_sessions")
    if ceiling is not None and high > ceiling:
        raise ctx.error(f"range.max ({high}) er større end reglens loft ({ceiling})", sub)


def _check_periods(ctx: _FileContext, versions: list[Version]) -> None:
    ordered = sorted(versions, key=lambda v: v.effective_from)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise ctx.error(
                f"versionerne {earlier.id} og {later.id} overlapper: den tidligste skal have "
                f"effective_to før {later.effective_from.isoformat()}",
                "version.effective_to",
            )
