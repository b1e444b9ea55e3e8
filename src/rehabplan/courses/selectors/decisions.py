"""Reading what a decision rests on: the citizen's facts and the engine's answers to them.

Nothing here decides anything; `rehabplan.rules` does, from the facts gathered here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Exists, F, Max, OuterRef, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import (
    OPEN_COURSE_STATUSES,
    Assessment,
    Course,
    CourseStatus,
    DeadlineKind,
    Decision,
    DecisionOutcome,
    Referral,
    ReferralSource,
    ReferralStatus,
    StoredDeadline,
)
from rehabplan.courses.selectors import REFERRAL_LARGE_FIELDS, days_left_text
from rehabplan.courses.services.assessments import latest_fsiii_levels
from rehabplan.organisation.standards import installation_registry
from rehabplan.rules.calendar import add_months, add_weeks

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen
    from rehabplan.organisation.models import Municipality

OPEN_REFERRAL_STATUSES = (
    ReferralStatus.NEW,
    ReferralStatus.AWAITING_DECISION,
    ReferralStatus.GRANTED,
    ReferralStatus.PLANNED,
)
UNDECIDED_STATUSES = (ReferralStatus.NEW, ReferralStatus.AWAITING_DECISION)
# Conditions answered by the visitator's yes/no questions rather than a criterion-by-criterion
# judgement.
FACT_CONDITIONS = ("fact_true", "fact_false")
PROGRAMME_LABELS = {
    "kol": "KOL (lungesygdom)",
    "type2_diabetes": "Type 2-diabetes",
    "hjertekar": "Hjerte-kar-sygdom",
    "kraeft": "Kræft",
    "mental_sundhed": "Mental sundhed",
    "ryg": "Kroniske rygproblemer",
    "osteoporose": "Osteoporose",
    "gigt": "Gigt",
    "depression": "Let til moderat depression",
    "rygestop": "Rygestop",
}


@dataclass(frozen=True)
class DecisionAnswers:
    """What the visitator answers on the decision form; None is 'not stated'."""

    needs_pt_and_ot: bool | None = None
    motivated: bool | None = None
    can_train_alone: bool | None = None
    programme: str | None = None
    # Criterion id (without the municipality prefix) -> professionally judged met or not.
    judgements: dict[str, bool] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "needs_pt_and_ot": self.needs_pt_and_ot,
            "motivated": self.motivated,
            "can_train_alone": self.can_train_alone,
            "programme": self.programme,
            "judgements": dict(self.judgements),
        }


@dataclass(frozen=True)
class AnswerableCriterion:
    """A criterion the visitator may judge: the engine cannot settle it from facts alone."""

    key: str
    text: str


@dataclass(frozen=True)
class ExtentDefaults:
    """The extent the form is prefilled with, straight from the engine."""

    sessions: int | None
    weeks: int | None
    sessions_per_week: int | None
    period_start: datetime.date
    period_end: datetime.date | None


@dataclass(frozen=True)
class DecisionBasis:
    facts: dict[str, Any]
    eligibility: rules.EligibilityResult
    extent: rules.ExtentResult
    legal_basis: rules.LegalBasis
    transport: rules.TransportResult
    complaint: rules.ComplaintGuidance
    attendance: rules.AttendanceRules
    defaults: ExtentDefaults
    answerable: tuple[AnswerableCriterion, ...]
    service: rules.Service | None = None
    asks_programme: bool = False  # a criterion depends on the citizen's forløbsprogram

    @property
    def has_gop(self) -> bool:
        """The service follows § 140: a level and a plan, no grant or refusal."""
        return self.service is not None and self.service.process.has_gop

    on: datetime.date | None = None  # the day whose standard was asked

    @property
    def is_grant(self) -> bool:
        return self.eligibility.decision == "grant"

    @property
    def unmet(self) -> list[rules.Criterion]:
        return [c for c in self.eligibility.criteria if c.status == "unmet"]

    @property
    def unknown(self) -> list[rules.Criterion]:
        return [c for c in self.eligibility.criteria if c.status == "unknown"]


def criterion_key(criterion_id: str) -> str:
    """The engine's qualified id "varde:RAAD.recent_course" without the municipality."""
    return criterion_id.split(":", 1)[-1]


def referral_for_user(*, user: User, referral_id: int) -> Referral:
    """A referral of the user's municipality, or 404."""
    try:
        return (
            Referral.objects.for_user(user)
            .select_related("citizen", "municipality")
            .get(pk=referral_id)
        )
    except Referral.DoesNotExist:
        raise Http404(_("Henvisningen findes ikke.")) from None


def decision_for_user(*, user: User, decision_id: int, purpose: str = "") -> Decision:
    """A decision of the user's municipality, or 404; with `purpose`, the view is audited."""
    try:
        decision = (
            Decision.objects.for_user(user)
            .select_related("referral__citizen", "referral__municipality", "letter")
            .get(pk=decision_id)
        )
    except Decision.DoesNotExist:
        raise Http404(_("Afgørelsen findes ikke.")) from None
    if purpose:
        decision_view_record(user=user, decision=decision, summary=purpose)
    return decision


def referral_decisions(referral: Referral) -> QuerySet[Decision]:
    """The decisions on a referral read through the user's scope, the newest first, with their
    letters but not the letters' PDF or text."""
    return (
        Decision.objects.of_municipality(referral.municipality_id)
        .filter(referral=referral)
        .select_related("referral", "decided_by", "letter")
        .defer("letter__document", "letter__body_text")
        .order_by("-decided_on", "-id")
    )


def referral_assessments(referral: Referral) -> QuerySet[Assessment]:
    """The FSIII assessments recorded on a referral, the newest first, with their items."""
    return (
        Assessment.objects.of_municipality(referral.municipality_id)
        .filter(referral=referral)
        .prefetch_related("items")
        .order_by("-assessed_on", "-id")
    )


def decision_view_record(*, user: User, decision: Decision, summary: str) -> None:
    """A page about to show a decision is a view of the citizen's referral."""
    _audit_referral_view(user, decision.referral, summary)


def _audit_referral_view(user: User, referral: Referral, summary: str) -> None:
    audit_record(
        user=user,
        action=AuditAction.VIEW,
        citizen=referral.citizen,
        target=referral,
        summary=summary,
    )


def referral_facts(
    referral: Referral, *, on: datetime.date, answers: DecisionAnswers | None = None
) -> dict[str, Any]:
    """The engine's facts (see rehabplan.rules.facts) from the citizen's record and the
    visitator's answers."""
    answers = answers or DecisionAnswers()
    citizen = referral.citizen
    municipality_id = referral.municipality_id
    ended = (
        Course.objects.of_municipality(municipality_id)
        .filter(
            citizen=citizen, status=CourseStatus.CLOSED, ended_on__isnull=False, ended_on__lte=on
        )
        .exclude(referral=referral)
        .values("service_code")
        .annotate(last=Max("ended_on"))
    )
    granted = (
        Decision.objects.of_municipality(municipality_id)
        .filter(referral__citizen=citizen, outcome=DecisionOutcome.GRANTED, decided_on__lte=on)
        .exclude(referral=referral)
        .values("referral__service_code")
        .annotate(last=Max("decided_on"))
    )
    others = set(
        Course.objects.of_municipality(municipality_id)
        .filter(citizen=citizen, status__in=OPEN_COURSE_STATUSES)
        .exclude(referral=referral)
        .values_list("service_code", flat=True)
    )
    others |= set(
        Referral.objects.of_municipality(municipality_id)
        .filter(citizen=citizen, status__in=OPEN_REFERRAL_STATUSES)
        .exclude(pk=referral.pk)
        .values_list("service_code", flat=True)
    )
    facts: dict[str, Any] = {
        "birth_date": citizen.birth_date,
        "covered_by_aeldreloven": citizen.covered_by_aeldreloven,
        "last_course_end": {row["service_code"]: row["last"] for row in ended},
        "last_grant": {row["referral__service_code"]: row["last"] for row in granted},
        # Whether another service concerns the same impairment is the visitator's judgement.
        "other_services": [{"service": code, "impairment": None} for code in sorted(others)],
        "needs_pt_and_ot": answers.needs_pt_and_ot,
        "motivated": answers.motivated,
        "can_train_alone": answers.can_train_alone,
        "programme": answers.programme or None,
        "assessments": dict(answers.judgements),
    }
    fsiii = latest_fsiii_levels(citizen, on=on)
    if fsiii:
        facts["fsiii"] = fsiii
    service = referral.service
    if service is not None and service.process.has_gop:
        facts["has_gop"] = referral.source == ReferralSource.HOSPITAL_GOP or bool(
            referral.gop_content
        )
    return facts


def extent_defaults(extent: rules.ExtentResult, start: datetime.date) -> ExtentDefaults:
    weeks = extent.max_weeks or extent.typical_weeks
    return ExtentDefaults(
        sessions=extent.max_sessions,
        weeks=weeks,
        sessions_per_week=extent.max_sessions_per_week,
        period_start=start,
        period_end=period_end_for(extent, start, weeks),
    )


def period_end_for(
    extent: rules.ExtentResult, start: datetime.date, weeks: int | None
) -> datetime.date | None:
    if weeks:
        return add_weeks(start, weeks)
    if extent.max_months:
        return add_months(start, extent.max_months)
    return None


def decision_basis(
    referral: Referral, *, on: datetime.date, answers: DecisionAnswers | None = None
) -> DecisionBasis:
    """Everything the engine says about this referral on the decision date."""
    registry = installation_registry()
    slug = referral.municipality.slug
    service = referral.service_code
    facts = referral_facts(referral, on=on, answers=answers)
    eligibility = rules.eligibility(registry, slug, service, on=on, facts=facts)
    extent = rules.extent(registry, slug, service, on=on, facts=facts)
    answerable = []
    resolved = registry.resolve(slug, on)
    criterion_rules = resolved.rules_for(service, "criterion")
    conditions = {rule.qualified_id: rule.params.get("condition") for rule in criterion_rules}
    recorded = (answers or DecisionAnswers()).judgements
    for criterion in eligibility.criteria:
        condition = conditions.get(criterion.id)
        if condition is None or condition in FACT_CONDITIONS:
            continue
        key = criterion_key(criterion.id)
        if condition == "judgement" or criterion.status == "unknown" or key in recorded:
            answerable.append(AnswerableCriterion(key, criterion.text))
    return DecisionBasis(
        facts=facts,
        eligibility=eligibility,
        extent=extent,
        legal_basis=rules.legal_basis(registry, slug, service, on=on, facts=facts),
        transport=rules.transport(registry, slug, service, on=on),
        complaint=rules.complaint_guidance(registry, slug, service, on=on),
        attendance=rules.attendance_rules(registry, slug, service, on=on),
        defaults=extent_defaults(extent, on),
        answerable=tuple(answerable),
        service=resolved.service(service),
        asks_programme=any(
            rule.params.get("condition") == "has_programme" or "except_programmes" in rule.params
            for rule in criterion_rules
        ),
        on=on,
    )


# --- Screens -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionScreen:
    """What the decision screen (or the § 140 plan screen) of a referral shows.

    `decided` is set when the referral is decided already; `standard_problem` when the
    quality standard cannot be used on the day. Otherwise `basis` is the engine's answer
    before the visitator has answered anything, and the view has been audited.
    """

    referral: Referral
    basis: DecisionBasis | None = None
    decided: bool = False
    decision: Decision | None = None
    standard_problem: str = ""
    latest_assessment: Assessment | None = None


def decision_screen(*, user: User, referral_id: int, on: datetime.date) -> DecisionScreen:
    """The referral's decision screen on the day; the view of the citizen's data is audited."""
    referral = referral_for_user(user=user, referral_id=referral_id)
    if referral.status not in UNDECIDED_STATUSES:
        decision = referral.decisions.order_by("-decided_on", "-id").first()
        return DecisionScreen(referral, decided=True, decision=decision)
    try:
        # The list of criteria the visitator may judge is taken before any answer is given,
        # so the form's fields stay the same between the two steps.
        basis = decision_basis(referral, on=on)
    except rules.RulesError as error:
        return DecisionScreen(referral, standard_problem=str(error))
    if basis.has_gop:
        _audit_referral_view(user, referral, _("Plan for genoptræning vist"))
        return DecisionScreen(referral, basis)
    _audit_referral_view(user, referral, _("Afgørelsesskærm vist"))
    latest_assessment = (
        referral.citizen.assessments.order_by("-assessed_on", "-id")
        .prefetch_related("items")
        .first()
    )
    return DecisionScreen(referral, basis, latest_assessment=latest_assessment)


@dataclass(frozen=True)
class AwaitingRow:
    referral: Referral
    deadline_kind: str
    decision_due: datetime.date | None
    days_left: int | None
    days_left_text: str
    assessed: bool


@dataclass(frozen=True)
class UnconfirmedLetterRow:
    decision: Decision
    days_since: int


@dataclass(frozen=True)
class VisitatorWorklist:
    """The first rows of each list on the start page and how many there are in all."""

    awaiting: list[AwaitingRow]
    awaiting_count: int
    unconfirmed: list[UnconfirmedLetterRow]
    unconfirmed_count: int


# The deadline a referral waiting for a decision is sorted by: the decision deadline where the
# standard sets one, otherwise the next deadline it does set.
DEADLINE_PRIORITY = (DeadlineKind.DECISION, DeadlineKind.CONTACT, DeadlineKind.START)
# Decision fields that lists never show: the engine's results and the letter's texts.
DECISION_LARGE_FIELDS = (
    "eligibility",
    "engine_extent",
    "transport",
    "complaint_guidance",
    "plan_text",
    "deviation_reason",
    "refusal_reason",
)


def _sorting_deadline(municipality: Municipality, field_name: str) -> Subquery:
    ranked = (
        StoredDeadline.objects.of_municipality(municipality)
        .filter(referral=OuterRef("pk"), due__isnull=False)
        .annotate(
            rank=Case(
                *(When(kind=kind, then=Value(i)) for i, kind in enumerate(DEADLINE_PRIORITY)),
                default=Value(len(DEADLINE_PRIORITY)),
            )
        )
        .order_by("rank", "due")
    )
    return Subquery(ranked.values(field_name)[:1])


def awaiting_decision(*, municipality: Municipality) -> QuerySet[Referral]:
    """Referrals that wait for assessment or decision, the soonest deadline first; the
    deadline (`sorting_due`, `sorting_kind`) and whether one is assessed come from SQL."""
    assessments = Assessment.objects.of_municipality(municipality).filter(referral=OuterRef("pk"))
    return (
        Referral.objects.of_municipality(municipality)
        .filter(status__in=UNDECIDED_STATUSES)
        .select_related("citizen", "municipality")
        .defer(*REFERRAL_LARGE_FIELDS)
        .annotate(
            sorting_due=_sorting_deadline(municipality, "due"),
            sorting_kind=_sorting_deadline(municipality, "kind"),
            assessed=Exists(assessments),
        )
        .order_by(F("sorting_due").asc(nulls_last=True), "pk")
    )


def awaiting_rows(referrals: list[Referral], today: datetime.date) -> list[AwaitingRow]:
    rows = []
    for referral in referrals:
        due = referral.sorting_due
        rows.append(
            AwaitingRow(
                referral=referral,
                deadline_kind=DeadlineKind(referral.sorting_kind).label if due else "",
                decision_due=due,
                days_left=(due - today).days if due else None,
                days_left_text=days_left_text(due, today) if due else _("Ingen frist"),
                assessed=referral.assessed,
            )
        )
    return rows


def unconfirmed_letters(*, municipality: Municipality) -> QuerySet[Decision]:
    """Decisions whose letter's arrival at the citizen is not recorded, the oldest first. The
    letter's PDF and text stay in the database."""
    return (
        Decision.objects.of_municipality(municipality)
        .filter(letter__isnull=False, letter_received_on__isnull=True)
        .select_related("referral__citizen", "letter")
        .defer(
            *DECISION_LARGE_FIELDS,
            *(f"referral__{name}" for name in REFERRAL_LARGE_FIELDS),
            "letter__document",
            "letter__body_text",
        )
        .order_by("decided_on", "id")
    )


def unconfirmed_rows(decisions: list[Decision], today: datetime.date) -> list[UnconfirmedLetterRow]:
    return [
        UnconfirmedLetterRow(decision, (today - decision.decided_on).days) for decision in decisions
    ]


def visitator_worklist(
    *, municipality: Municipality, today: datetime.date | None = None, limit: int = 25
) -> VisitatorWorklist:
    """The first `limit` referrals waiting for assessment or decision and letters whose arrival
    is not recorded, each with its count: two lists and two counts, four queries."""
    today = today or timezone.localdate()
    awaiting = awaiting_decision(municipality=municipality)
    letters = unconfirmed_letters(municipality=municipality)
    return VisitatorWorklist(
        awaiting=awaiting_rows(list(awaiting[:limit]), today),
        awaiting_count=awaiting.count(),
        unconfirmed=unconfirmed_rows(list(letters[:limit]), today),
        unconfirmed_count=letters.count(),
    )


@dataclass(frozen=True)
class CitizenDecisions:
    undecided: list[Referral]
    decisions: list[Decision]
    assessments: list[Any]
    more_decisions: bool  # older decisions than the ones shown exist


# The citizen page shows the newest decisions and assessments; older ones are on their cases.
CITIZEN_DECISION_ROWS = 10
CITIZEN_ASSESSMENT_ROWS = 5


def decisions_for_citizen(citizen: Citizen) -> CitizenDecisions:
    """The citizen's undecided referrals, newest decisions and latest assessments: each list is
    bounded, and the decisions' letters and engine results stay in the database. The referrals
    are given the citizen's municipality rather than have it joined into each query."""
    decisions = list(
        Decision.objects.of_municipality(citizen.municipality_id)
        .filter(referral__citizen=citizen)
        .select_related("referral")
        .defer(*DECISION_LARGE_FIELDS, *(f"referral__{name}" for name in REFERRAL_LARGE_FIELDS))
        .order_by("-decided_on", "-id")[: CITIZEN_DECISION_ROWS + 1]
    )
    undecided = list(
        citizen.referrals.filter(status__in=UNDECIDED_STATUSES)
        .defer(*REFERRAL_LARGE_FIELDS)
        .order_by("received_on", "id")[:CITIZEN_DECISION_ROWS]
    )
    municipality = citizen.municipality
    for referral in (*undecided, *(decision.referral for decision in decisions)):
        referral.municipality = municipality
    return CitizenDecisions(
        undecided=undecided,
        decisions=decisions[:CITIZEN_DECISION_ROWS],
        assessments=list(
            citizen.assessments.select_related("assessed_by")
            .prefetch_related("items")
            .order_by("-assessed_on", "-id")[:CITIZEN_ASSESSMENT_ROWS]
        ),
        more_decisions=len(decisions) > CITIZEN_DECISION_ROWS,
    )


def decision_letter_export(*, user: User, decision_id: int) -> tuple[str, bytes]:
    """The decision's letter as sent (file name, PDF bytes); the export is audited."""
    decision = decision_for_user(user=user, decision_id=decision_id)
    if decision.letter is None or not decision.letter.document:
        raise Http404(_("Afgørelsen har intet brev."))
    audit_record(
        user=user,
        action=AuditAction.EXPORT,
        citizen=decision.referral.citizen,
        target=decision.letter,
        summary=_("%(kind)s hentet som PDF") % {"kind": decision.letter.get_kind_display()},
    )
    prefix = "planbrev" if decision.outcome == DecisionOutcome.PLAN else "afgoerelse"
    return f"{prefix}-{decision.pk}.pdf", bytes(decision.letter.document)
