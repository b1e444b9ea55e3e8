from __future__ import annotations

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from rehabplan.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Opret demokommunen med steder, hold, terapeuter, brugere og 80 borgere."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--seed", type=int, default=2026, help="Tilfældighedsfrø (standard 2026)."
        )
        parser.add_argument(
            "--today", help="Dagen data lægges ud fra (ÅÅÅÅ-MM-DD); standard i dag."
        )

    def handle(self, *args, **options) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today skal være en dato som 2026-11-23.") from None
        # A fresh database gets its tables first, as `demo` does.
        call_command("migrate", interactive=False, verbosity=0)
        summary = seed_demo(seed=options["seed"], today=today)
        if summary.created:
            self.stdout.write(
                f"{summary.municipality.name} oprettet med {summary.citizens} borgere."
            )
        else:
            self.stdout.write(f"{summary.municipality.name} findes allerede; intet ændret.")
        self.stdout.write("Brugere (brugernavn / adgangskode):")
        for login in summary.logins:
            self.stdout.write(f"  {login.username:<14} {login.password}   ({login.role})")
