"""Choosing the training package a citizen's course follows, placing the course on a class that
runs it, and choosing the package a team class runs: thin views over the assignment service."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.courses.selectors.course import course_get, record_view
from rehabplan.trainingpackages.selectors.assignment import (
    class_for_user,
    class_package,
    classes_running,
    classes_with_packages,
    course_package,
)
from rehabplan.trainingpackages.selectors.options import (
    LOCAL_PREFIX,
    NATIONAL_PREFIX,
    PackageOption,
    choice_label,
    package_options,
)
from rehabplan.trainingpackages.services.assignment import (
    class_package_clear,
    class_package_set,
    course_package_assign,
    course_place_on_class,
)
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.packages.assignment.forms import (
    AssignForm,
    ClassPackageForm,
    PlaceOnClassForm,
    TargetGroupForm,
)
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view, shows_no_citizen_data

# Who may choose a course's package: the visitator who grants it, the therapist who trains the
# citizen and the leader who plans the courses.
ASSIGN_PERMISSIONS = ("courses.decide_referral", "courses.document_course", "courses.plan_courses")
PLAN_CLASSES = "courses.plan_courses"


def can_assign(user: Any) -> bool:
    return bool(user.municipality_id) and any(user.has_perm(p) for p in ASSIGN_PERMISSIONS)


def assign_permission(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_assign(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


TARGET_NAMES = ("dementia_type", "phase", "living")


def _split(options: list[PackageOption], target: dict[str, str] | None) -> dict[str, Any]:
    if target is None:
        return {"matching": [], "others": options}
    matching = [option for option in options if option.fits(**target)]
    return {"matching": matching, "others": [o for o in options if o not in matching]}


def _current_ref(choice: Any) -> str:
    if choice is None:
        return ""
    if choice.local_version_id is not None:
        return f"{LOCAL_PREFIX}{choice.local_version_id}"
    return f"{NATIONAL_PREFIX}{choice.package_key}"


def _target_form(request: HttpRequest, choice: Any) -> TargetGroupForm:
    """The target group: as posted, as asked for in the address, or the course's current."""
    if request.method == "POST":
        return TargetGroupForm(request.POST)
    if any(request.GET.get(name) for name in TARGET_NAMES):
        return TargetGroupForm(request.GET)
    initial = {name: getattr(choice, name) for name in TARGET_NAMES} if choice else {}
    return TargetGroupForm(initial=initial)


def _target(form: TargetGroupForm) -> dict[str, str] | None:
    if form.is_bound:
        return {name: form.cleaned_data[name] for name in TARGET_NAMES} if form.is_valid() else None
    if all(form.initial.get(name) for name in TARGET_NAMES):
        return {name: form.initial[name] for name in TARGET_NAMES}
    return None


def _assign(request: HttpRequest, course: Any, form: AssignForm) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        course_package_assign(
            user=request.user,
            course=course,
            package_ref=data["package"],
            dementia_type=data["dementia_type"],
            phase=data["phase"],
            living=data["living"],
            deviate=data["deviate"],
            deviation_reason=data["deviation_reason"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@audited_view
@assign_permission
@require_http_methods(["GET", "POST"])
def course_package_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_get(user=request.user, course_id=course_id)
    choice = course_package(course)
    options = package_options(course.municipality_id)
    refs = [(option.ref, option.label) for option in options]
    target_form = _target_form(request, choice)
    if request.method == "POST":
        form = AssignForm(request.POST, package_choices=refs)
        if _assign(request, course, form):
            messages.success(request, _("Træningspakken er valgt til forløbet."))
            return redirect("course-detail", course_id=course.pk)
    else:
        initial = {"package": _current_ref(choice)}
        if choice is not None:
            initial.update(
                deviate=choice.outside_target_group, deviation_reason=choice.deviation_reason
            )
        form = AssignForm(initial=initial, package_choices=refs)
    target = _target(target_form)
    record_view(
        user=request.user,
        citizen=course.citizen,
        target=course,
        summary=_("Valg af træningspakke åbnet"),
    )
    context = {
        "course": course,
        "citizen": course.citizen,
        "form": form,
        "target_form": target_form,
        "choice": choice,
        "choice_label": choice_label(choice) if choice else "",
        "target": target,
        "chosen_ref": form["package"].value() or "",
        **_split(options, target),
    }
    failed = bool(form.errors) or (target_form.is_bound and target is None)
    return render(
        request,
        "packages/assignment/course_package.html",
        context,
        status=400 if failed else 200,
    )


@audited_view
@assign_permission
@post_only("course-detail", "course_id")
def course_place_on_class_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_get(user=request.user, course_id=course_id)
    form = PlaceOnClassForm(request.POST)
    choice = course_package(course)
    offered = {team.pk: team for team in classes_running(choice)} if choice else {}
    team = offered.get(form.cleaned_data["team_class"]) if form.is_valid() else None
    if team is None:
        messages.error(request, _("Vælg et af de hold, der kører forløbets træningspakke."))
        return redirect("course-detail", course_id=course.pk)
    try:
        course_place_on_class(user=request.user, course=course, team_class=team)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Forløbet er sat på holdet %(team)s, og første holdtræning er booket.")
            % {"team": team.name},
        )
    return redirect("course-detail", course_id=course.pk)


@shows_no_citizen_data
@permission_required(PLAN_CLASSES, raise_exception=True)
def class_package_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "packages/assignment/class_list.html",
        {"rows": classes_with_packages(request.user)},
    )


@shows_no_citizen_data
@permission_required(PLAN_CLASSES, raise_exception=True)
@require_http_methods(["GET", "POST"])
def class_package_view(request: HttpRequest, team_class_id: int) -> HttpResponse:
    team = class_for_user(request.user, team_class_id)
    if team is None:
        raise Http404(_("Holdet findes ikke."))
    options = package_options(team.municipality_id)
    refs = [(option.ref, option.label) for option in options]
    current = class_package(team)
    form = ClassPackageForm(
        request.POST if request.POST.get("action") == "set" else None, package_choices=refs
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "clear":
                class_package_clear(user=request.user, team_class=team)
                messages.success(request, _("Holdet kører ikke længere en træningspakke."))
                return redirect("class-packages")
            if form.is_valid():
                class_package_set(
                    user=request.user, team_class=team, package_ref=form.cleaned_data["package"]
                )
                messages.success(request, _("Holdets træningspakke er gemt."))
                return redirect("class-packages")
        except ValidationError as error:
            add_service_errors(form, error)
    context = {
        "team_class": team,
        "form": form,
        "current": current,
        "current_label": choice_label(current) if current else "",
    }
    return render(
        request,
        "packages/assignment/class_package.html",
        context,
        status=400 if form.errors or request.method == "POST" else 200,
    )
