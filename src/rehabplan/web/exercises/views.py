"""The exercise library's screens: search with filters, and one exercise in full.

The library is shared content, not citizen data: every staff role may browse it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rehabplan.accounts.roles import ROLES
from rehabplan.exercises.library import Exercise, default_library
from rehabplan.web.exercises.forms import ExerciseSearchForm
from rehabplan.web.paging import paged_request
from rehabplan.web.privacy import shows_no_citizen_data

PER_PAGE = 20


def _require_staff(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_superuser or set(user.role_names) & set(ROLES)):
        raise PermissionDenied(_("Øvelsesbiblioteket er for kommunens medarbejdere."))


def _row(exercise: Exercise) -> dict[str, Any]:
    return {
        "exercise": exercise,
        "thumbnail": mark_safe(exercise.thumbnail_svg()),  # the SVG escapes its text
    }


@shows_no_citizen_data
@require_GET
def exercise_list_view(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = ExerciseSearchForm(request.GET or None)
    library = default_library()
    if form.is_bound and not form.is_valid():
        context = {"form": form, "page": None, "total": len(library)}
        return render(request, "exercises/exercise_list.html", context, status=400)
    arguments = form.search_arguments() if form.is_bound else {}
    found = library.search(**arguments)
    page = paged_request(
        request,
        found,
        per_page=PER_PAGE,
        anchor="resultater",
        transform=lambda exercises: [_row(exercise) for exercise in exercises],
    )
    context = {
        "form": form,
        "page": page,
        "total": len(library),
        "filtered": any(value for value in arguments.values() if value is not None),
    }
    return render(request, "exercises/exercise_list.html", context)


@shows_no_citizen_data
@require_GET
def exercise_detail_view(request: HttpRequest, exercise_key: str) -> HttpResponse:
    _require_staff(request)
    library = default_library()
    exercise = library.get(exercise_key)
    if exercise is None:
        raise Http404(_("Øvelsen findes ikke i øvelsesbiblioteket."))
    context = {
        "exercise": exercise,
        "figure": mark_safe(exercise.svg()),  # the SVG escapes its text
        "harder": library.get(exercise.harder) if exercise.harder else None,
        "easier": library.get(exercise.easier) if exercise.easier else None,
        "dosage": exercise.dosage.describe(),
    }
    return render(request, "exercises/exercise_detail.html", context)
