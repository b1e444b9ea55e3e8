"""`rehabplan manage packages_check`: check the national training packages shipped with the
product (each file, and the set as a whole); exit status 2 when something is wrong."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rehabplan.exercises.package_checks import check_shipped_packages
from rehabplan.exercises.packages import PACKAGES_FOLDER


class Command(BaseCommand):
    help = "Kontrollér de nationale træningspakker: hver fil og samlingen som helhed."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--mappe", default=str(PACKAGES_FOLDER), help="Mappen med pakkefilerne."
        )

    def handle(self, *args, **options) -> None:
        count, problems = check_shipped_packages(Path(options["mappe"]))
        if problems:
            raise CommandError(
                "Træningspakkerne er ikke i orden:\n" + "\n".join(problems), returncode=2
            )
        self.stdout.write(f"{count} pakker er i orden.")
