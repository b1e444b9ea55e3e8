"""Serve Rehabplan with waitress, a production WSGI server that needs no compiler or proxy."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Kør web-serveren (waitress)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        from django.conf import settings
        from waitress import serve

        from rehabplan.wsgi import application

        self.stdout.write(f"Rehabplan kører på http://{options['host']}:{options['port']}/")
        serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"],
            max_request_body_size=settings.REQUEST_BODY_MAX_BYTES,
            ident="Rehabplan",
        )
