"""`rehabplan periodic --once`: run every periodic job once (for cron, or to see them work)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from rehabplan.messaging.periodic import PERIODIC_JOBS, run_job


class Command(BaseCommand):
    help = "Kør de faste job (påmindelser, udbakke, fristvarsler) én gang."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--once", action="store_true", required=True, help="Kør hvert job én gang."
        )
        parser.add_argument("--job", choices=sorted(PERIODIC_JOBS), help="Kun dette job.")

    def handle(self, *args, **options) -> None:
        names = [options["job"]] if options["job"] else list(PERIODIC_JOBS)
        failed = [name for name in names if not run_job(name)]
        for name in names:
            self.stdout.write(f"{name}: {'fejlede (se loggen)' if name in failed else 'kørt'}")
        if failed:
            raise CommandError("Et eller flere faste job fejlede.")
