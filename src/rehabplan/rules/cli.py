"""`rehabplan rules ...`: the rules core on the command line (JSON on stdout).

Exit codes: 0 success, 1 a checked plan breaks the standard, 2 bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from rehabplan.rules.deadlines import deadlines
from rehabplan.rules.diff import StandardDiff, diff_dates, diff_municipalities, diff_resolved
from rehabplan.rules.eligibility import eligibility
from rehabplan.rules.errors import RulesError, StandardError
from rehabplan.rules.extent import extent
from rehabplan.rules.loader import load_file
from rehabplan.rules.plancheck import plan_check
from rehabplan.rules.registry import StandardsRegistry, default_registry, load_standards
from rehabplan.rules.show import assumptions, describe, diff_versions, render_text

ARGPARSE_DANISH = (
    ("the following arguments are required", "disse argumenter mangler"),
    ("unrecognized arguments", "ukendte argumenter"),
    ("invalid choice", "ugyldigt valg"),
    ("expected one argument", "forventer én værdi"),
    ("argument ", "argument "),
    ("choose from", "vælg blandt"),
)


class UsageError(Exception):
    pass


class DanishParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for english, danish in ARGPARSE_DANISH:
            message = message.replace(english, danish)
        raise UsageError(f"{self.prog}: {message}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldig dato {text!r} (brug ÅÅÅÅ-MM-DD)") from None


def _read_json(path: str, what: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")
    except OSError as error:
        raise RulesError(f"kan ikke læse {what}-filen {path}: {error.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RulesError(
            f"{what}-filen {path} er ikke gyldig JSON (linje {error.lineno}: {error.msg})"
        ) from None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def build_parser() -> DanishParser:
    parser = DanishParser(prog="rehabplan rules", description="Kvalitetsstandarder som data.")
    parser.add_argument("--standards", help="mappe med standardfiler (standard: de leverede)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=DanishParser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--municipality", required=True, help="kommunens slug, fx varde")
        p.add_argument("--service", required=True, help="indsatskode fra standarden, fx SEL86-2")

    p = sub.add_parser("deadlines", help="frister for en henvisning eller ansøgning")
    common(p)
    for name in ("discharge", "received", "granted", "decided", "gop-start", "on"):
        p.add_argument(f"--{name}", type=_date)

    for name, needs_facts in (("eligibility", True), ("extent", False)):
        p = sub.add_parser(name)
        common(p)
        p.add_argument("--on", type=_date, required=True)
        p.add_argument("--facts", required=needs_facts, help="JSON-fil med fakta ('-' = stdin)")
        if name == "extent":
            p.add_argument("--tier", help="trinnet, der er valgt i afgørelsen (standardens navn)")

    p = sub.add_parser("check", help="kontrollér en foreslået plan")
    common(p)
    p.add_argument("--plan", required=True, help="JSON-fil med planen ('-' = stdin)")
    p.add_argument("--facts", help="JSON-fil med fakta")
    p.add_argument("--on", type=_date, help="dato for standardversionen (standard: planens start)")

    p = sub.add_parser("show", help="vis en standard med kilder og antagelser")
    p.add_argument("--municipality", help="kommunens slug (uden: alle kommuner)")
    p.add_argument("--json", action="store_true")

    sub.add_parser("validate", help="kontrollér alle standardfiler")

    p = sub.add_parser(
        "diff",
        help="forskelle i virkning mellem to datoer, en ny standardfil eller to kommuner",
    )
    p.add_argument("--municipality", required=True)
    p.add_argument("--from", dest="from_date", type=_date, help="dato for den gamle version")
    p.add_argument("--to", dest="to", help="en ny standardfil eller en dato")
    p.add_argument("--other", help="en anden kommunes slug at sammenligne med (med --on)")
    p.add_argument("--on", type=_date, help="datoen, to kommuner sammenlignes på")
    p.add_argument("--service", help="kun denne indsats, fx SEL86-2")
    p.add_argument("--text", action="store_true", help="forskellene som dansk tekst")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except UsageError as error:
        print(f"fejl: {error}", file=sys.stderr)
        return 2
    except RulesError as error:
        print(f"fejl: {error}", file=sys.stderr)
        return 2
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    except BrokenPipeError:  # the reader (e.g. `head`) stopped early: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # a bug: still no traceback for the user
        print(f"uventet fejl i regelmotoren: {error!r}", file=sys.stderr)
        return 3


def _registry(args: argparse.Namespace) -> StandardsRegistry:
    return load_standards(args.standards) if args.standards else default_registry()


def _run(args: argparse.Namespace) -> int:
    registry = _registry(args)
    command = _COMMANDS.get(args.command)
    if command is None:
        raise UsageError(f"ukendt kommando {args.command}")
    return command(registry, args)


def _deadlines(registry: StandardsRegistry, args: argparse.Namespace) -> int:
    result = deadlines(
        registry,
        args.municipality,
        args.service,
        discharge=args.discharge,
        received=args.received,
        granted=args.granted,
        decided=args.decided,
        gop_start=args.gop_start,
        on=args.on,
    )
    data = result.to_dict()
    _print_json({"standard_version": data["standard_version"], "deadlines": data["deadlines"]})
    return 0


def _eligibility(registry: StandardsRegistry, args: argparse.Namespace) -> int:
    facts = _read_json(args.facts, "fakta")
    result = eligibility(registry, args.municipality, args.service, on=args.on, facts=facts)
    _print_json(result.to_dict())
    return 0


def _extent(registry: StandardsRegistry, args: argparse.Namespace) -> int:
    facts = _read_json(args.facts, "fakta") if args.facts else None
    _print_json(
        extent(
            registry, args.municipality, args.service, on=args.on, facts=facts, tier=args.tier
        ).to_dict()
    )
    return 0


def _check(registry: StandardsRegistry, args: argparse.Namespace) -> int:
    plan = _read_json(args.plan, "plan")
    facts = _read_json(args.facts, "fakta") if args.facts else None
    on = args.on if args.on is not None else _plan_start(plan)
    result = plan_check(registry, args.municipality, args.service, on=on, facts=facts, plan=plan)
    _print_json(result.to_dict())
    return 0 if result.ok else 1


def _plan_start(plan: Any) -> dt.date:
    """The day a plan is checked on when none is given: its own start."""
    if not isinstance(plan, dict) or "start" not in plan:
        raise RulesError("planen mangler start")
    try:
        return dt.date.fromisoformat(str(plan["start"]))
    except ValueError:
        raise RulesError(f"plan: start skal være en dato, fik {plan['start']!r}") from None


def _validate(registry: StandardsRegistry, args: argparse.Namespace) -> int:
    slugs = registry.municipalities()
    print(
        f"OK: {len(slugs)} standarder er gyldige: "
        + ", ".join(f"{slug} ({code})" for slug, code, _ in slugs)
    )
    return 0


def _show(registry: StandardsRegistry, args: argparse.Namespace) -> int:
    slugs = (
        [args.municipality] if args.municipality else [s for s, _, _ in registry.municipalities()]
    )
    if args.json:
        data = [describe(registry, slug) for slug in slugs]
        _print_json(data[0] if args.municipality else data)
        return 0
    print("\n\n".join(render_text(registry, slug) for slug in slugs))
    if not args.municipality:
        total = sum(len(assumptions(registry.municipality(s))) for s in slugs)
        print(f"\nI alt {total} antagelser.")
    return 0


def _diff(registry: StandardsRegistry, args: argparse.Namespace) -> int:
    if args.other is not None:
        if args.on is None or args.from_date is not None or args.to is not None:
            raise UsageError("--other kræver --on og kan ikke bruges med --from/--to")
        result = diff_municipalities(
            registry, args.municipality, args.other, args.on, service=args.service
        )
        _print_diff(result.to_dict(), result, args.text)
        return 0
    if args.from_date is None or args.to is None:
        raise UsageError("diff kræver --from og --to, eller --other og --on")
    municipality = registry.municipality(args.municipality)
    old = municipality.version_on(args.from_date)
    if old is None:
        raise RulesError(f"{municipality.name} har ingen version i kraft den {args.from_date}")
    try:
        to_date = dt.date.fromisoformat(args.to)
    except ValueError:
        to_date = None
    if to_date is not None:
        new = municipality.version_on(to_date)
        if new is None:
            raise RulesError(f"{municipality.name} har ingen version i kraft den {to_date}")
        effect = diff_dates(
            registry, municipality.slug, args.from_date, to_date, service=args.service
        )
    else:
        path = Path(args.to)
        if not path.is_file():
            raise RulesError(f"filen {args.to} findes ikke")
        candidate = load_file(path)
        if candidate.slug != municipality.slug:
            raise StandardError(
                f"filen gælder {candidate.slug!r}, ikke {municipality.slug!r}",
                file=path.name,
                key="municipality.slug",
            )
        new = max(candidate.versions, key=lambda v: v.effective_from)
        # The draft takes effect from its newest version; compared on that day, or on the old
        # date when the draft starts earlier (an edit of the version in force).
        on = max(args.from_date, new.effective_from)
        draft = registry.with_municipality(candidate)
        effect = diff_resolved(
            registry.resolve(municipality.slug, args.from_date),
            draft.resolve(municipality.slug, on),
            left_on=args.from_date,
            right_on=on,
            left_label=f"{municipality.name} pr. {args.from_date.isoformat()}",
            right_label=f"udkastet {path.name} pr. {on.isoformat()}",
            service=args.service,
        )
    data = diff_versions(old, new)
    data.update(
        {key: value for key, value in effect.to_dict().items() if key in ("same", "differences")}
    )
    _print_diff(data, effect, args.text)
    return 0


def _print_diff(data: dict[str, Any], result: StandardDiff, as_text: bool) -> None:
    if as_text:
        print(result.render_text())
    else:
        _print_json(data)


_COMMANDS: dict[str, Callable[[StandardsRegistry, argparse.Namespace], int]] = {
    "deadlines": _deadlines,
    "eligibility": _eligibility,
    "extent": _extent,
    "check": _check,
    "show": _show,
    "validate": _validate,
    "diff": _diff,
}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
