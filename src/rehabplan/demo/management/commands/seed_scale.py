"""`rehabplan seed-scale`: the demo municipality with a large unit's three years of history."""

from __future__ import annotations

import datetime
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from rehabplan.demo.scale.run import database_is_empty, seed_scale
from rehabplan.demo.scale.sizes import FULL_ATTENDANCES, FULL_CITIZENS


class Command(BaseCommand):
    help = (
        "Opret demokommunen med en stor kommunes historik (borgere, henvisninger, aftaler, "
        "fremmøde, log) til målinger. Kræver en tom database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--citizens",
            type=int,
            default=FULL_CITIZENS,
            help=f"Antal borgere (standard {FULL_CITIZENS}); henvisninger følger med.",
        )
        parser.add_argument(
            "--sessions",
            type=int,
            default=FULL_ATTENDANCES,
            help=(
                f"Antal borgerpladser i aftaler, dvs. fremmøderækker (standard "
                f"{FULL_ATTENDANCES}); aftaler, notater og log følger med."
            ),
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Tilfældighedsfrø (standard 2026)."
        )
        parser.add_argument(
            "--today",
            help="Dagen data lægges ud fra (dd-mm-åååå eller ÅÅÅÅ-MM-DD); standard i dag.",
        )

    def handle(self, *args, **options) -> None:
        citizens, sessions = options["citizens"], options["sessions"]
        if citizens < 1 or sessions < 1:
            raise CommandError("--citizens og --sessions skal være mindst 1.")
        today = parse_day(options["today"]) if options["today"] else None
        call_command("migrate", interactive=False, verbosity=0)
        if not database_is_empty():
            raise CommandError(
                "Databasen indeholder allerede data. seed-scale fylder kun en tom database: "
                "opret en ny database (fx createdb) og kør kommandoen mod den."
            )
        started = time.monotonic()
        summary = seed_scale(
            citizens=citizens,
            attendances=sessions,
            seed=options["seed"],
            today=today,
            progress=self._progress,
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            f"{summary.municipality.name}: historik fra {summary.period.first:%d-%m-%Y} "
            f"til {summary.period.today:%d-%m-%Y} skrevet på {seconds:.0f} sekunder."
        )
        for table, count in summary.rows.items():
            self.stdout.write(f"  {table:<22} {count:>10,}".replace(",", "."))

    def _progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()


def parse_day(text: str) -> datetime.date:
    """A day written 23-11-2026 or 2026-11-23."""
    for layout in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise CommandError("--today skal være en dato som 23-11-2026.")
