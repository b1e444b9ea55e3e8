"""Intake screens: GOP upload, registering applications and referrals, one case."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from rehabplan.citizens.selectors import citizen_get
from rehabplan.courses.models import Referral
from rehabplan.courses.selectors.intake import (
    deadline_states,
    propose_level,
    propose_team_class,
    referral_get,
)
from rehabplan.courses.selectors.parallel import (
    case_steps,
    open_courses_of_citizen,
    parallel_courses,
)
from rehabplan.courses.services.gop_import import GopImportStatus, gop_import_file
from rehabplan.courses.services.intake import (
    intake_register,
    intake_services,
    referral_correct_dates,
    referral_record_contacts,
    referral_record_free_choice,
)
from rehabplan.courses.services.miss_reasons import (
    MISS_REASON_PERMISSION,
    deadline_record_miss_reason,
    is_missed,
)
from rehabplan.courses.standard_services import free_choice_when_late
from rehabplan.demo.seed import DEMO_SLUG
from rehabplan.gop import GopRejected
from rehabplan.gop.sample import build_sample_gop
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.intake.forms import (
    ContactsForm,
    DateCorrectionForm,
    FreeChoiceForm,
    GopUploadForm,
    IntakeRegisterForm,
    MissReasonForm,
)
from rehabplan.web.municipality import require_municipality
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view, shows_no_citizen_data


@dataclass
class FileOutcome:
    name: str
    status: str
    message: str
    referral: Referral | None = None
    problems: list[Any] = field(default_factory=list)
    warnings: tuple[str, ...] = ()


STATUS_LABELS = {
    GopImportStatus.IMPORTED: gettext_lazy("Indlæst"),
    GopImportStatus.ALREADY_IMPORTED: gettext_lazy("Allerede indlæst"),
    GopImportStatus.REPLACED: gettext_lazy("Erstatter tidligere plan"),
}


@audited_view
@permission_required("courses.register_referral", raise_exception=True)
@require_http_methods(["GET", "POST"])
def gop_upload_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    form = (
        GopUploadForm(request.POST, request.FILES) if request.method == "POST" else GopUploadForm()
    )
    outcomes: list[FileOutcome] = []
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["files"]:
            outcomes.append(_import_upload(request, upload))
    context = {
        "form": form,
        "outcomes": outcomes,
        "offers_sample": _offers_sample(request),
    }
    return render(request, "intake/gop_upload.html", context)


def _offers_sample(request: HttpRequest) -> bool:
    """Only the demo municipality gets sample plans: elsewhere a made-up plan would become a
    referral among real citizens'."""
    municipality = request.user.municipality
    return municipality is not None and municipality.slug == DEMO_SLUG


# A sample holds a made-up citizen generated for this response and nothing read from the
# database except the user's own municipality (code, name, EAN): no citizen data to audit.
@shows_no_citizen_data
@permission_required("courses.register_referral", raise_exception=True)
@require_GET
def gop_sample_view(request: HttpRequest) -> HttpResponse:
    """A GOP file for the demo: a fictitious citizen, to the user's municipality, for today."""
    require_municipality(request)
    if not _offers_sample(request):
        raise Http404(_("Eksempelfiler findes kun i demoen."))
    municipality = request.user.municipality
    data, _name = build_sample_gop(
        municipality_code=f"{municipality.code:03d}",
        municipality_name=municipality.name,
        municipality_ean=municipality.ean,
        today=timezone.localdate(),
        rng=random.SystemRandom(),
    )
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="eksempel-genoptraeningsplan.xml"'
    return response


def _import_upload(request: HttpRequest, upload: Any) -> FileOutcome:
    name = upload.name
    try:
        # The size Django counted while storing the upload; a file over the limit is not read.
        result = gop_import_file(user=request.user, stream=upload, size=upload.size, file_name=name)
    except GopRejected as rejected:
        return FileOutcome(
            name,
            "rejected",
            _("Afvist: %(count)d fejl. Intet fra filen er gemt.")
            % {"count": len(rejected.problems)},
            problems=rejected.problems,
        )
    label = STATUS_LABELS[result.status]
    return FileOutcome(
        name, str(label), result.message, referral=result.referral, warnings=result.warnings
    )


@audited_view
@permission_required("courses.register_referral", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_register_view(request: HttpRequest, citizen_id: int | None = None) -> HttpResponse:
    require_municipality(request)
    citizen = None
    if citizen_id is not None:
        citizen = citizen_get(
            user=request.user, citizen_id=citizen_id, purpose=_("Ansøgning/henvisning registreres")
        )
    initial = {"received_on": timezone.localdate()}
    data = request.POST if request.method == "POST" else None
    services = [
        (service.code, f"{service.name} ({service.legal_basis})")
        for service in intake_services(request.user.municipality, timezone.localdate())
    ]
    form = IntakeRegisterForm(data, citizen=citizen, initial=initial, services=services)
    if form.is_bound and form.is_valid():
        try:
            referral = intake_register(user=request.user, citizen=citizen, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(service)s er registreret, og fristerne er beregnet.")
                % {"service": referral.service_name},
            )
            return redirect("referral-detail", referral_id=referral.pk)
    context = {
        "form": form,
        "citizen": citizen,
        "open_courses": open_courses_of_citizen(citizen) if citizen is not None else [],
    }
    return render(request, "intake/register.html", context)


def _case_context(request: HttpRequest, referral: Referral, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    service = referral.service
    is_gop = service is not None and service.process.has_gop
    level = propose_level(referral)
    context: dict[str, Any] = {
        "referral": referral,
        "citizen": referral.citizen,
        "content": referral.gop_content or {},
        "deadlines": deadline_states(referral, today),
        "level": level,
        "team": propose_team_class(referral.municipality, level),
        "is_gop": is_gop,
        "free_choice_offered": free_choice_when_late(
            referral.municipality, referral.service_code, referral.standard_date
        ),
        "today": today,
        "can_change": request.user.has_perm("courses.register_referral"),
        "steps": case_steps(referral),
        "parallel": parallel_courses(referral),
        "can_decide": request.user.has_perm("courses.decide_referral"),
        "can_assess": request.user.has_perm("courses.decide_referral")
        or request.user.has_perm("courses.document_course"),
        "dates_form": DateCorrectionForm(
            is_gop=is_gop,
            initial={
                "received_on": referral.received_on,
                "discharge_on": referral.discharge_on,
                "gop_start_on": referral.gop_start_on,
            },
        ),
        "contacts_form": ContactsForm(
            initial={
                "first_contact_offered_on": referral.first_contact_offered_on,
                "first_training_offered_on": referral.first_training_offered_on,
                "postponed_by_citizen": referral.postponed_by_citizen,
                "postponed_on": referral.postponed_on,
                "postponement_note": referral.postponement_note,
            }
        ),
        "free_choice_form": FreeChoiceForm(initial={"free_choice": referral.free_choice}),
    }
    confirmed = (referral.gop_content or {}).get("dates_confirmed")
    context["dates_confirmed"] = (
        {"on": datetime.date.fromisoformat(confirmed["on"]), "by": confirmed.get("by", "")}
        if confirmed
        else None
    )
    start = next((state for state in context["deadlines"] if state.kind == "start"), None)
    context["free_choice_due"] = bool(
        context["free_choice_offered"]
        and start is not None
        and start.deadline is not None
        and start.deadline.due is not None
        and referral.first_training_offered_on is not None
        and referral.first_training_offered_on > start.deadline.due
        and not referral.postponed_by_citizen
    )
    context["missed_deadlines"] = _missed_deadline_forms(
        request, context["deadlines"], today, forms.pop("miss_reason_forms", {})
    )
    context.update(forms)
    return context


@dataclass(frozen=True)
class MissedDeadline:
    state: Any
    form: MissReasonForm | None  # None when the user may not record the reason


def _missed_deadline_forms(
    request: HttpRequest, states: list[Any], today: datetime.date, bound: dict[str, Any]
) -> list[MissedDeadline]:
    """The missed deadlines, each with its reason form (a bound one after a refused POST)."""
    may_record = request.user.has_perm(MISS_REASON_PERMISSION)
    missed = []
    for state in states:
        if state.deadline is None or not is_missed(state.deadline, today):
            continue
        form = None
        if may_record:
            form = bound.get(state.kind) or MissReasonForm(
                prefix=f"miss-{state.kind}",
                initial={
                    "kind": state.kind,
                    "miss_reason": state.deadline.miss_reason,
                    "miss_reason_note": state.deadline.miss_reason_note,
                },
            )
        missed.append(MissedDeadline(state, form))
    return missed


@audited_view
@permission_required("courses.view_referral", raise_exception=True)
def referral_detail_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = referral_get(user=request.user, referral_id=referral_id)
    return render(request, "intake/referral_detail.html", _case_context(request, referral))


def _post_to_case(
    request: HttpRequest,
    referral_id: int,
    form_name: str,
    build_form: Any,
    call_service: Any,
    success: str,
) -> HttpResponse:
    referral = referral_get(
        user=request.user, referral_id=referral_id, purpose=_("Henvisning ændres")
    )
    form = build_form(referral)
    if form.is_valid():
        try:
            call_service(referral, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("referral-detail", referral_id=referral.pk)
    context = _case_context(request, referral, **{form_name: form})
    return render(request, "intake/referral_detail.html", context, status=400)


@audited_view
@permission_required("courses.register_referral", raise_exception=True)
@post_only("referral-detail", "referral_id")
def referral_dates_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _post_to_case(
        request,
        referral_id,
        "dates_form",
        lambda referral: DateCorrectionForm(request.POST, is_gop=_has_gop(referral)),
        lambda referral, data: referral_correct_dates(user=request.user, referral=referral, **data),
        _("Datoerne er rettet, og fristerne er beregnet igen."),
    )


@audited_view
@permission_required("courses.register_referral", raise_exception=True)
@post_only("referral-detail", "referral_id")
def referral_contacts_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _post_to_case(
        request,
        referral_id,
        "contacts_form",
        lambda referral: ContactsForm(request.POST),
        lambda referral, data: referral_record_contacts(
            user=request.user, referral=referral, **data
        ),
        _("Kontakt og start er registreret."),
    )


@audited_view
@permission_required("courses.register_referral", raise_exception=True)
@post_only("referral-detail", "referral_id")
def referral_free_choice_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _post_to_case(
        request,
        referral_id,
        "free_choice_form",
        lambda referral: FreeChoiceForm(request.POST),
        lambda referral, data: referral_record_free_choice(
            user=request.user, referral=referral, free_choice=data["free_choice"]
        ),
        _("Frit valg af leverandør er registreret."),
    )


@audited_view
@permission_required("courses.record_miss_reason", raise_exception=True)
@post_only("referral-detail", "referral_id")
def referral_miss_reason_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = referral_get(
        user=request.user, referral_id=referral_id, purpose=_("Årsag til overskredet frist")
    )
    kind = request.POST.get("kind", "")
    # The kind travels unprefixed beside the prefixed fields, so the form knows its prefix.
    data = request.POST.copy()
    data[f"miss-{kind}-kind"] = kind
    form = MissReasonForm(data, prefix=f"miss-{kind}")
    if form.is_valid():
        try:
            deadline_record_miss_reason(
                user=request.user,
                referral=referral,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["miss_reason"],
                note=form.cleaned_data["miss_reason_note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Årsagen til den overskredne frist er registreret."))
            return redirect("referral-detail", referral_id=referral.pk)
    context = _case_context(request, referral, miss_reason_forms={kind: form})
    return render(request, "intake/referral_detail.html", context, status=400)


def _has_gop(referral: Referral) -> bool:
    service = referral.service
    return service is not None and service.process.has_gop
