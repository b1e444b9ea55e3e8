"""The main pages of the product, each requested as the role that uses it, with the records they
show picked from the database: the typical citizen (the median number of courses) and the heaviest
(the most courses), a therapist's busiest running course, her latest team session, the latest
decision, the latest planning proposal (made once with the planner service when there is none).

Needs Django set up (the benchmark and its test both do that) and the demo logins.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditEntry
from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import Course, CourseStatus, Decision, Session, SessionKind
from rehabplan.scheduling.models import PlanProposal, ProposalState
from rehabplan.scheduling.weeks import iso_week_of

ROLES = (VISITATOR, THERAPIST, LEADER, ADMINISTRATOR)
RUNNING = (CourseStatus.ACTIVE, CourseStatus.PROPOSED_FOR_ENDING)


@dataclass(frozen=True)
class Page:
    """One request as one role: a GET, or a POST of `form` (the citizen search is a POST so that
    no CPR number ends up in an address)."""

    label: str
    role: str
    path: str
    form: tuple[tuple[str, str], ...] = ()

    @property
    def method(self) -> str:
        return "POST" if self.form else "GET"


@dataclass(frozen=True)
class Targets:
    """The records the pages show, picked once per run."""

    typical_citizen: int
    typical_courses: int
    heavy_citizen: int
    heavy_courses: int
    search_name: str
    search_cpr: str
    course: int | None
    session: int | None
    referral: int | None
    decision: int | None
    proposal: int | None
    audit_entry: int | None
    working_day: datetime.date


def users_by_role() -> dict[str, User]:
    """The demo logins: one user per role, named after it."""
    users = {user.username: user for user in User.objects.filter(username__in=ROLES)}
    missing = sorted(set(ROLES) - set(users))
    if missing:
        raise LookupError(f"the demo logins are missing: {', '.join(missing)} (run seed-demo)")
    return users


def _citizens_by_courses(municipality_id: int):
    return (
        Citizen.objects.filter(municipality_id=municipality_id)
        .annotate(course_count=Count("courses"))
        .order_by("course_count", "pk")
    )


def _working_day(today: datetime.date) -> datetime.date:
    """Today, or the next Monday when today is a Saturday or Sunday: a day with sessions."""
    return today + datetime.timedelta(
        days=max(0, 7 - today.weekday()) if today.weekday() > 4 else 0
    )


def _therapist_course(user: User) -> int | None:
    """The therapist's running course with the most attendance rows: her heaviest daily page."""
    course = (
        Course.objects.filter(therapist__user=user, status__in=RUNNING)
        .annotate(attendance_count=Count("attendances"))
        .order_by("-attendance_count", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if course is None:
        course = Course.objects.filter(municipality_id=user.municipality_id, status__in=RUNNING)
        course = course.order_by("pk").values_list("pk", flat=True).first()
    return course


def _therapist_session(user: User, now: datetime.datetime) -> int | None:
    """The therapist's latest team session that has begun (attendance can be recorded on it)."""
    sessions = Session.objects.filter(
        municipality_id=user.municipality_id, kind=SessionKind.TEAM, starts_at__lte=now
    )
    own = sessions.filter(therapist__user=user)
    chosen = own if own.exists() else sessions
    return chosen.order_by("-starts_at", "-pk").values_list("pk", flat=True).first()


def pick_targets(users: dict[str, User]) -> Targets:
    municipality_id = users[VISITATOR].municipality_id
    citizens = _citizens_by_courses(municipality_id)
    total = citizens.count()
    if not total:
        raise LookupError("the logins' municipality has no citizens")
    typical = citizens[total // 2]
    heavy = citizens.order_by("-course_count", "pk").first()
    decision = (
        Decision.objects.filter(referral__municipality_id=municipality_id)
        .order_by("-decided_on", "-pk")
        .first()
    )
    entry = (
        AuditEntry.objects.filter(municipality_id=municipality_id, citizen_id__isnull=False)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    proposal = (
        PlanProposal.objects.filter(
            municipality_id=municipality_id,
            state__in=(ProposalState.READY, ProposalState.ACCEPTED),
        )
        .values_list("pk", flat=True)
        .first()
    )
    return Targets(
        typical_citizen=typical.pk,
        typical_courses=typical.course_count,
        heavy_citizen=heavy.pk,
        heavy_courses=heavy.course_count,
        search_name=typical.last_name,
        search_cpr=f"{typical.cpr[:6]}-{typical.cpr[6:]}",
        course=_therapist_course(users[THERAPIST]),
        session=_therapist_session(users[THERAPIST], timezone.now()),
        referral=decision.referral_id if decision else None,
        decision=decision.pk if decision else None,
        proposal=proposal,
        audit_entry=entry,
        working_day=_working_day(timezone.localdate()),
    )


def ensure_proposal(leader: User, *, method: str = "optimiser") -> int:
    """A computed proposal for next week, made with the planner service as the leader would."""
    from rehabplan.scheduling.services import proposal_compute, proposal_create

    week = iso_week_of(timezone.localdate() + datetime.timedelta(days=7))
    proposal = proposal_create(user=leader, week=week, method=method)
    return proposal_compute(proposal.pk).pk


def _record_pages(targets: Targets) -> list[Page]:
    pages = [
        Page(
            f"citizen page, typical ({targets.typical_courses} courses)",
            VISITATOR,
            f"/borgere/{targets.typical_citizen}/",
        ),
        Page(
            f"citizen page, most courses ({targets.heavy_courses})",
            VISITATOR,
            f"/borgere/{targets.heavy_citizen}/",
        ),
    ]
    optional = (
        ("referral page", VISITATOR, "/henvisninger/{}/", targets.referral),
        ("decision page", VISITATOR, "/afgoerelser/{}/", targets.decision),
        ("course page", THERAPIST, "/forloeb/{}/", targets.course),
        ("session documentation", THERAPIST, "/aftaler/{}/", targets.session),
        ("planning proposal", LEADER, "/planlaeg/{}/", targets.proposal),
        ("audit entry", LEADER, "/log/{}/", targets.audit_entry),
    )
    pages += [
        Page(label, role, path.format(pk)) for label, role, path, pk in optional if pk is not None
    ]
    return pages


def bench_pages(targets: Targets) -> list[Page]:
    """Every main page as the role that uses it."""
    day = f"?dag={targets.working_day.isoformat()}"
    return [
        Page("start page", VISITATOR, "/"),
        Page("start page", THERAPIST, "/"),
        Page("start page", LEADER, "/"),
        Page("start page", ADMINISTRATOR, "/"),
        Page("deadline list", VISITATOR, "/frister/"),
        Page("citizen search, last name", VISITATOR, "/borgere/", (("term", targets.search_name),)),
        Page("citizen search, CPR", VISITATOR, "/borgere/", (("term", targets.search_cpr),)),
        Page("my courses", THERAPIST, "/mine-forloeb/"),
        Page("my classes", THERAPIST, "/mine-hold/"),
        Page("calendar, day", THERAPIST, f"/kalender/{day}"),
        Page("calendar, week", THERAPIST, f"/kalender/uge/{day}"),
        Page("every therapist's week", LEADER, f"/kalender/alle/{day}"),
        Page("planning start", LEADER, "/planlaeg/"),
        Page("audit log", LEADER, "/log/"),
        *_record_pages(targets),
    ]
