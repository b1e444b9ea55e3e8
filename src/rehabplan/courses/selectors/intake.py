"""Reading for the intake screens: the visitator's inbox, one case, the clock in words.

The level and team class shown in the inbox are proposals with their reason; the visitator
decides.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    DateField,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    When,
)
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import (
    OPEN_COURSE_STATUSES,
    Course,
    DeadlineKind,
    GopLevel,
    PlanType,
    Referral,
    ReferralStatus,
    StoredDeadline,
)
from rehabplan.courses.selectors import (
    OPEN_REFERRAL_STATUSES,
    REFERRAL_LARGE_FIELDS,
    days_left_text,
)
from rehabplan.courses.selectors.counting import count_per_row
from rehabplan.formats.text import day_text
from rehabplan.organisation.models import Municipality, TeamClass, TrainingLevel
from rehabplan.organisation.selectors import active_team_classes

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen


INBOX_STATUSES = (ReferralStatus.NEW,)
LAPSE_WARNING_DAYS = 30
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


def referral_get(
    *, user: User, referral_id: int, purpose: str = "", lock: bool = False
) -> Referral:
    """One referral of the user's municipality, its view logged; 404 for any other. With `lock`,
    its row stays locked to the end of the transaction, for a change that keeps what it reads."""
    referrals = Referral.objects.for_user(user).select_related("citizen", "municipality")
    if lock:
        referrals = referrals.select_for_update(of=("self",))
    try:
        referral = referrals.get(pk=referral_id)
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


def referrals_visible_to(
    user: User, *, citizen_id: int | None = None, status: str | None = None
) -> QuerySet[Referral]:
    """The referrals of the user's municipality (of one citizen, in one status), without the
    GOP content and diagnosis a list never shows. Not audited: the caller records the citizens
    of the rows it shows."""
    referrals = (
        Referral.objects.for_user(user).select_related("municipality").defer(*REFERRAL_LARGE_FIELDS)
    )
    if citizen_id is not None:
        referrals = referrals.filter(citizen_id=citizen_id)
    if status is not None:
        referrals = referrals.filter(status=status)
    return referrals


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


def team_classes_with_seats(
    municipality: Municipality, level: str | None = None
) -> QuerySet[TeamClass]:
    """Active team classes (on `level`, or all), with `taken` = courses holding a seat, counted
    per class in a subquery (a join would count every course the class ever had)."""
    classes = active_team_classes(municipality)
    if level is not None:
        classes = classes.filter(level=level)
    seats = Course.objects.of_municipality(municipality).filter(
        team_class=OuterRef("pk"), status__in=OPEN_COURSE_STATUSES
    )
    return (
        classes.annotate(taken=count_per_row(seats, "team_class"))
        .select_related("location")
        .order_by("weekday", "starts_at", "pk")
    )


def propose_team_class(
    municipality: Municipality,
    level: LevelProposal | None,
    classes_by_level: dict[str, list[TeamClass]] | None = None,
) -> TeamProposal:
    """The class with most free seats on the proposed level. `classes_by_level` is every
    active class with its seats taken, read once for a whole list; without it they are read."""
    if level is None:
        return TeamProposal(None, 0, _("Intet holdforslag for denne indsats."))
    if classes_by_level is None:
        classes = list(team_classes_with_seats(municipality, level.level))
    else:
        classes = classes_by_level.get(level.level, [])
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


def inbox_referrals(*, municipality: Municipality) -> QuerySet[Referral]:
    """New GOPs and applications, the most urgent open deadline first, sorted in SQL.

    A referral's urgency (`urgent_on`) is its earliest open deadline; a deadline that cannot be
    computed yet (no discharge date) is as urgent as the day the case arrived: someone has to
    find the missing date."""
    urgency = (
        StoredDeadline.objects.of_municipality(municipality)
        .filter(referral=OuterRef("pk"))
        .annotate(
            urgent_on=Case(
                When(due__isnull=True, depends_on__gt="", then=OuterRef("received_on")),
                When(due__isnull=False, met_on__isnull=True, then=F("due")),
                default=None,
                output_field=DateField(),
            )
        )
        .filter(urgent_on__isnull=False)
        .order_by("urgent_on")
        .values("urgent_on")[:1]
    )
    return (
        Referral.objects.of_municipality(municipality)
        .filter(status__in=INBOX_STATUSES)
        .select_related("citizen", "municipality")
        .defer("diagnosis_text")
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=StoredDeadline.objects.of_municipality(municipality).defer("explanation"),
            )
        )
        .annotate(urgent_on=Subquery(urgency))
        .order_by(F("urgent_on").asc(nulls_last=True), "pk")
    )


def inbox_rows(
    referrals: list[Referral], *, municipality: Municipality, today: datetime.date
) -> list[InboxRow]:
    """The page's referrals with their deadlines in words and a proposed level and class; the
    classes and their free seats are read once for the page."""
    if not referrals:
        return []
    classes_by_level: dict[str, list[TeamClass]] = {}
    for team_class in team_classes_with_seats(municipality):
        classes_by_level.setdefault(team_class.level, []).append(team_class)
    rows = []
    for referral in referrals:
        by_kind = {deadline.kind: deadline for deadline in referral.deadlines.all()}
        level = propose_level(referral)
        decision = by_kind.get(DeadlineKind.DECISION)
        rows.append(
            InboxRow(
                referral=referral,
                contact=deadline_state(by_kind.get(DeadlineKind.CONTACT), today),
                start=deadline_state(by_kind.get(DeadlineKind.START), today),
                decision=deadline_state(decision, today) if decision is not None else None,
                most_urgent_due=referral.urgent_on,
                level=level,
                team=propose_team_class(municipality, level, classes_by_level),
            )
        )
    return rows


def intake_inbox(
    *, municipality: Municipality, today: datetime.date, limit: int | None = None
) -> list[InboxRow]:
    """New GOPs and applications, the most urgent open deadline first (the first `limit`)."""
    referrals = inbox_referrals(municipality=municipality)
    if limit is not None:
        referrals = referrals[:limit]
    return inbox_rows(list(referrals), municipality=municipality, today=today)


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


def lapsing_referrals(
    *, municipality: Municipality, today: datetime.date, citizen: Citizen | None = None
) -> QuerySet[Referral]:
    """Open referrals with a validity (GP referral for §140a) that lapses within 30 days, the
    first to lapse first."""
    referrals = (
        Referral.objects.of_municipality(municipality)
        .filter(
            status__in=OPEN_REFERRAL_STATUSES,
            valid_until__isnull=False,
            valid_until__lte=today + datetime.timedelta(days=LAPSE_WARNING_DAYS),
        )
        .select_related("citizen", "municipality")
        .defer(*REFERRAL_LARGE_FIELDS)
    )
    if citizen is not None:
        referrals = referrals.filter(citizen=citizen)
    return referrals.order_by("valid_until", "pk")


def referrals_lapsing(
    *,
    municipality: Municipality,
    today: datetime.date,
    citizen: Citizen | None = None,
    limit: int | None = None,
) -> list[LapseWarning]:
    """The warnings for the referrals that lapse soon (the first `limit`)."""
    referrals = lapsing_referrals(municipality=municipality, today=today, citizen=citizen)
    if limit is not None:
        referrals = referrals[:limit]
    return [_lapse_warning(referral, referral.valid_until, today) for referral in referrals]


@dataclass(frozen=True)
class CitizenReferral:
    referral: Referral
    deadlines: list[DeadlineState]
    lapse: LapseWarning | None


def intake_for_citizen(
    *, citizen: Citizen, today: datetime.date, referrals: Iterable[Referral] | None = None
) -> list[CitizenReferral]:
    """The citizen's referrals with the clock in words, newest first; `referrals` are the ones
    a page already read (with their deadlines), else they are read here."""
    if referrals is None:
        referrals = citizen.referrals.prefetch_related("deadlines").order_by("-received_on", "-id")
    rows = []
    for referral in referrals:
        lapse = None
        if (
            referral.valid_until is not None
            and referral.status in OPEN_REFERRAL_STATUSES
            and referral.valid_until <= today + datetime.timedelta(days=LAPSE_WARNING_DAYS)
        ):
            lapse = _lapse_warning(referral, referral.valid_until, today)
        rows.append(CitizenReferral(referral, deadline_states(referral, today), lapse))
    return rows
