"""`rehabplan course_close`: close a course from the command line through the same service as
the closing screen (closing talk, end reason, end values, status report with consent check)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rehabplan.accounts.models import User
from rehabplan.courses.models import Course
from rehabplan.courses.services.closing import course_closing

EQUIPMENT = {"ja": True, "nej": False, "ingen": None}


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--dato skal være en dato som 2026-11-23, fik {value!r}.", returncode=2
        ) from None


class Command(BaseCommand):
    help = "Afslut et forløb: afslutningssamtale, årsag, slutværdier og statusbeskrivelse."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--forloeb", type=int, required=True, help="Forløbets id.")
        parser.add_argument("--bruger", required=True, help="Brugernavn på den, der afslutter.")
        parser.add_argument("--dato", required=True, help="Afslutningssamtalens dato (ÅÅÅÅ-MM-DD).")
        parser.add_argument("--aarsag", required=True, help="Afslutningsårsag fra standarden.")
        parser.add_argument("--begrundelse", default="")
        parser.add_argument("--selvtraening", default="", help="Selvtræningsprogram.")
        parser.add_argument("--traener-videre", default="", help="Hvor borgeren træner videre.")
        parser.add_argument("--redskaber", choices=sorted(EQUIPMENT), default="ingen")
        parser.add_argument(
            "--slutvaerdi",
            action="append",
            default=[],
            metavar="TEST=VÆRDI",
            help="Testresultat ved slut, fx timed_up_and_go=12.1 (kan gentages).",
        )
        parser.add_argument("--send-borger", action="store_true")
        parser.add_argument("--send-laege", action="store_true")
        parser.add_argument("--send-sygehus", action="store_true")

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(username=options["bruger"]).first()
        if user is None or not user.has_perm("courses.document_course"):
            raise CommandError(
                f"Brugeren {options['bruger']!r} findes ikke eller må ikke dokumentere forløb.",
                returncode=2,
            )
        course = Course.objects.filter(
            pk=options["forloeb"], municipality_id=user.municipality_id
        ).first()
        if course is None:
            raise CommandError(
                f"Forløb {options['forloeb']} findes ikke i brugerens kommune.", returncode=2
            )
        end_values = {}
        for item in options["slutvaerdi"]:
            code, sep, value = item.partition("=")
            if not sep:
                raise CommandError(
                    f"--slutvaerdi skal skrives TEST=VÆRDI, fik {item!r}.", returncode=2
                )
            end_values[code.strip()] = value.strip().replace(",", ".")
        try:
            result = course_closing(
                user=user,
                course=course,
                closing_talk_on=_date(options["dato"]),
                end_reason=options["aarsag"],
                end_reason_note=options["begrundelse"],
                self_training_programme=options["selvtraening"],
                continue_training_at=options["traener_videre"],
                equipment_returned=EQUIPMENT[options["redskaber"]],
                end_values=end_values,
                send_to_citizen=options["send_borger"],
                send_to_gp=options["send_laege"],
                send_to_hospital=options["send_sygehus"],
            )
        except ValidationError as error:
            lines = (
                [f"{field}: {m}" for field, ms in error.message_dict.items() for m in ms]
                if hasattr(error, "error_dict")
                else error.messages
            )
            raise CommandError("\n".join(lines), returncode=2) from None
        self.stdout.write(
            f"Forløb {course.pk} afsluttet {course.ended_on}; "
            f"{len(result.messages)} statusbeskrivelser lagt i udbakken."
        )
