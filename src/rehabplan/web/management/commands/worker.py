"""Run a task worker: long jobs (planning, letters) run here, never inside a web request."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Kør en task-worker til baggrundsjob (django-tasks, databasebackend)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Stop når køen er tom.")

    def handle(self, *args, **options) -> None:
        arguments = ["--interval", str(options["interval"])]
        if options["batch"]:
            arguments.append("--batch")
        call_command("db_worker", *arguments)
