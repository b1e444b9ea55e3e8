"""Run a task worker: long jobs (planning, letters) run here, never inside a web request, and
beside them the periodic jobs (`rehabplan.messaging.periodic`): reminders, the outbox, alerts."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from rehabplan.messaging.periodic import Beat


class Command(BaseCommand):
    help = "Kør en task-worker til baggrundsjob (django-tasks, databasebackend) og de faste job."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Stop når køen er tom.")
        parser.add_argument(
            "--uden-faste-job",
            action="store_true",
            dest="no_periodic",
            help="Kør ikke de faste job (påmindelser, udbakke, fristvarsler) i denne worker.",
        )

    def handle(self, *args, **options) -> None:
        arguments = ["--interval", str(options["interval"])]
        if options["batch"]:
            arguments.append("--batch")
        beat = None
        if not options["batch"] and not options["no_periodic"]:
            beat = Beat()
            beat.start()
        try:
            call_command("db_worker", *arguments)
        finally:
            if beat is not None:
                beat.stop()
                beat.join(timeout=10)
