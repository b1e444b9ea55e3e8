"""Reading for the intake screens: the visitator's inbox, one case, the clock in words.

The level and team class shown in the inbox are proposals with their reason; the visitator
decides.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import (
    CourseStatus,
    DeadlineKind,
    GopLevel,
    PlanType,
    Referral,
    ReferralStatus,
    StoredDeadline,
)
from rehabplan.courses.selectors import OPEN_REFERRAL_STATUSES, days_left_text
from rehabplan.formats.text import day_text
from rehabplan.organisation.models import Municipality, TeamClass, TrainingLevel

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen


INBOX_STATUSES = (ReferralStatus.NEW,)
LAPSE_WARNING_DAYS = 30
# Courses that hold a seat on a team class.
SEAT_HOLDING_STATUSES = (
    CourseStatus.AWAITING_START,
    CourseStatus.ACTIVE,
    CourseStatus.PROPOSED_FOR_ENDING,
)
EVENT_NAMES = {
    "discharge": gettext_lazy("udskrivningsdatoen"),
    "received": gettext_lazy("modtagelsen"),
    "decided": gettext_lazy("afgørelsen"),
    "granted": gettext_lazy("bevillingen"),
    "gop_start": gettext_lazy("sygehusets starttidspunkt"),
}
# Words in a general (almen) plan that point to extensive loss of function or complications,
# the marks of the advanced level in "Bekendtgørelse om genoptræningsplaner" as the quality
# standards describe it.
ADVANCED_LEVEL_MARKERS = (
    "avanceret",
    "komplikation",
    "omfattende",
    "flere livsområder",
    "tværfaglig",
)


def referral_get(*, user: User, referral_id: int, purpose: str = "") -> Referral:
    """One referral of the user's municipality, its view logged; 404 for any other."""
    try:
        referral = (
            Referral.objects.for_user(user)
            .select_related("citizen", "municipality")
            .get(pk=referral_id)
        )
    except Referral.DoesNotExist:
        raise Http404(_("Henvisningen findes ikke.")) from None
    audit_record(
        user=user,
        action=AuditAction.VIEW,
        citizen=referral.citizen,
        target=referral,
        summary=purpose or _("Henvisning vist"),
    )
    return referral


@dataclass(frozen=True)
class DeadlineState:
    """A deadline and its state in words (never colour alone)."""

    kind: str
    label: str
    deadline: StoredDeadline | None
    text: str
    urgent: bool
    overdue: bool


def deadline_state(
    deadline: StoredDeadline | None, today: datetime.date, label: str = ""
) -> DeadlineState:
    if deadline is None:
        return DeadlineState("", label, None, _("Ingen frist"), False, False)
    label = label or deadline.get_kind_display()
    if deadline.met_on is not None:
        if deadline.due is not None and deadline.met_on > deadline.due:
            late = (deadline.met_on - deadline.due).days
            text = ngettext(
                "Opfyldt %(date)s, %(days)d dag for sent",
                "Opfyldt %(date)s, %(days)d dage for sent",
                late,
            ) % {"date": day_text(deadline.met_on), "days": late}
        else:
            text = _("Opfyldt %(date)s") % {"date": day_text(deadline.met_on)}
        return DeadlineState(deadline.kind, label, deadline, text, False, False)
    if deadline.due is None:
        event = EVENT_NAMES.get(deadline.depends_on, deadline.depends_on)
        text = _("Afventer %(event)s") % {"event": event}
        return DeadlineState(deadline.kind, label, deadline, text, False, False)
    days = (deadline.due - today).days
    text = f"{days_left_text(deadline.due, today)} ({day_text(deadline.due)})"
    return DeadlineState(deadline.kind, label, deadline, text, days <= 2, days < 0)


def deadline_states(referral: Referral, today: datetime.date) -> list[DeadlineState]:
    return [deadline_state(deadline, today) for deadline in referral.deadlines.all()]


@dataclass(frozen=True)
class LevelProposal:
    level: str
    label: str
    reason: str


@dataclass(frozen=True)
class TeamProposal:
    team_class: TeamClass | None
    free_seats: int
    reason: str


def _plan_text(referral: Referral) -> str:
    content = referral.gop_content or {}
    parts = [
        content.get(key, "")
        for key in (
            "ability_at_discharge_summary",
            "ability_at_discharge_extended",
            "rehabilitation_need_and_potential",
            "patient_health_summary",
        )
    ]
    return " ".join(part for part in parts if part).casefold()


def propose_level(referral: Referral) -> LevelProposal | None:
    """A proposed level for the course: the GOP level for a service that follows § 140, else
    the team-class level the standard gives the service."""
    service = referral.service
    if service is None:
        return None
    if service.process.has_gop:
        if referral.gop_level:
            return LevelProposal(
                referral.gop_level,
                referral.get_gop_level_display(),
                _("Niveauet er fastsat af visitator."),
            )
        if referral.plan_type in (PlanType.SPECIALISED, PlanType.REHABILITATION):
            return LevelProposal(
                GopLevel.ADVANCED,
                GopLevel.ADVANCED.label,
                _(
                    "Planen er %(type)s: sygehuset varetager den specialiserede del; kommunens "
                    "del foreslås på avanceret niveau."
                )
                % {"type": referral.get_plan_type_display().lower()},
            )
        text = _plan_text(referral)
        for marker in ADVANCED_LEVEL_MARKERS:
            if re.search(rf"\b{re.escape(marker)}", text):
                return LevelProposal(
                    GopLevel.ADVANCED,
                    GopLevel.ADVANCED.label,
                    _(
                        "Almen plan, men teksten nævner \u201c%(word)s\u201d: tegn på omfattende "
                        "funktionsnedsættelse eller komplikationer, derfor avanceret niveau."
                    )
                    % {"word": marker},
                )
        return LevelProposal(
            GopLevel.BASAL,
            GopLevel.BASAL.label,
            _(
                "Almen plan uden tegn på omfattende funktionsnedsættelse eller komplikationer: "
                "basalt niveau."
            ),
        )
    level = TrainingLevel(service.level) if service.level in TrainingLevel.values else None
    if level is None:
        return None
    return LevelProposal(
        level.value,
        level.label,
        _("Holdniveau for %(service)s efter kvalitetsstandarden.") % {"service": service.name},
    )


def team_classes_with_seats(municipality: Municipality, level: str) -> QuerySet[TeamClass]:
    """Active team classes on a level, with `taken` = courses holding a seat."""
    return (
        TeamClass.objects.filter(municipality=municipality, level=level, active=True)
        .annotate(taken=Count("courses", filter=Q(courses__status__in=SEAT_HOLDING_STATUSES)))
        .select_related("location")
        .order_by("weekday", "starts_at", "pk")
    )


def propose_team_class(municipality: Municipality, level: LevelProposal | None) -> TeamProposal:
    if level is None:
        return TeamProposal(None, 0, _("Intet holdforslag for denne indsats."))
    classes = list(team_classes_with_seats(municipality, level.level))
    if not classes:
        return TeamProposal(
            None, 0, _("Der er intet aktivt hold på niveau %(level)s.") % {"level": level.label}
        )
    best = max(classes, key=lambda team: team.capacity - team.taken)
    free = best.capacity - best.taken
    if free <= 0:
        return TeamProposal(
            None,
            0,
            _(
                "Alle hold på niveau %(level)s er fulde; overvej individuel træning eller "
                "venteliste."
            )
            % {"level": level.label},
        )
    return TeamProposal(
        best,
        free,
        ngettext(
            "Niveau %(level)s passer; holdet har %(free)d ledig plads af %(capacity)d.",
            "Niveau %(level)s passer; holdet har %(free)d ledige pladser af %(capacity)d.",
            free,
        )
        % {"level": level.label, "free": free, "capacity": best.capacity},
    )


@dataclass(frozen=True)
class InboxRow:
    referral: Referral
    contact: DeadlineState
    start: DeadlineState
    decision: DeadlineState | None
    most_urgent_due: datetime.date | None
    level: LevelProposal | None
    team: TeamProposal


def intake_inbox(*, municipality: Municipality, today: datetime.date) -> list[InboxRow]:
    """New GOPs and applications, the most urgent open deadline first."""
    referrals = (
        Referral.objects.of_municipality(municipality)
        .filter(status__in=INBOX_STATUSES)
        .select_related("citizen")
        .prefetch_related("deadlines")
    )
    rows = []
    teams: dict[str, TeamProposal] = {}  # one capacity count per level, not per row
    for referral in referrals:
        by_kind = {deadline.kind: deadline for deadline in referral.deadlines.all()}
        open_dues = [
            deadline.due
            for deadline in by_kind.values()
            if deadline.due is not None and deadline.met_on is None
        ]
        if any(deadline.due is None and deadline.depends_on for deadline in by_kind.values()):
            # A deadline that cannot be computed yet (no discharge date) is as urgent as the
            # day the case arrived: someone has to find the missing date.
            open_dues.append(referral.received_on)
        level = propose_level(referral)
        decision = by_kind.get(DeadlineKind.DECISION)
        rows.append(
            InboxRow(
                referral=referral,
                contact=deadline_state(by_kind.get(DeadlineKind.CONTACT), today),
                start=deadline_state(by_kind.get(DeadlineKind.START), today),
                decision=deadline_state(decision, today) if decision is not None else None,
                most_urgent_due=min(open_dues) if open_dues else None,
                level=level,
                team=_team_for(municipality, level, teams),
            )
        )
    return sorted(
        rows,
        key=lambda row: (
            row.most_urgent_due is None,
            row.most_urgent_due or datetime.date.max,
            row.referral.pk,
        ),
    )


def _team_for(
    municipality: Municipality, level: LevelProposal | None, known: dict[str, TeamProposal]
) -> TeamProposal:
    key = level.level if level is not None else ""
    if key not in known:
        known[key] = propose_team_class(municipality, level)
    return known[key]


@dataclass(frozen=True)
class LapseWarning:
    referral: Referral
    valid_until: datetime.date
    text: str
    lapsed: bool


def _lapse_warning(
    referral: Referral, valid_until: datetime.date, today: datetime.date
) -> LapseWarning:
    days = (valid_until - today).days
    if days < 0:
        text = ngettext(
            "Henvisningen udløb for %(days)d dag siden (%(date)s); bed lægen om en ny.",
            "Henvisningen udløb for %(days)d dage siden (%(date)s); bed lægen om en ny.",
            -days,
        )
    elif days == 0:
        text = _("Henvisningen udløber i dag (%(date)s); bed lægen om en ny.")
    else:
        text = ngettext(
            "Henvisningen udløber om %(days)d dag (%(date)s); bed lægen om en ny.",
            "Henvisningen udløber om %(days)d dage (%(date)s); bed lægen om en ny.",
            days,
        )
    values = {"days": abs(days), "date": day_text(valid_until)}
    return LapseWarning(referral, valid_until, text % values, days < 0)


def referrals_lapsing(
    *, municipality: Municipality, today: datetime.date, citizen: Citizen | None = None
) -> list[LapseWarning]:
    """Open referrals with a validity (GP referral for §140a) that lapses within 30 days."""
    referrals = (
        Referral.objects.of_municipality(municipality)
        .filter(
            status__in=OPEN_REFERRAL_STATUSES,
            valid_until__isnull=False,
            valid_until__lte=today + datetime.timedelta(days=LAPSE_WARNING_DAYS),
        )
        .select_related("citizen")
    )
    if citizen is not None:
        referrals = referrals.filter(citizen=citizen)
    return [
        _lapse_warning(referral, referral.valid_until, today)
        for referral in referrals.order_by("valid_until")
    ]


@dataclass(frozen=True)
class CitizenReferral:
    referral: Referral
    deadlines: list[DeadlineState]
    lapse: LapseWarning | None


def intake_for_citizen(*, citizen: Citizen, today: datetime.date) -> list[CitizenReferral]:
    """The citizen's referrals with the clock in words, newest first."""
    rows = []
    for referral in citizen.referrals.prefetch_related("deadlines").order_by("-received_on", "-id"):
        lapse = None
        if (
            referral.valid_until is not None
            and referral.status in OPEN_REFERRAL_STATUSES
            and referral.valid_until <= today + datetime.timedelta(days=LAPSE_WARNING_DAYS)
        ):
            lapse = _lapse_warning(referral, referral.valid_until, today)
        rows.append(CitizenReferral(referral, deadline_states(referral, today), lapse))
    return rows
