"""The therapist's day and week, the leader's week of every therapist, and the therapist's own
courses and classes. Thin views: parse the date and the therapist, call one selector, render."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.services import audit_list_view
from rehabplan.courses.selectors.calendar import (
    calendar_therapist_for,
    days_shown,
    therapist_calendar,
    therapist_calendars,
    week_start,
)
from rehabplan.courses.selectors.my_work import (
    my_classes,
    my_course_rows,
    my_open_course_ids,
    my_open_courses,
)
from rehabplan.organisation.selectors import active_therapists
from rehabplan.web.calendar.forms import CalendarForm
from rehabplan.web.paging import paged_request
from rehabplan.web.privacy import audited_view, shows_no_citizen_data

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Therapist


DOCUMENT = "courses.document_course"
PLAN = "courses.plan_courses"
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)


def _may_see_calendars(user: User) -> None:
    if not user.municipality_id or not (user.has_perm(DOCUMENT) or user.has_perm(PLAN)):
        raise PermissionDenied(_("Du har ikke adgang til kalenderen."))


def _picked(request: HttpRequest) -> tuple[CalendarForm, datetime.date, int | None]:
    """The chosen day (today when none or invalid: the form shows why) and therapist."""
    user = request.user
    form = CalendarForm(
        request.GET or None,
        municipality_id=user.municipality_id,
        may_choose=user.has_perm(PLAN),
    )
    today = timezone.localdate()
    if not form.is_bound:
        return form, today, None
    if not form.is_valid():
        return form, form.cleaned_data.get("dag") or today, None
    day = form.cleaned_data.get("dag") or today
    # Shown again as the picker would write it (dd-mm-åååå), not as the address had it.
    form.data = form.data.copy()
    form.data["dag"] = f"{day:%d-%m-%Y}"
    if "terapeut" not in form.fields:
        # A therapist asking for a colleague's calendar is refused, not quietly shown her own.
        asked = request.GET.get("terapeut", "")
        return form, day, int(asked) if asked.isdigit() else None
    therapist = form.cleaned_data.get("terapeut")
    return form, day, therapist.pk if therapist else None


def _link(name: str, day: datetime.date, therapist_id: int | None) -> str:
    query = {"dag": day.isoformat()}
    if therapist_id is not None:
        query["terapeut"] = str(therapist_id)
    return f"{reverse(name)}?{urlencode(query)}"


def _calendar_context(
    request: HttpRequest, name: str, step: datetime.timedelta, days: int
) -> dict[str, Any]:
    _may_see_calendars(request.user)
    form, day, therapist_id = _picked(request)
    therapist = calendar_therapist_for(user=request.user, therapist_id=therapist_id)
    first_day = day if days == 1 else week_start(day)
    calendar = therapist_calendar(therapist=therapist, first_day=first_day, days=days)
    chosen = therapist.pk if request.user.has_perm(PLAN) else None
    if "terapeut" in form.fields and not form.is_bound:
        form.initial["terapeut"] = therapist.pk
    form.initial.setdefault("dag", day)
    audit_list_view(
        user=request.user,
        summary=_("Kalender vist: %(name)s") % {"name": therapist.name},
        citizen_ids=calendar.citizen_ids,
    )
    return {
        "form": form,
        "calendar": calendar,
        "therapist": therapist,
        "is_own": therapist.user_id == request.user.pk,
        "day": day,
        "today": timezone.localdate(),
        "first_day": first_day,
        "last_day": first_day + datetime.timedelta(days=days - 1),
        "previous_url": _link(name, first_day - step, chosen),
        "next_url": _link(name, first_day + step, chosen),
        "today_url": _link(name, timezone.localdate(), chosen),
        "day_url": _link("calendar-day", day, chosen),
        "week_url": _link("calendar-week", day, chosen),
        "day_urls": {d.day: _link("calendar-day", d.day, chosen) for d in calendar.days},
    }


@audited_view
def calendar_day_view(request: HttpRequest) -> HttpResponse:
    context = _calendar_context(request, "calendar-day", DAY, 1)
    return render(request, "calendar/day.html", context)


@audited_view
def calendar_week_view(request: HttpRequest) -> HttpResponse:
    context = _calendar_context(request, "calendar-week", WEEK, 7)
    return render(request, "calendar/week.html", context)


# A large unit has a hundred therapists: their weeks side by side are read and shown in pages.
THERAPISTS_PER_PAGE = 10


@shows_no_citizen_data
@permission_required(PLAN, raise_exception=True)
def team_week_view(request: HttpRequest) -> HttpResponse:
    """Every active therapist's week side by side, with the load of each: no citizen names."""
    _may_see_calendars(request.user)
    form, day, _therapist = _picked(request)
    first_day = week_start(day)
    page = paged_request(
        request,
        active_therapists(request.user.municipality_id),
        per_page=THERAPISTS_PER_PAGE,
        transform=lambda therapists: therapist_calendars(
            therapists=therapists, first_day=first_day, days=7, with_people=False
        ),
    )
    form.initial.setdefault("dag", day)
    context = {
        "form": form,
        "page": page,
        "calendars": page.rows,
        "shown_days": days_shown(page.rows),
        "first_day": first_day,
        "last_day": first_day + datetime.timedelta(days=6),
        "today": timezone.localdate(),
        "previous_url": _link("team-week", first_day - WEEK, None),
        "next_url": _link("team-week", first_day + WEEK, None),
        "today_url": _link("team-week", timezone.localdate(), None),
    }
    return render(request, "calendar/team_week.html", context)


def _own_therapist(request: HttpRequest) -> Therapist:
    therapist = getattr(request.user, "therapist", None)
    if therapist is None or therapist.municipality_id != request.user.municipality_id:
        raise PermissionDenied(_("Din bruger er ikke knyttet til en terapeut."))
    return therapist


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
def my_courses_view(request: HttpRequest) -> HttpResponse:
    therapist = _own_therapist(request)
    today = timezone.localdate()
    page = paged_request(
        request,
        my_open_course_ids(therapist=therapist),
        transform=lambda ids: my_course_rows(
            my_open_courses(therapist=therapist, ids=ids), therapist=therapist, today=today
        ),
    )
    audit_list_view(
        user=request.user,
        summary=_("Mine forløb vist"),
        citizen_ids=(row.course.citizen_id for row in page.rows),
    )
    return render(request, "calendar/my_courses.html", {"page": page, "therapist": therapist})


@shows_no_citizen_data
@permission_required(DOCUMENT, raise_exception=True)
def my_classes_view(request: HttpRequest) -> HttpResponse:
    therapist = _own_therapist(request)
    rows = my_classes(therapist=therapist)
    return render(request, "calendar/my_classes.html", {"rows": rows, "therapist": therapist})
