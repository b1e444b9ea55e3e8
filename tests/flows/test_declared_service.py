"""Demo Kommune's own service, "Vedligeholdende træning i dagcenter" (declared in demo.toml,
following § 86, stk. 2): registered from the standard's list, decided with a tier and a
length in the standard's range, named by the standard in letters and on screens, planned on
the maintenance level."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.accounts.roles import VISITATOR
from rehabplan.courses.models import Course, DecisionOutcome
from rehabplan.courses.selectors.decisions import DecisionAnswers
from rehabplan.courses.selectors.intake import propose_level
from rehabplan.courses.services.decisions import decision_make
from rehabplan.courses.services.intake import intake_register, intake_services
from rehabplan.scheduling.problem_builder import build_problem
from tests.decisions.conftest import pdf_text

D = datetime.date
DAY_CENTRE = "SEL86-2-DAG"
NAME = "Vedligeholdende træning i dagcenter"
RECEIVED = D(2026, 11, 2)
YES = DecisionAnswers(motivated=True)


@pytest.fixture
def visitator(make_user, municipality):
    return make_user("demo-visitator", VISITATOR, municipality)


def _register(visitator, service_code=DAY_CENTRE, **changes):
    fields = {
        "user": visitator,
        "service_code": service_code,
        "source": "citizen",
        "received_on": RECEIVED,
        "cpr": "010150-1234",
        "first_name": "Åse",
        "last_name": "Bøgelund",
        "today": RECEIVED,
    }
    fields.update(changes)
    return intake_register(**fields)


def _grant(visitator, referral, **changes):
    fields = {
        "user": visitator,
        "referral": referral,
        "outcome": DecisionOutcome.GRANTED,
        "decided_on": D(2026, 11, 9),
        "answers": YES,
        "extent_tier": "Afklaringsforløb",
        "granted_sessions": 4,
        "sessions_per_week": 1,
        "granted_weeks": 4,
    }
    fields.update(changes)
    return decision_make(**fields)


@pytest.mark.django_db
def test_the_intake_form_lists_the_standards_services_by_name(client, visitator, municipality):
    listed = {s.code: s.name for s in intake_services(municipality, RECEIVED)}
    assert listed[DAY_CENTRE] == NAME
    assert "SUL140" not in listed  # a GOP comes from the hospital, not the form
    client.force_login(visitator)
    page = client.get("/modtagelse/ny/").content.decode()
    assert f'value="{DAY_CENTRE}"' in page
    assert f"{NAME} (Serviceloven § 86, stk. 2)" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, message",
    [
        ("SEL86-3", "Vedligeholdende træning i dagcenter"),  # unknown: the list names the rest
        ("SUL140", "genoptræningsplaner indlæses"),  # known, but comes as a GOP
    ],
)
def test_a_code_the_standard_does_not_offer_by_hand_is_refused(visitator, code, message):
    with pytest.raises(ValidationError) as error:
        _register(visitator, service_code=code)
    assert message in " ".join(error.value.message_dict["service_code"])


@pytest.mark.django_db
def test_the_declared_service_is_named_by_the_standard_everywhere(client, visitator):
    referral = _register(visitator)
    assert referral.service_code == DAY_CENTRE
    assert referral.service_name == NAME
    assert {d.kind for d in referral.deadlines.all()} >= {"decision", "start"}
    client.force_login(visitator)
    page = client.get(f"/henvisninger/{referral.pk}/").content.decode()
    assert NAME in page and DAY_CENTRE not in page.replace(f'"{DAY_CENTRE}"', "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"extent_tier": ""}, "extent_tier", "Afklaringsforløb, Træningsforløb"),
        ({"extent_tier": "Kort"}, "extent_tier", "ikke trinnet Kort"),
        ({"granted_weeks": 1}, "granted_weeks", "2-16 uger"),
        ({"granted_weeks": 20}, "granted_weeks", "2-16 uger"),
        ({"granted_weeks": None}, "granted_weeks", "2-16 uger"),
    ],
)
def test_the_tier_and_the_length_are_checked_against_the_standard(
    visitator, changes, field, message
):
    referral = _register(visitator)
    with pytest.raises(ValidationError) as error:
        _grant(visitator, referral, **changes)
    assert message in " ".join(error.value.message_dict[field])
    assert not referral.decisions.exists()


@pytest.mark.django_db
def test_a_tier_beyond_its_sessions_needs_a_reason(visitator):
    referral = _register(visitator)
    with pytest.raises(ValidationError) as error:
        _grant(visitator, referral, granted_sessions=8)
    assert "højst 4" in " ".join(error.value.message_dict["deviation_reason"])


@pytest.mark.django_db
def test_the_decision_stores_the_tier_and_the_letter_names_service_tier_and_complaint_route(
    visitator,
):
    referral = _register(visitator)
    decision = _grant(visitator, referral)
    assert decision.extent_tier == "Afklaringsforløb"
    assert decision.engine_extent["max_sessions"] == 4
    assert decision.service_name == NAME
    assert decision.legal_basis == "Serviceloven § 86, stk. 2"
    text = pdf_text(decision.letter.document)
    assert (
        "Du får bevilget vedligeholdende træning i dagcenter efter Serviceloven § 86, stk. 2"
        in text
    )
    assert "Trin Afklaringsforløb" in text
    # Inherited from the baseline's rules for § 86, stk. 2: the statutory complaint route.
    assert "Ankestyrelsen" in text
    course = Course.objects.get(referral=referral)
    assert course.service_name == NAME


@pytest.mark.django_db
def test_the_course_is_planned_on_the_level_the_standard_gives(visitator, municipality):
    referral = _register(visitator)
    _grant(visitator, referral)
    course = Course.objects.get(referral=referral)
    assert propose_level(referral).level == "vedligehold"
    built = build_problem(
        municipality=municipality,
        first_day=D(2026, 11, 16),
        courses=[course],
        today=D(2026, 11, 13),
    )
    (request,) = built.problem.courses
    assert request.level == "vedligehold"
    assert request.service_code == DAY_CENTRE
    assert (request.sessions_per_week, request.weeks) == (1, 4)
    assert request.free_choice_applies is False


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["SEL86.motivatd", "varde:SEL86.motivated"])
def test_an_assessment_of_a_criterion_the_standard_lacks_is_refused(visitator, key):
    referral = _register(visitator)
    answers = DecisionAnswers(motivated=True, judgements={key: True})
    with pytest.raises(ValidationError) as error:
        _grant(visitator, referral, answers=answers)
    message = " ".join(error.value.message_dict["__all__"])
    assert key in message and "SEL86.motivated" in message
    assert not referral.decisions.exists()


@pytest.mark.django_db
def test_the_qualified_criterion_id_is_accepted_as_an_assessment(visitator):
    referral = _register(visitator)
    answers = DecisionAnswers(motivated=True, judgements={"demo:SEL86.motivated": True})
    decision = _grant(visitator, referral, answers=answers)
    assert decision.eligibility["outcome"] == "eligible"


@pytest.mark.django_db
def test_the_planner_books_as_many_sessions_as_the_chosen_tier_grants(visitator, municipality):
    """24 sessions in the wider tier: the grant is the cap, not a fixed number in Python."""
    referral = _register(visitator)
    _grant(
        visitator,
        referral,
        extent_tier="Træningsforløb",
        granted_sessions=24,
        sessions_per_week=2,
        granted_weeks=16,
    )
    course = Course.objects.get(referral=referral)
    built = build_problem(
        municipality=municipality,
        first_day=D(2026, 11, 16),
        courses=[course],
        today=D(2026, 11, 13),
    )
    (request,) = built.problem.courses
    assert request.session_count == 24
