"""One run of the generator: the demo municipality, then a large unit's history inside it.

Everything is written in one transaction, so a run that fails leaves the database as it was.
The demo (seed_demo) comes first, so its logins, standard and screens work as always and see
the large history too; the history is then added to the same municipality.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditEntry
from rehabplan.citizens.models import Citizen, Consent, Relative
from rehabplan.courses.models import (
    Attendance,
    ClinicalNote,
    Course,
    Decision,
    Goal,
    GoalEvaluation,
    OutcomeMeasurement,
    Referral,
    Session,
    SessionKind,
    StoredDeadline,
)
from rehabplan.demo.scale.audit_trail import AuditTrail, Reader
from rehabplan.demo.scale.case_rows import CaseRows, course_writer, referral_writer, write_case
from rehabplan.demo.scale.cases import (
    OCCUPATIONAL_DEMAND,
    CasePlan,
    plan_cases,
    spread_referrals,
)
from rehabplan.demo.scale.clock import COPENHAGEN
from rehabplan.demo.scale.copy_writer import reset_sequences
from rehabplan.demo.scale.engine import Engine
from rehabplan.demo.scale.people import (
    CitizenPlan,
    citizen_writer,
    plan_citizens,
    write_citizens,
)
from rehabplan.demo.scale.records import Records, audit_writer
from rehabplan.demo.scale.sizes import Period, ScaleSizes
from rehabplan.demo.scale.staff import Staff, build_staff
from rehabplan.demo.scale.therapist_calendar import TherapistCalendar
from rehabplan.demo.scale.training import Trainer
from rehabplan.demo.seed import seed_demo
from rehabplan.organisation.models import Municipality, Therapist
from rehabplan.organisation.standards import installation_registry
from rehabplan.reporting.daily import refresh as daily_figures

WRITTEN_MODELS = (
    Citizen,
    Relative,
    Consent,
    Referral,
    StoredDeadline,
    Decision,
    Course,
    Session,
    Attendance,
    ClinicalNote,
    Goal,
    GoalEvaluation,
    OutcomeMeasurement,
    AuditEntry,
)


@dataclass
class ScaleSummary:
    municipality: Municipality
    period: Period
    sizes: ScaleSizes
    rows: dict[str, int] = field(default_factory=dict)
    attendance_statuses: dict[str, int] = field(default_factory=dict)
    skipped_places: int = 0


def database_is_empty() -> bool:
    """True for a freshly migrated database: no municipality, no user, no citizen."""
    return not (Municipality.objects.exists() or User.objects.exists() or Citizen.objects.exists())


def seed_scale(
    *,
    citizens: int,
    attendances: int,
    seed: int = 2026,
    today: datetime.date | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> ScaleSummary:
    today = today or timezone.localdate()
    with transaction.atomic():
        summary = _seed(citizens, attendances, seed, today, _Clock(progress))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        progress("ANALYZE færdig")
    return summary


class _Clock:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.started = time.monotonic()

    def __call__(self, message: str) -> None:
        self.progress(f"{time.monotonic() - self.started:7.1f} s  {message}")


def _seed(
    citizens: int, attendances: int, seed: int, today: datetime.date, clock: _Clock
) -> ScaleSummary:
    demo = seed_demo(seed=seed, today=today)
    municipality = demo.municipality
    clock("demokommunen oprettet")
    rng = random.Random(seed)
    engine = Engine(municipality.slug)
    standard_from = installation_registry().municipality(municipality.slug).versions[0]
    period = Period.ending(today, standard_from=standard_from.effective_from)
    sizes = ScaleSizes.for_counts(citizens=citizens, attendances=attendances)
    summary = ScaleSummary(municipality, period, sizes)
    staff = build_staff(
        rng=rng,
        municipality=municipality,
        sizes=sizes,
        period=period,
        visitator_ids=_user_ids(municipality, VISITATOR),
        leader_ids=_user_ids(municipality, LEADER),
        occupational_share=OCCUPATIONAL_DEMAND,
    )
    clock(f"{len(staff.therapists)} terapeuter og {len(staff.classes)} hold")
    people = citizen_writer()
    taken = set(Citizen.objects.values_list("cpr", flat=True))
    plans = plan_citizens(rng=rng, writer=people, count=citizens, today=today, taken=taken)
    spread = spread_referrals(rng=rng, citizens=plans, referrals=sizes.referrals, period=period)
    referrals, courses = referral_writer(), course_writer()
    class_sessions = _class_sessions(municipality)
    cases = plan_cases(
        rng=rng,
        spread=spread,
        staff=staff,
        period=period,
        attendances=attendances,
        sessions=sizes.sessions,
        class_seats={key: seats for key, (_id, seats) in class_sessions.items()},
        engine=engine,
        new_referral_id=referrals.new_id,
        new_course_id=courses.new_id,
    )
    clock(f"{len(cases)} sager planlagt")
    summary.rows |= write_citizens(
        rng=rng,
        municipality=municipality,
        citizens=plans,
        writer=people,
        recorded_by_ids=staff.visitator_ids,
        today=today,
    )
    rows = CaseRows(referrals, courses)
    for case in cases:
        write_case(
            rng=rng,
            rows=rows,
            engine=engine,
            case=case,
            municipality_id=municipality.pk,
            visitator_ids=staff.visitator_ids,
            period=period,
        )
    summary.rows |= rows.close()
    clock("borgere, henvisninger, frister, afgørelser og forløb skrevet")
    _train(rng, summary, staff, cases, class_sessions, plans, clock)
    reset_sequences(WRITTEN_MODELS)
    return summary


def _train(
    rng: random.Random,
    summary: ScaleSummary,
    staff: Staff,
    cases: list[CasePlan],
    class_sessions: dict[tuple[int, datetime.date], list[int]],
    plans: list[CitizenPlan],
    clock: _Clock,
) -> None:
    period = summary.period
    municipality = summary.municipality
    calendar = TherapistCalendar(
        therapists=staff.therapists, classes=staff.classes, first=period.first, last=period.last
    )
    calendar.block_existing(_existing_sessions(municipality))
    usernames = dict(User.objects.filter(municipality=municipality).values_list("pk", "username"))
    audit = audit_writer()
    records = Records(rng=rng, municipality_id=municipality.pk, usernames=usernames, audit=audit)
    trainer = Trainer(
        rng=rng,
        staff=staff,
        period=period,
        municipality_id=municipality.pk,
        calendar=calendar,
        class_sessions=class_sessions,
    )
    for case in sorted((c for c in cases if c.start), key=lambda c: (c.start, c.referral_id)):
        trainer.train(case, records.course_placed)
    counts = trainer.close()
    summary.rows |= {"sessions": counts.sessions, "attendances": counts.attendances}
    summary.rows |= records.close()
    summary.attendance_statuses = counts.statuses
    summary.skipped_places = counts.skipped
    clock(
        f"aftaler, fremmøde, notater, mål og test skrevet "
        f"({counts.skipped} pladser uden ledig tid eller plads)"
    )
    first_referrals: dict[int, int] = {}
    for case in cases:
        first_referrals.setdefault(case.citizen.citizen_id, case.referral_id)
    trail = AuditTrail(
        rng=rng,
        municipality_id=municipality.pk,
        citizens=plans,
        first_referrals=first_referrals,
        readers=_readers(municipality),
        period=period,
        closed_days=staff.closed_days,
    )
    audit.flush()
    trail.write(audit, max(0, summary.sizes.audit_entries - audit.written))
    summary.rows["audit_entries"] = audit.close()
    clock("log over adgang skrevet")
    # Counted now rather than on the leader's first visit to the key figures.
    daily_figures.rebuild(municipality.pk)
    clock("nøgletal pr. dag optalt")


def _class_sessions(municipality: Municipality) -> dict[tuple[int, datetime.date], list[int]]:
    """The demo's class sessions, (class, day): [session id, seats taken]: its citizens keep
    their seats, the history joins them."""
    sessions = (
        Session.objects.filter(municipality=municipality, team_class__isnull=False)
        .annotate(seats=Count("attendances"))
        .only("pk", "team_class_id", "starts_at")
    )
    return {
        (session.team_class_id, session.starts_at.astimezone(COPENHAGEN).date()): [
            session.pk,
            session.seats,
        ]
        for session in sessions
    }


def _user_ids(municipality: Municipality, role: str) -> list[int]:
    return list(
        User.objects.filter(municipality=municipality, groups__name=role)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _existing_sessions(municipality: Municipality):
    for therapist_id, starts_at, minutes, kind in Session.objects.filter(
        municipality=municipality
    ).values_list("therapist_id", "starts_at", "duration_minutes", "kind"):
        yield therapist_id, starts_at.astimezone(COPENHAGEN), minutes, kind != SessionKind.TEAM


def _readers(municipality: Municipality) -> list[Reader]:
    """The staff who read records: therapists (by their calendar name), visitators, leaders."""
    names = dict(
        Therapist.objects.filter(municipality=municipality, user__isnull=False).values_list(
            "user_id", "name"
        )
    )
    users = User.objects.filter(
        municipality=municipality, groups__name__in=(THERAPIST, VISITATOR, LEADER)
    ).order_by("pk")
    return [Reader(user.pk, user.username, names.get(user.pk, "")) for user in users]
