"""`rehabplan manage audit_retention`: delete audit entries older than a date, as the
municipality's retention rules require, through the one path that may delete them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rehabplan.accounts.models import User
from rehabplan.audit.models import AuditEntry
from rehabplan.audit.retention import audit_retention_delete, retention_cutoff
from rehabplan.organisation.models import Municipality


class Command(BaseCommand):
    help = "Slet logposter fra før en dato (efter reglerne for opbevaring); sletningen logges."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--foer", required=True, help="Slet poster fra før denne dato (ÅÅÅÅ-MM-DD)."
        )
        parser.add_argument(
            "--kommune", default="", help="Kun denne kommunes poster (kort navn); ellers alle."
        )
        parser.add_argument("--bruger", required=True, help="Brugernavn på den, der sletter.")
        parser.add_argument(
            "--ja", action="store_true", help="Bekræft sletningen (uden den vises kun antallet)."
        )

    def handle(self, *args, **options) -> None:
        try:
            before = datetime.date.fromisoformat(options["foer"])
        except ValueError:
            raise CommandError(
                f"--foer skal være en dato som 2025-01-01, fik {options['foer']!r}.", returncode=2
            ) from None
        user = User.objects.filter(username=options["bruger"], is_active=True).first()
        if user is None or not user.is_superuser:
            raise CommandError(
                f"Brugeren {options['bruger']!r} findes ikke eller er ikke driftsansvarlig "
                "(superbruger).",
                returncode=2,
            )
        municipality = None
        if options["kommune"]:
            municipality = Municipality.objects.filter(slug=options["kommune"]).first()
            if municipality is None:
                raise CommandError(f"Ukendt kommune {options['kommune']!r}.", returncode=2)
        if not options["ja"]:
            entries = AuditEntry.objects.filter(at__lt=retention_cutoff(before))
            if municipality is not None:
                entries = entries.filter(municipality=municipality)
            self.stdout.write(
                f"{entries.count()} logposter er fra før {before:%d-%m-%Y}. "
                "Gentag med --ja for at slette dem."
            )
            return
        try:
            entry = audit_retention_delete(before=before, user=user, municipality=municipality)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
        self.stdout.write(entry.summary)
