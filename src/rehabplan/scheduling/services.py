"""Planning a week: request a proposal, compute it in a task, adjust it, accept it."""

from __future__ import annotations

import dataclasses
import datetime
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan import planning
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import (
    Attendance,
    ContactType,
    Course,
    CourseStatus,
    DeliveryType,
    FreeChoice,
    Session,
    SessionKind,
)
from rehabplan.courses.services.booking.locks import lock_calendar
from rehabplan.courses.services.booking.occurrences import check_seat, team_occurrence
from rehabplan.formats.text import day_text
from rehabplan.organisation.models import TeamClass, Therapist
from rehabplan.scheduling.models import PlanProposal, ProposalState
from rehabplan.scheduling.moves import (
    moves_of_plan,
    moves_to_json,
    start_in_class,
    start_with_therapist,
)
from rehabplan.scheduling.problem_builder import COURSE_PREFETCH, build_problem
from rehabplan.scheduling.serialization import result_from_json, result_to_json, starts_from_json
from rehabplan.scheduling.weeks import first_bookable_day, parse_iso_week

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


logger = logging.getLogger(__name__)
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
SOLVER_TIME_LIMIT_S = 10.0


def proposal_create(*, user: User, week: str, method: str = "optimiser") -> PlanProposal:
    """Record a proposal for a week that still has a day to book; a week that is over is
    refused here, before anything is computed (the web form and the `plan` command both come
    here)."""
    first_bookable_day(parse_iso_week(week), timezone.localdate())
    if method not in planning.METHODS:
        raise ValidationError({"method": [_("Ukendt planlægningsmetode.")]})
    if not user.municipality_id:
        raise ValidationError(_("Din bruger er ikke knyttet til en kommune."))
    return PlanProposal.objects.create(
        municipality=user.municipality, week=week, method=method, created_by=user
    )


def proposal_request(*, user: User, week: str, method: str = "optimiser") -> PlanProposal:
    """Record a request to plan a week and hand the computation to a task worker."""
    proposal = proposal_create(user=user, week=week, method=method)
    from rehabplan.scheduling.tasks import compute_proposal_task

    transaction.on_commit(lambda: compute_proposal_task.enqueue(proposal.pk))
    return proposal


def proposal_compute(proposal_id: int) -> PlanProposal:
    """Solve the proposal's week; progress is written so the page can show it."""
    proposal = PlanProposal.objects.select_related("municipality").get(pk=proposal_id)
    if proposal.state not in (ProposalState.QUEUED, ProposalState.FAILED):
        return proposal
    _set_progress(proposal, ProposalState.RUNNING, _("Henter forløb, hold og kalendere ..."))
    try:
        built = build_problem(
            municipality=proposal.municipality, first_day=parse_iso_week(proposal.week)
        )

        def report(message: str) -> None:
            _set_progress(proposal, ProposalState.RUNNING, message)

        result = planning.plan(
            built.problem,
            method=proposal.method,
            time_limit_s=SOLVER_TIME_LIMIT_S,
            progress=report,
        )
    except (planning.PlanningInputError, ValidationError) as error:
        logger.warning("Planning proposal %s failed: %s", proposal.pk, type(error).__name__)
        proposal.state = ProposalState.FAILED
        proposal.error = str(error.messages[0] if hasattr(error, "messages") else error)
        proposal.save(update_fields=["state", "error"])
        return proposal
    proposal.result = _stored(built.problem, result, built.skipped)
    proposal.state = ProposalState.READY
    proposal.progress = _("Færdig")
    proposal.save(update_fields=["result", "state", "progress"])
    return proposal


def _stored(
    problem: planning.PlanningProblem, result: planning.PlanResult, skipped: dict[str, str]
) -> dict:
    """The result as stored: with the skipped courses and each planned course's feasible
    moves, computed here once so the proposal page only reads them."""
    moves = moves_to_json(moves_of_plan(problem, result))
    return {**result_to_json(result), "skipped": skipped, "moves": moves}


def _set_progress(proposal: PlanProposal, state: str, message: str) -> None:
    proposal.state = state
    proposal.progress = message[:300]
    PlanProposal.objects.filter(pk=proposal.pk).update(state=state, progress=proposal.progress)


def proposal_adjust(
    *,
    user: User,
    proposal: PlanProposal,
    course_id: str,
    class_id: str | None = None,
    therapist_id: str | None = None,
) -> PlanProposal:
    """Move one course to another class or therapist; the whole plan is checked again. The
    proposal is locked while it is changed: two leaders moving two citizens at once would
    otherwise each write the plan they read, and one move would be lost."""
    with transaction.atomic():
        locked = PlanProposal.objects.select_for_update().get(pk=proposal.pk)
        _adjust_locked(locked, course_id=course_id, class_id=class_id, therapist_id=therapist_id)
    proposal.result = locked.result
    return proposal


def _adjust_locked(
    proposal: PlanProposal, *, course_id: str, class_id: str | None, therapist_id: str | None
) -> None:
    _require_ready(proposal)
    built = build_problem(
        municipality=proposal.municipality, first_day=parse_iso_week(proposal.week)
    )
    result = result_from_json(proposal.result)
    current = result.start_for(course_id)
    request = next((course for course in built.problem.courses if course.id == course_id), None)
    if current is None or request is None:
        raise ValidationError(_("Forløbet er ikke med i forslaget."))
    if class_id:
        moved = start_in_class(built.problem, request, current, class_id)
    elif therapist_id:
        moved = start_with_therapist(built.problem, current, therapist_id)
    else:
        raise ValidationError(_("Vælg et andet hold eller en anden terapeut."))
    starts = tuple(moved if start.course_id == course_id else start for start in result.starts)
    adjusted = dataclasses.replace(result, starts=starts)
    _raise_violations(planning.check_plan(built.problem, adjusted))
    proposal.result = _stored(built.problem, adjusted, proposal.result.get("skipped", {}))
    proposal.save(update_fields=["result"])


def _raise_violations(violations: list[planning.Violation]) -> None:
    if violations:
        raise ValidationError([violation.message for violation in violations])


def _require_ready(proposal: PlanProposal) -> None:
    if proposal.state != ProposalState.READY:
        raise ValidationError(
            _("Forslaget kan ikke ændres eller godkendes i tilstanden “%(state)s”.")
            % {"state": proposal.get_state_display()}
        )


@dataclass(frozen=True)
class AcceptOutcome:
    courses_started: int
    sessions_booked: int
    free_choice_offered: int


@transaction.atomic
def proposal_accept(*, user: User, proposal: PlanProposal) -> AcceptOutcome:
    """Book every planned session in one transaction. If someone changed the calendar or a course
    since the proposal was made, the conflicts are reported and nothing is written."""
    proposal = PlanProposal.objects.select_for_update().get(pk=proposal.pk)
    _require_ready(proposal)
    starts = starts_from_json(proposal.result)
    course_ids = [int(start.course_id) for start in starts]
    # The calendar is read and checked only after the locks a hand booking takes too.
    _lock_plan_calendar(proposal, starts, course_ids)
    courses = {
        str(course.pk): course
        for course in Course.objects.select_for_update(of=("self",))
        .filter(pk__in=course_ids, municipality=proposal.municipality)
        .select_related("referral", "citizen", "municipality", "therapist", "team_class")
        .prefetch_related(*COURSE_PREFETCH)
    }
    conflicts = [
        _("%(citizen)s: forløbet er ændret siden forslaget blev lavet.")
        % {"citizen": courses[start.course_id].citizen.full_name}
        if start.course_id in courses
        else _("Et forløb i forslaget findes ikke længere.")
        for start in starts
        if start.course_id not in courses
        or courses[start.course_id].status != CourseStatus.AWAITING_START
        or courses[start.course_id].attendances.exists()
    ]
    if conflicts:
        raise ValidationError(conflicts)
    built = build_problem(
        municipality=proposal.municipality,
        first_day=parse_iso_week(proposal.week),
        courses=list(courses.values()),
    )
    result = result_from_json(proposal.result)
    _raise_violations(planning.check_plan(built.problem, result))
    therapists = {
        str(therapist.pk): therapist
        for therapist in Therapist.objects.filter(municipality=proposal.municipality)
    }
    classes = {
        str(team.pk): team
        for team in TeamClass.objects.filter(municipality=proposal.municipality).select_related(
            "location"
        )
    }
    sessions_booked = 0
    for start in starts:
        course = courses[start.course_id]
        sessions_booked += _book_start(course, start, therapists, classes)
        audit_record(
            user=user,
            action=AuditAction.CHANGE,
            citizen=course.citizen,
            target=course,
            summary=_("Forløb planlagt med start %(day)s") % {"day": day_text(start.start_date)},
        )
    free_choice = _offer_free_choice(user, proposal, result)
    proposal.state = ProposalState.ACCEPTED
    proposal.accepted_by = user
    proposal.accepted_at = timezone.now()
    proposal.save(update_fields=["state", "accepted_by", "accepted_at"])
    return AcceptOutcome(len(starts), sessions_booked, free_choice)


def _lock_plan_calendar(
    proposal: PlanProposal, starts: list[planning.PlannedStart], course_ids: list[int]
) -> None:
    """Lock what the plan books, in the order of `booking.locks`: the classes, the therapists
    (the plan's and the classes' own), then the citizens; the caller locks the courses after."""
    class_ids = {int(start.class_id) for start in starts if start.class_id}
    class_ids |= {
        int(session.class_id) for start in starts for session in start.sessions if session.class_id
    }
    lock_calendar(team_class_ids=class_ids)
    therapist_ids = {int(start.therapist_id) for start in starts if start.therapist_id}
    therapist_ids |= {
        int(session.therapist_id)
        for start in starts
        for session in start.sessions
        if session.therapist_id
    }
    therapist_ids |= set(
        TeamClass.objects.filter(pk__in=class_ids, municipality=proposal.municipality).values_list(
            "therapist_id", flat=True
        )
    )
    citizen_ids = Course.objects.filter(
        pk__in=course_ids, municipality=proposal.municipality
    ).values_list("citizen_id", flat=True)
    lock_calendar(therapist_ids=therapist_ids, citizen_ids=citizen_ids)


def _book_start(
    course: Course,
    start: planning.PlannedStart,
    therapists: dict[str, Therapist],
    classes: dict[str, TeamClass],
) -> int:
    team = classes.get(start.class_id) if start.class_id else None
    course.start_on = start.start_date
    course.therapist = therapists[start.therapist_id]
    course.team_class = team
    if team is not None:
        # An individual course the plan placed on a free class seat becomes a team course.
        course.delivery_type = DeliveryType.TEAM
    course.planned_end_on = start.sessions[-1].day if start.sessions else start.start_date
    course.save(
        update_fields=["start_on", "therapist", "team_class", "delivery_type", "planned_end_on"]
    )
    referral = course.referral
    referral.first_training_offered_on = start.start_date
    referral.save(update_fields=["first_training_offered_on"])
    if start.on_time:
        referral.deadlines.filter(kind="start", met_on__isnull=True).update(met_on=start.start_date)
    try:
        for planned in start.sessions:
            _book_planned_session(course, planned, team, therapists)
    except ValidationError as error:
        raise ValidationError(
            [f"{course.citizen.full_name}: {message}" for message in error.messages]
        ) from None
    return len(start.sessions)


def _book_planned_session(
    course: Course,
    planned: planning.Session,
    team: TeamClass | None,
    therapists: dict[str, Therapist],
) -> None:
    """Book one planned session. The therapists' time was checked with the planner's checker
    under the locks; a class date's seats are counted as a booking by hand counts them, since
    the planner counts the class's enrolled courses and not who was booked into one date."""
    if team is not None:
        session, _created = team_occurrence(team_class=team, day=planned.day)
        check_seat(session=session, team_class=team, course=course)
    else:
        session = Session.objects.create(
            municipality=course.municipality,
            kind=SessionKind.INDIVIDUAL,
            contact_type=ContactType.CENTRE,
            therapist=therapists[planned.therapist_id],
            starts_at=datetime.datetime.combine(planned.day, planned.start, tzinfo=COPENHAGEN),
            duration_minutes=planned.minutes,
        )
    Attendance.objects.create(session=session, course=course)


def _offer_free_choice(user: User, proposal: PlanProposal, result: planning.PlanResult) -> int:
    """Under SUL140 a citizen who cannot start in time is offered free choice of provider."""
    course_ids = [int(item.course_id) for item in result.unplanned if item.free_choice_offer] + [
        int(start.course_id) for start in result.starts if start.free_choice_offer
    ]
    offered = 0
    for course in Course.objects.filter(
        pk__in=course_ids, municipality=proposal.municipality
    ).select_related("referral", "citizen"):
        referral = course.referral
        if referral is None or referral.free_choice:
            continue
        referral.free_choice = FreeChoice.OFFERED
        referral.save(update_fields=["free_choice"])
        audit_record(
            user=user,
            action=AuditAction.CHANGE,
            citizen=course.citizen,
            target=referral,
            summary=_("Frit valg af leverandør tilbudt: opstart kan ikke ske inden fristen"),
        )
        offered += 1
    return offered
