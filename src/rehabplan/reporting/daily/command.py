"""`rehabplan report dagstal [--kommune SLUG] [--forfra]`: count the daily figures the key
figures are read from now, rather than on the leader's next visit: after an upgrade, a bulk
import, or to check them (`--forfra` counts every day again).

Exit codes: 0 counted, 2 bad input."""

from __future__ import annotations

import argparse
import time
from typing import Any, TextIO

from rehabplan.organisation.models import Municipality
from rehabplan.reporting.daily.refresh import bring_up_to_date, rebuild

HELP = "optæl nøgletallenes tal pr. dag (efter en opgradering eller en stor indlæsning)"
EXIT_OK, EXIT_BAD_INPUT = 0, 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kommune", default="", help="kun denne kommune (kort navn); ellers alle")
    parser.add_argument(
        "--forfra", action="store_true", help="optæl alle dage igen, ikke kun de ændrede"
    )


def run(options: dict[str, Any], stdout: TextIO) -> int:
    municipalities = Municipality.objects.order_by("name")
    slug = options.get("kommune") or ""
    if slug:
        municipalities = municipalities.filter(slug=slug)
        if not municipalities.exists():
            stdout.write(f"Fejl: Kommunen '{slug}' findes ikke.\n")
            return EXIT_BAD_INPUT
    for municipality in municipalities:
        started = time.monotonic()
        if options.get("forfra"):
            rebuild(municipality.pk)
            what = "alle dage optalt"
        else:
            noted = bring_up_to_date(municipality.pk)
            what = f"{noted} ændrede dage optalt" if noted else "intet at optælle"
        stdout.write(f"{municipality.name}: {what} ({time.monotonic() - started:.1f} s).\n")
    return EXIT_OK
