"""`rehabplan municipality add --standard FILE` and `rehabplan municipality list`."""

from __future__ import annotations

import getpass
import sys
from argparse import RawDescriptionHelpFormatter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from rehabplan.organisation.standards.selectors import installation_overview
from rehabplan.organisation.standards.services import (
    StandardRefused,
    decode_standard,
    standard_upload,
)
from rehabplan.rules import RulesError

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2

HELP = """\
Kommunerne, installationen betjener, og de kvalitetsstandarder, de følger.

  add --standard FIL   indlæs kommunens kvalitetsstandard (TOML, se docs/standards.md). Filen
                       kontrolleres med alle de kontroller, der køres ved opstart, mod de
                       standarder installationen har; den gemmes som en ny version i historikken,
                       og kommunen oprettes eller opdateres ud fra filens [municipality]-tabel
                       (kort navn, kommunekode, navn). Bagefter vises, hvad kommunen nu tilbyder.
  list                 vis kommunerne og hvilken standard hver følger.

Afslutningskode: 0 når filen er indlæst (eller var det i forvejen); 1 når filen er afvist (intet
er gemt); 2 når filen ikke kan læses.
"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{add,list}", required=True)
        add = actions.add_parser("add", help="indlæs en kommunes kvalitetsstandard")
        add.add_argument(
            "--standard", required=True, metavar="FIL", help="kvalitetsstandarden (TOML)"
        )
        actions.add_parser("list", help="vis kommunerne og deres standarder")

    def handle(self, *args: Any, **options: Any) -> None:
        add = options["action"] == "add"
        code = self._add(Path(options["standard"])) if add else self._list()
        if code != EXIT_OK:
            sys.exit(code)

    def _add(self, path: Path) -> int:
        try:
            data = path.read_bytes()
        except OSError as error:
            self.stderr.write(f"{path}: kan ikke læses ({error.strerror or error}).")
            return EXIT_BAD_INPUT
        try:
            result = standard_upload(
                text=decode_standard(data, path.name),
                file_name=path.name,
                operator=_operator(),
            )
        except StandardRefused as refused:
            self.stderr.write(f"Afvist, intet er gemt: {refused}")
            return EXIT_REFUSED
        municipality = result.municipality
        if result.created_municipality:
            self.stdout.write(
                f"{municipality.name} er oprettet (kort navn {municipality.slug}, "
                f"kommunekode {municipality.code})."
            )
        elif result.changed:
            self.stdout.write(f"Ny version af kvalitetsstandarden for {municipality.name} gemt.")
        else:
            self.stdout.write(
                f"Kvalitetsstandarden for {municipality.name} er uændret; intet er gemt."
            )
        for line in result.summary.lines():
            self.stdout.write(line)
        return EXIT_OK

    def _list(self) -> int:
        try:
            overview = installation_overview()
        except RulesError as error:
            # An uploaded file that no longer passes against a newer shipped baseline.
            self.stderr.write(f"Installationens kvalitetsstandarder kan ikke læses: {error}")
            return EXIT_REFUSED
        if not overview.served:
            self.stdout.write("Installationen betjener endnu ingen kommuner.")
        for served in overview.served:
            municipality = served.municipality
            self.stdout.write(
                f"{municipality.name} (kort navn {municipality.slug}, "
                f"kommunekode {municipality.code})"
            )
            upload = served.newest_upload
            if upload is not None:
                when = timezone.localtime(upload.uploaded_at)
                self.stdout.write(
                    f"  standard: {upload.file_name}, indlæst {when:%d.%m.%Y %H:%M} af "
                    f"{upload.uploaded_by_name} ({served.uploads} i historikken)"
                )
            elif served.standard_file:
                self.stdout.write(f"  standard: {served.standard_file} (leveret med programmet)")
            else:
                self.stdout.write(
                    "  standard: ingen! Indlæs kommunens fil med "
                    "`rehabplan municipality add --standard FIL`."
                )
        if overview.shipped_only:
            self.stdout.write("Leveret med programmet, men ikke oprettet som kommune:")
            for slug, code, name in overview.shipped_only:
                self.stdout.write(f"  {name} (kort navn {slug}, kommunekode {code})")
        return EXIT_OK


def _operator() -> str:
    """Who ran the command, for the history and the audit log."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        account = "ukendt"
    return f"kommandolinje ({account})"
