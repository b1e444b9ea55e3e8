"""The whole product in one command: database, front-end files, demo data, worker, web server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from rehabplan.demo.api_access import SYSTEM_USERNAME, demo_api_token
from rehabplan.demo.seed import seed_demo
from rehabplan.demo.selfservice import login_instructions, selfservice_demo_citizen


class Command(BaseCommand):
    help = "Kør Rehabplan med demodata: web-server og task-worker i ét."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="Forbered alt, men start ikke serveren."
        )

    def handle(self, *args, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("assets", if_missing=True)
        summary = seed_demo()
        self.stdout.write("")
        self.stdout.write(f"{summary.municipality.name}: {summary.citizens} borgere.")
        self.stdout.write("Log ind med (brugernavn / adgangskode):")
        for login in summary.logins:
            self.stdout.write(f"  {login.username:<14} {login.password}")
        self.stdout.write("")
        citizen_demo = selfservice_demo_citizen(summary.municipality)
        base_url = f"http://{options['host']}:{options['port']}"
        for line in login_instructions(citizen_demo, base_url):
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(
            f"REST-API: {base_url}/api/v1/docs. Ny API-nøgle til systembrugeren "
            f"{SYSTEM_USERNAME} (visitator og terapeut; de tidligere er tilbagekaldt):"
        )
        self.stdout.write(f"  {demo_api_token(summary.municipality)}")
        self.stdout.write("")
        # The logins must show before the server's own output, also when stdout is a file or pipe.
        self.stdout.flush()
        if options["no_serve"]:
            return
        environment = os.environ.copy()
        # The worker's e-mails link to the server the demo runs.
        environment.setdefault("REHABPLAN_BASE_URL", f"http://{options['host']}:{options['port']}")
        worker = subprocess.Popen(
            [sys.executable, "-m", "rehabplan.cli", "worker"], env=environment
        )
        self.stdout.write(f"Task-worker startet (pid {worker.pid}).")
        self.stdout.write(
            "Workeren sender SMS-påmindelser til mappen "
            f"{settings.REHABPLAN_SMS_DIR} og breve til {settings.REHABPLAN_OUTBOX_DIR} "
            "(demoens SMS-gateway, Digital Post og fysisk post)."
        )
        self.stdout.flush()
        # SIGTERM (a service manager, `kill`) ends the server like Ctrl+C, so the worker stops too.
        signal.signal(signal.SIGTERM, _exit_on_signal)
        try:
            call_command("serve", host=options["host"], port=options["port"])
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)
