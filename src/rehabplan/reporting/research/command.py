"""`rehabplan report research`: the research export from the command line, for the same user
permission and with the same audit entry as the leader's page."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.exceptions import PermissionDenied, ValidationError

from rehabplan.accounts.models import User
from rehabplan.reporting.models import ResearchExportFormat
from rehabplan.reporting.research.key import KEY_VARIABLE, ResearchKeyError
from rehabplan.reporting.research.services import research_export

HELP = "forskningsudtræk (pseudonymiseret, kun borgere med samtykke)"


def _danish_date(text: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text.strip(), "%d-%m-%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"skriv datoen som dd-mm-åååå, fx 01-01-2026 (fik {text!r})"
        ) from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Forløb startet i perioden for borgere med gyldigt samtykke til forskning, "
        f"pseudonymiseret med nøglen i {KEY_VARIABLE}."
    )
    parser.add_argument("--bruger", required=True, help="brugernavn på den, der laver udtrækket")
    parser.add_argument(
        "--from",
        dest="first_day",
        required=True,
        type=_danish_date,
        metavar="DD-MM-ÅÅÅÅ",
        help="første dag (dd-mm-åååå)",
    )
    parser.add_argument(
        "--to",
        dest="last_day",
        required=True,
        type=_danish_date,
        metavar="DD-MM-ÅÅÅÅ",
        help="sidste dag (dd-mm-åååå)",
    )
    parser.add_argument(
        "--format",
        dest="file_format",
        choices=ResearchExportFormat.values,
        default=ResearchExportFormat.CSV,
        help="filformat (standard: csv)",
    )
    parser.add_argument("--out", default="", help="filens sti (standard: et navn i mappen her)")


def _fail(message: str) -> int:
    print(f"rehabplan report research: {message}", file=sys.stderr)
    return 2


def run(options: dict[str, Any], stdout: TextIO) -> int:
    user = User.objects.filter(username=options["bruger"], is_active=True).first()
    if user is None:
        return _fail(f"brugeren {options['bruger']!r} findes ikke.")
    try:
        result = research_export(
            user=user,
            first_day=options["first_day"],
            last_day=options["last_day"],
            file_format=options["file_format"],
        )
    except ResearchKeyError as error:
        return _fail(str(error))
    except PermissionDenied as error:
        return _fail(str(error) or "ingen adgang til forskningsudtræk.")
    except ValidationError as error:
        return _fail(" ".join(error.messages))
    target = Path(options["out"] or result.name)
    target.write_bytes(result.content)
    stdout.write(
        f"{result.record.row_count} forløb skrevet til {target} (SHA-256 {result.record.sha256}).\n"
    )
    return 0
