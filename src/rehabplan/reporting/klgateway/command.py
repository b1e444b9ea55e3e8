"""`rehabplan report kl-gateway --period 2026-11 [--kommune SLUG] [--bruger BRUGERNAVN]`.

Exit codes: 0 delivered, 1 refused by the check (nothing recorded), 2 bad input, 3 no citizen
with §140 activity in the period."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from django.core.exceptions import ValidationError

from rehabplan.accounts.models import User
from rehabplan.organisation.models import Municipality
from rehabplan.reporting.klgateway.presentation import problem_lines
from rehabplan.reporting.klgateway.services import (
    PERMISSION,
    DeliveryRefused,
    NothingToDeliver,
    delivery_build,
    parse_period,
)

HELP = "byg månedens §140-indberetning til KL Gateway (FHIR)"
EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT, EXIT_NOTHING = 0, 1, 2, 3


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, help="måneden, fx 2026-11")
    parser.add_argument(
        "--kommune", default="", help="kommunens korte navn (kan udelades med én kommune)"
    )
    parser.add_argument(
        "--bruger", default="", help="brugernavnet på den leder, indberetningen laves for"
    )


def _municipality(slug: str) -> Municipality:
    if slug:
        found = Municipality.objects.filter(slug=slug).first()
        if found is None:
            raise ValidationError(f"Kommunen '{slug}' findes ikke.")
        return found
    municipalities = list(Municipality.objects.all()[:2])
    if len(municipalities) != 1:
        raise ValidationError("Angiv kommunen med --kommune, når der er flere end én.")
    return municipalities[0]


def _user(username: str, municipality: Municipality) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, municipality=municipality).first()
    if user is None:
        raise ValidationError(f"Brugeren '{username}' findes ikke i {municipality.name}.")
    if not user.has_perm(PERMISSION):
        raise ValidationError(f"Brugeren '{username}' må ikke indberette til KL Gateway.")
    return user


def run(options: dict[str, Any], stdout: TextIO) -> int:
    try:
        period = parse_period(options["period"])
        municipality = _municipality(options.get("kommune") or "")
        user = _user(options.get("bruger") or "", municipality)
    except ValidationError as error:
        for message in error.messages:
            stdout.write(f"Fejl: {message}\n")
        return EXIT_BAD_INPUT
    try:
        delivery = delivery_build(
            municipality=municipality, period=period, user=user, operator="report kl-gateway"
        )
    except NothingToDeliver:
        stdout.write(
            f"Ingen borgere med genoptræning efter sundhedsloven § 140 i {period.label}; "
            "intet er indberettet.\n"
        )
        return EXIT_NOTHING
    except DeliveryRefused as refused:
        stdout.write(
            f"Indberetningen for {period.label} er ikke lavet: {len(refused.failures)} "
            "borgere har oplysninger, der ikke opfylder KL Gateways profiler.\n"
        )
        for line in problem_lines(refused.failures):
            stdout.write(f"  {line}\n")
        return EXIT_REFUSED
    kind = "Rettelse" if delivery.is_correction else "Indberetning"
    stdout.write(
        f"{kind} for {period.label} lavet: {delivery.citizens_count} borgere, "
        f"fil {delivery.file_path}, SHA-256 {delivery.sha256}\n"
    )
    return EXIT_OK
