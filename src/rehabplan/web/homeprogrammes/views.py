"""The home programme screens: the builder, the versions, one version, its PDF, and the weeks
the citizen trained at home. Thin views: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import Course
from rehabplan.courses.selectors.course import course_get, record_view
from rehabplan.exercises.library import default_library
from rehabplan.exercises.templates import default_templates
from rehabplan.homeprogrammes.models import VersionReason
from rehabplan.homeprogrammes.selectors import (
    adherence_weeks,
    current_programme,
    programme_get,
    programme_items,
    programme_pdf,
    programmes_of,
)
from rehabplan.homeprogrammes.services import (
    ProgrammeLine,
    adherence_open,
    adherence_record,
    programme_create_version,
    template_lines,
)
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.homeprogrammes.forms import (
    AdherenceForm,
    ProgrammeForm,
    Row,
    row_from_line,
    rows_from_post,
)
from rehabplan.web.privacy import audited_view

VIEW = "courses.view_course"
DOCUMENT = "courses.document_course"
SEARCH_RESULTS = 20
SUGGESTIONS = 6
# The builder's start in the address: a template, the current version, or nothing.
START_TEMPLATE, START_CURRENT, START_EMPTY = "skabelon", "nuvaerende", "tom"


def _start(course: Course, query: Any) -> tuple[list[ProgrammeLine], dict[str, Any]]:
    """The lines and header values the builder opens with."""
    library = default_library()
    current = current_programme(course)
    today = timezone.localdate()
    initial: dict[str, Any] = {
        "start_on": max(today, course.start_on or today),
        "per_week": 3,
        "reason": VersionReason.ADJUSTED if current else VersionReason.FIRST,
    }
    if query.get("aarsag") == "retest" and current:
        initial["reason"] = VersionReason.RETEST
    start = query.get("fra") or (START_CURRENT if current else "")
    template = default_templates().get(query.get("skabelon", ""))
    if start == START_TEMPLATE and template is not None:
        lines = [line for line in template_lines(template.key) if line.exercise_key in library]
        initial.update(per_week=template.per_week, note=template.note, source_label=template.name)
        return lines, initial
    if start == START_CURRENT and current is not None:
        lines = [
            ProgrammeLine(row.exercise_key, row.dosage, row.note) for row in current.exercises.all()
        ]
        initial.update(
            per_week=current.per_week, note=current.note, source_label=current.source_label
        )
        return lines, initial
    return [], initial


def _search(query: str, rows: list[Row]) -> list[Any]:
    chosen = {row.key for row in rows}
    found = default_library().search(query)
    # Without a search, a few suggestions keep the programme's own exercises near the top.
    limit = SEARCH_RESULTS if query else SUGGESTIONS
    return [exercise for exercise in found if exercise.key not in chosen][:limit]


def _save(request: HttpRequest, course: Course, form: ProgrammeForm, rows: list[Row]) -> Any:
    """Create the version, or put the problems on the form and the rows; None when refused."""
    lines = [row.line() for row in rows]
    if not form.is_valid() or any(line is None for line in lines):
        return None
    data = form.cleaned_data
    try:
        return programme_create_version(
            course=course,
            user=request.user,
            lines=lines,
            start_on=data["start_on"],
            per_week=data["per_week"],
            note=data["note"],
            reason=data["reason"],
            reason_text=data["reason_text"],
            source_label=data["source_label"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _header(data: Any) -> dict[str, Any]:
    return {name: data.get(name, "") for name in ProgrammeForm.HEADER_FIELDS}


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def programme_build_view(request: HttpRequest, course_id: int) -> HttpResponse:
    """Build a new version: rows added from the library's search, removed, reordered, dosed;
    every step is a plain form post, so the page works without JavaScript."""
    course = course_get(user=request.user, course_id=course_id)
    library = default_library()
    status = 200
    if request.method == "POST":
        rows = rows_from_post(request.POST, library)
        if request.POST.get("action") == "save":
            form = ProgrammeForm(request.POST)
            programme = _save(request, course, form, rows)
            if programme is not None:
                messages.success(
                    request, _("Hjemmeprogrammet er gemt som version %d.") % programme.version
                )
                return redirect("course-detail", course_id=course.pk)
            status = 400
        else:
            form = ProgrammeForm(initial=_header(request.POST))
    else:
        lines, initial = _start(course, request.GET)
        rows = [row_from_line(line, library) for line in lines]
        form = ProgrammeForm(initial=initial)
    query = request.POST.get("q", "") if request.method == "POST" else ""
    record_view(
        user=request.user,
        citizen=course.citizen,
        target=course,
        summary=_("Hjemmeprogram åbnet til redigering"),
    )
    context = {
        "course": course,
        "form": form,
        "rows": [(index, row, row.inputs(index)) for index, row in enumerate(rows)],
        "results": _search(query, rows),
        "query": query,
        "templates": list(default_templates()),
        "current": current_programme(course),
        "row_errors": any(row.errors for row in rows),
    }
    return render(request, "homeprogrammes/build.html", context, status=status)


@audited_view
@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET"])
def programme_versions_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_get(user=request.user, course_id=course_id)
    versions = programmes_of(course).select_related("created_by").order_by("-version")
    record_view(
        user=request.user,
        citizen=course.citizen,
        target=course,
        summary=_("Hjemmeprogrammets versioner vist"),
    )
    return render(request, "homeprogrammes/versions.html", {"course": course, "versions": versions})


@audited_view
@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET"])
def programme_detail_view(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get(user=request.user, programme_id=programme_id)
    course = programme.course
    current = current_programme(course)
    record_view(
        user=request.user,
        citizen=course.citizen,
        target=programme,
        summary=_("Hjemmeprogram version %d vist") % programme.version,
    )
    context = {
        "course": course,
        "programme": programme,
        "items": programme_items(programme),
        "is_current": current is not None and current.pk == programme.pk,
    }
    return render(request, "homeprogrammes/detail.html", context)


@audited_view
@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET"])
def programme_pdf_view(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get(user=request.user, programme_id=programme_id)
    audit_record(
        user=request.user,
        action=AuditAction.EXPORT,
        citizen=programme.course.citizen,
        target=programme,
        summary=_("Hjemmeprogram version %d hentet som PDF") % programme.version,
    )
    response = HttpResponse(programme_pdf(programme), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="hjemmetraeningsprogram-{programme.version}.pdf"'
    )
    return response


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def adherence_view(request: HttpRequest, course_id: int) -> HttpResponse:
    """The weeks trained at home, and the form to record one (also on the course page)."""
    course = course_get(user=request.user, course_id=course_id)
    today = timezone.localdate()
    form = AdherenceForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            adherence_record(
                course=course,
                week_start=form.cleaned_data["week_start"],
                sessions_done=form.cleaned_data["sessions_done"],
                by_user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Træningen hjemme er registreret."))
            return redirect("course-detail", course_id=course.pk)
    programme = current_programme(course)
    record_view(
        user=request.user,
        citizen=course.citizen,
        target=course,
        summary=_("Træning hjemme vist"),
    )
    context = {
        "course": course,
        "form": form,
        "programme": programme,
        "weeks": adherence_weeks(course, programme, today),
        "can_record": programme is not None and adherence_open(course, today),
    }
    return render(
        request, "homeprogrammes/adherence.html", context, status=400 if form.errors else 200
    )
