"""`rehabplan course_state`: move a course (propose for ending, continue, cancel) from the
command line through the same service functions as the course page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rehabplan.accounts.models import User
from rehabplan.courses.models import Course
from rehabplan.courses.services import course_state

MOVES = {
    "foreslaa-afslutning": course_state.course_propose_ending,
    "fortsaet": course_state.course_continue,
    "annuller": course_state.course_cancel,
}


class Command(BaseCommand):
    help = "Foreslå et forløb afsluttet, lad det fortsætte eller annullér det (med begrundelse)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("handling", choices=sorted(MOVES))
        parser.add_argument("--forloeb", type=int, required=True, help="Forløbets id.")
        parser.add_argument("--bruger", required=True, help="Brugernavn på den, der handler.")
        parser.add_argument("--begrundelse", required=True)

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
        try:
            MOVES[options["handling"]](user=user, course=course, reason=options["begrundelse"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
        self.stdout.write(f"Forløb {course.pk}: {course.get_status_display()}.")
