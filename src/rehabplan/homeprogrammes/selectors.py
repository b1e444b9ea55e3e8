"""Reads of home programmes, every one from the course's municipality."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from rehabplan.exercises.dosage import Dosage
from rehabplan.exercises.library import Exercise, Library, default_library
from rehabplan.formats.text import day_text
from rehabplan.homeprogrammes.models import AdherenceWeek, HomeProgramme
from rehabplan.planning.calendar import monday_of

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.courses.models import Course

# Weeks the course page shows of the citizen's training at home.
ADHERENCE_WEEKS_SHOWN = 6


@dataclass(frozen=True)
class ProgrammeItem:
    """One exercise of a saved programme with what the library says of it; `exercise` is None
    when the library no longer has the key (the key is then shown as the name)."""

    order: int
    key: str
    exercise: Exercise | None
    dosage: Dosage
    note: str

    @property
    def name(self) -> str:
        return self.exercise.name if self.exercise else self.key

    @property
    def dosage_text(self) -> str:
        return self.dosage.describe()

    @property
    def figure(self) -> str:
        """The library's drawing as inline SVG (made from the library's own data)."""
        return mark_safe(self.exercise.svg()) if self.exercise else ""


@dataclass(frozen=True)
class WeekRow:
    week_start: datetime.date
    done: int | None
    target: int
    source_label: str

    @property
    def share(self) -> int | None:
        """Per cent of the target trained, at most 100; None when the week is not recorded."""
        if self.done is None:
            return None
        return min(100, round(100 * self.done / self.target))

    @property
    def words(self) -> str:
        if self.done is None:
            return _("Ikke registreret")
        if self.done >= self.target:
            return _("Målet er nået")
        if self.done == 0:
            return _("Ingen træning")
        return _("Under målet")


def programmes_of(course: Course) -> QuerySet[HomeProgramme]:
    return HomeProgramme.objects.of_municipality(course.municipality_id).filter(course=course)


def current_programme(course: Course) -> HomeProgramme | None:
    return (
        programmes_of(course)
        .select_related("created_by")
        .prefetch_related("exercises")
        .order_by("-version")
        .first()
    )


def programme_get(*, user: User, programme_id: int) -> HomeProgramme:
    """One programme version of the user's municipality; 404 for any other."""
    try:
        return (
            HomeProgramme.objects.for_user(user)
            .select_related("course__citizen", "course__municipality", "created_by")
            .prefetch_related("exercises")
            .get(pk=programme_id)
        )
    except HomeProgramme.DoesNotExist:
        raise Http404(_("Programmet findes ikke.")) from None


def programme_items(
    programme: HomeProgramme, library: Library | None = None
) -> list[ProgrammeItem]:
    library = library or default_library()
    return [
        ProgrammeItem(
            row.order, row.exercise_key, library.get(row.exercise_key), row.dosage, row.note
        )
        for row in programme.exercises.all()
    ]


def adherence_weeks(
    course: Course, programme: HomeProgramme | None, today: datetime.date | None = None
) -> list[WeekRow]:
    """The last weeks from the programme's first week to this week, newest first, each with
    the sessions done (None when not recorded) against the weekly target of the programme
    in force that week."""
    if programme is None:
        return []
    today = today or timezone.localdate()
    programmes = list(programmes_of(course).order_by("version").values("start_on", "per_week"))
    first = monday_of(programmes[0]["start_on"])
    this_week = monday_of(today)
    if course.ended_on:
        this_week = min(this_week, monday_of(course.ended_on) + datetime.timedelta(weeks=4))
    recorded = {
        week.week_start: week
        for week in AdherenceWeek.objects.of_municipality(course.municipality_id).filter(
            course=course,
            week_start__gte=this_week - datetime.timedelta(weeks=ADHERENCE_WEEKS_SHOWN),
        )
    }
    rows = []
    week = this_week
    while week >= first and len(rows) < ADHERENCE_WEEKS_SHOWN:
        target = programmes[0]["per_week"]
        for version in programmes:
            if version["start_on"] <= week + datetime.timedelta(days=6):
                target = version["per_week"]
        record = recorded.get(week)
        rows.append(
            WeekRow(
                week_start=week,
                done=record.sessions_done if record else None,
                target=target,
                source_label=record.get_source_display() if record else "",
            )
        )
        week -= datetime.timedelta(weeks=1)
    return rows


def programme_sheet(programme: HomeProgramme, library: Library | None = None) -> Any:
    """What the citizen's PDF prints of one programme version."""
    from rehabplan.homeprogrammes.pdf import ProgrammeSheet

    course = programme.course
    municipality = course.municipality
    return ProgrammeSheet(
        municipality=municipality.name,
        unit=municipality.unit_name,
        phone=municipality.phone,
        citizen_name=course.citizen.full_name,
        version=programme.version,
        start_on=programme.start_on,
        per_week=programme.per_week,
        note=programme.note,
        items=tuple(programme_items(programme, library)),
    )


def programme_pdf(programme: HomeProgramme) -> bytes:
    from rehabplan.homeprogrammes.pdf import render_programme_pdf

    return render_programme_pdf(programme_sheet(programme))


def programme_summary(programme: HomeProgramme, library: Library | None = None) -> list[str]:
    """The exercises as lines for a letter or a note: "1. Rejse sig fra stol: 3 sæt × 10 ..."."""
    return [
        f"{item.order}. {item.name}: {item.dosage_text}"
        for item in programme_items(programme, library)
    ]


def programme_heading(programme: HomeProgramme) -> str:
    return _("Version %(version)d fra %(start)s, %(per_week)d træningsgange om ugen") % {
        "version": programme.version,
        "start": day_text(programme.start_on),
        "per_week": programme.per_week,
    }
