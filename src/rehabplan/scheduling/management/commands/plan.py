"""`rehabplan plan --municipality demo --week 2026-W49 [--dry-run]`: plan a week from the shell."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rehabplan.accounts.models import User
from rehabplan.scheduling.models import ProposalState
from rehabplan.scheduling.selectors import proposal_rows
from rehabplan.scheduling.services import proposal_accept, proposal_compute, proposal_create


class Command(BaseCommand):
    help = "Planlæg en uges nye forløb (og godkend forslaget, medmindre --dry-run)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--municipality", required=True, help="Kommunens korte navn, fx demo.")
        parser.add_argument("--week", required=True, help="ISO-uge, fx 2026-W49.")
        parser.add_argument("--method", default="optimiser", help="optimiser, edd eller fcfs.")
        parser.add_argument("--user", help="Brugeren der planlægger (standard: kommunens leder).")
        parser.add_argument("--dry-run", action="store_true", help="Vis forslaget uden at booke.")

    def handle(self, *args, **options) -> None:
        user = self._user(options["municipality"], options["user"])
        try:
            proposal = proposal_create(user=user, week=options["week"], method=options["method"])
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        proposal = proposal_compute(proposal.pk)
        if proposal.state != ProposalState.READY:
            raise CommandError(f"Planlægningen fejlede: {proposal.error}")
        rows = proposal_rows(proposal)
        for row in rows["planned"]:
            place = row.team_class.name if row.team_class else "individuel"
            timing = "til tiden" if row.on_time else f"{row.days_late} dage for sent"
            self.stdout.write(
                f"  {row.course.citizen.full_name:<28} start {row.start_date}  {place:<22} "
                f"{row.therapist.name if row.therapist else '-':<20} {timing}"
            )
        for row in rows["unplanned"]:
            offer = " (tilbyd frit valg)" if row.free_choice_offer else ""
            self.stdout.write(
                f"  {row.course.citizen.full_name:<28} kan ikke starte: {row.reason}{offer}"
            )
        kpis = rows["kpis"]
        self.stdout.write(
            f"{kpis.get('planned', 0)} af {kpis.get('courses', 0)} forløb planlagt, "
            f"{kpis.get('on_time', 0)} til tiden; bevist grænse {rows['bound']}, gap {rows['gap']}."
        )
        if options["dry_run"]:
            self.stdout.write("Prøvekørsel: intet er booket.")
            return
        try:
            outcome = proposal_accept(user=user, proposal=proposal)
        except ValidationError as error:
            raise CommandError(
                "Forslaget kunne ikke godkendes: " + "; ".join(error.messages)
            ) from None
        self.stdout.write(
            f"Godkendt: {outcome.courses_started} forløb, {outcome.sessions_booked} aftaler booket."
        )

    def _user(self, municipality_slug: str, username: str | None) -> User:
        users = User.objects.filter(municipality__slug=municipality_slug, is_active=True)
        users = users.filter(username=username) if username else users.filter(groups__name="leder")
        user = users.select_related("municipality").first()
        if user is None:
            raise CommandError(
                f"Ingen aktiv leder (eller bruger {username!r}) i kommunen {municipality_slug!r}."
            )
        if not user.has_perm("courses.plan_courses"):
            raise CommandError(f"Brugeren {user.username} må ikke planlægge forløb.")
        return user
