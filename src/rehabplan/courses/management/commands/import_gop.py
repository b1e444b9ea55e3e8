"""`rehabplan import-gop FILE...`: import GOP files (MedCom OIOXML) from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from rehabplan.accounts.models import User
from rehabplan.courses.services.gop_import import gop_import_file
from rehabplan.gop import GopRejected
from rehabplan.organisation.models import Municipality

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_BAD_INPUT = 2
SYSTEM_USER_PREFIX = "system-gop-"

HELP = """\
Indlæs genoptræningsplaner (MedCom OIOXML, et Emessage med en RehabilitationPlan).

Hver fil indlæses for sig og får sin egen linje: indlæst, allerede indlæst, erstatter en
tidligere plan, eller afvist med hver fejl og det element, den gælder. En fil over 2 MB afvises
ud fra sin størrelse uden at blive læst.

Indlæsningen sker som en bruger, og det står i loggen over adgang:
  --user BRUGERNAVN   en medarbejder med ret til at registrere henvisninger (kommunen er
                      brugerens egen);
  --municipality KORT-NAVN uden --user
                      kommunens systembruger "system-gop-<kort-navn>", som oprettes første
                      gang; den kan ikke logge ind og bruges kun til automatisk indlæsning.
Planen skal være sendt til den kommune, der indlæses til.

Afslutningskode: 0 når alle filer er indlæst eller allerede var indlæst; 1 når mindst én
fil blev afvist; 2 ved forkerte argumenter eller en fil, der ikke kan læses.
"""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FIL", help="GOP-filer (XML)")
        parser.add_argument(
            "--municipality", metavar="KORT-NAVN", help="kommunens korte navn, fx fredericia"
        )
        parser.add_argument("--user", metavar="BRUGERNAVN", help="indlæs som denne medarbejder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = _acting_user(options.get("user"), options.get("municipality"))
        except _BadInput as error:
            self.stderr.write(f"Fejl: {error}")
            sys.exit(EXIT_BAD_INPUT)
        code = EXIT_OK
        for name in options["files"]:
            code = max(code, self._import_one(user, Path(name)))
        if code != EXIT_OK:
            sys.exit(code)

    def _import_one(self, user: User, path: Path) -> int:
        try:
            # The size comes from the file system: a file over the limit is refused unread.
            size = path.stat().st_size
            with path.open("rb") as stream:
                result = gop_import_file(user=user, stream=stream, size=size, file_name=path.name)
        except OSError as error:
            self.stderr.write(f"{path}: kan ikke læses ({error.strerror or error}).")
            return EXIT_BAD_INPUT
        except GopRejected as rejected:
            self.stdout.write(f"{path}: afvist ({len(rejected.problems)} fejl)")
            for problem in rejected.problems:
                self.stdout.write(f"  - {problem.element}: {problem.message}")
            return EXIT_REJECTED
        except (PermissionDenied, ValidationError) as error:
            self.stdout.write(f"{path}: afvist: {_text(error)}")
            return EXIT_REJECTED
        # The message names the outcome: imported, already imported or replacing a plan.
        self.stdout.write(f"{path}: {result.message} (henvisning {result.referral.pk})")
        for warning in result.warnings:
            self.stdout.write(f"  Advarsel: {warning}")
        return EXIT_OK


class _BadInput(Exception):
    pass


def _text(error: Exception) -> str:
    messages = getattr(error, "messages", None)
    return " ".join(messages) if messages else str(error)


def _acting_user(username: str | None, slug: str | None) -> User:
    municipality = None
    if slug:
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            known = ", ".join(Municipality.objects.values_list("slug", flat=True)) or "ingen"
            raise _BadInput(f"Ukendt kommune '{slug}' (kendte: {known}).")
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise _BadInput(f"Ukendt eller deaktiveret bruger '{username}'.")
        if user.municipality is None:
            raise _BadInput(f"Brugeren '{username}' er ikke knyttet til en kommune.")
        if municipality is not None and user.municipality_id != municipality.pk:
            raise _BadInput(f"Brugeren '{username}' arbejder ikke i {municipality.name}.")
        if not user.has_perm("courses.register_referral"):
            raise _BadInput(f"Brugeren '{username}' må ikke registrere henvisninger.")
        return user
    if municipality is None:
        raise _BadInput("Angiv --user BRUGERNAVN eller --municipality KORT-NAVN.")
    return system_user_for(municipality)


def system_user_for(municipality: Municipality) -> User:
    """The municipality's own user for automatic imports; it cannot log in."""
    user, _created = User.objects.get_or_create(
        username=f"{SYSTEM_USER_PREFIX}{municipality.slug}"[:150],
        defaults={
            "municipality": municipality,
            "first_name": "Automatisk indlæsning",
            "last_name": municipality.name,
            "is_active": False,
            "password": make_password(None),
        },
    )
    if user.municipality_id != municipality.pk:
        raise _BadInput(f"Systembrugeren {user.username} hører til en anden kommune.")
    return user
