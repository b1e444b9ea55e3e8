"""The `rehabplan` command: one dispatcher for every subcommand.

`rules` runs on the pure rules core and must never import Django; every other
subcommand is a Django management command of the same name.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

# The research export's key (rehabplan.reporting.research.key); the name is repeated here so the
# dispatcher stays free of Django imports.
RESEARCH_KEY_VARIABLE = "REHABPLAN_RESEARCH_KEY"
RESEARCH_KEY_FILE = "research_key"

USAGE = """\
brug: rehabplan <kommando> [argumenter]

  demo            kør produktet med demodata (web-server og task-worker)
  seed-demo       opret demokommunen alene
  seed-scale [--citizens N] [--sessions N] [--seed N] [--today DATO]
                  demokommunen med en stor kommunes historik til målinger (tom database)
  serve           kør web-serveren (produktion: brug en WSGI-server)
  worker          kør en task-worker til baggrundsjob og de faste job (SMS, udbakke)
  periodic --once kør de faste job én gang (fx fra cron)
  municipality add --standard FIL
                  opret eller opdatér en kommune ud fra dens kvalitetsstandard
  municipality list
                  vis kommunerne og de standarder, de følger
  rules ...       kvalitetsstandarder: frister, visitation, omfang, kontrol
  plan ...        planlæg en uges nye forløb
  import-gop ...  indlæs genoptræningsplaner (MedCom OIOXML)
  report kl-gateway --period ÅÅÅÅ-MM
                  byg månedens §140-indberetning til KL Gateway (FHIR)
  report research --bruger NAVN --from DATO --to DATO [--format csv|parquet] [--out FIL]
                  forskningsudtræk (pseudonymiseret, kun borgere med samtykke)
  report dagstal [--kommune NAVN] [--forfra]
                  optæl nøgletallenes tal pr. dag (efter opgradering eller stor indlæsning)
  manage ...      enhver Django-kommando (migrate, createsuperuser, ...)
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command == "rules":
        from rehabplan.rules.cli import main as rules_main

        return rules_main(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rehabplan.settings")
    if command in {"demo", "seed-demo"}:
        _prepare_demo_environment()
    else:
        _use_demo_key_if_present()
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading it loads the settings and checks them
    except ImproperlyConfigured as error:
        # An operator's mistake, not a program error: one line, no traceback.
        print(f"rehabplan: opsætningen mangler eller er forkert: {error}", file=sys.stderr)
        return 2

    if command == "manage":
        execute_from_command_line(["rehabplan", *rest])
    else:
        # Django names commands with underscores; the CLI spells them with hyphens.
        execute_from_command_line(["rehabplan", command.replace("-", "_"), *rest])
    return 0


def _use_demo_key_if_present() -> None:
    """Local commands run in the demo's folder (import-gop, plan, manage) use the key the demo
    generated, so they reach the same database without a SECRET_KEY of their own."""
    key_file = Path.cwd() / "var" / "secret_key"
    if "SECRET_KEY" not in os.environ and key_file.is_file():
        os.environ["SECRET_KEY"] = key_file.read_text().strip()
    research_key_file = Path.cwd() / "var" / RESEARCH_KEY_FILE
    if RESEARCH_KEY_VARIABLE not in os.environ and research_key_file.is_file():
        os.environ[RESEARCH_KEY_VARIABLE] = research_key_file.read_text().strip()


def _prepare_demo_environment() -> None:
    """The demo keeps its database and a generated secret key under ./var/."""
    var_dir = Path.cwd() / "var"
    var_dir.mkdir(exist_ok=True)
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    os.environ.setdefault("SECRET_KEY", key_file.read_text().strip())
    # The research export's pseudonymisation key, made once like the secret key and kept only
    # in var/ (never committed), so the leader's "Forskning" page works in the demo.
    research_key_file = var_dir / RESEARCH_KEY_FILE
    if not research_key_file.exists():
        research_key_file.write_text(secrets.token_urlsafe(48))
        research_key_file.chmod(0o600)
    os.environ.setdefault(RESEARCH_KEY_VARIABLE, research_key_file.read_text().strip())
    # The demo serves plain HTTP on this machine: no redirect to HTTPS, no HSTS, no secure cookies.
    os.environ.setdefault("SECURE_COOKIES", "0")


if __name__ == "__main__":
    sys.exit(main())
