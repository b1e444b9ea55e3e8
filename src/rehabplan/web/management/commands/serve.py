"""Serve Rehabplan with waitress, a production WSGI server that needs no compiler or proxy."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


def waitress_options(*, host: str, port: int, threads: int) -> dict[str, Any]:
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "threads": threads,
        "ident": "Rehabplan",
        "max_request_body_size": settings.REQUEST_BODY_MAX_BYTES,
    }
    if settings.TRUSTED_PROXY:
        # Behind the TLS proxy: the client's address (for the login lockout) and the scheme (for
        # the HTTPS redirect) come from its headers. waitress drops those headers from any other
        # sender, so nobody else can claim an address or HTTPS.
        options.update(
            trusted_proxy=settings.TRUSTED_PROXY,
            trusted_proxy_count=1,
            trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto"},
            clear_untrusted_proxy_headers=True,
        )
    return options


class Command(BaseCommand):
    help = "Kør web-serveren (waitress)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, **options) -> None:
        from waitress import serve

        from rehabplan.wsgi import application

        self.stdout.write(f"Rehabplan kører på http://{options['host']}:{options['port']}/")
        serve(
            application,
            **waitress_options(
                host=options["host"], port=options["port"], threads=options["threads"]
            ),
        )
