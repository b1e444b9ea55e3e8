"""Free choice of provider follows the standard's `provider` rule for the service and date:
the planner, the case page and the intake service all ask it. Changing the file changes
what the product does, in both directions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.accounts.roles import VISITATOR
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.deadlines import store_deadlines
from rehabplan.courses.models import Course, CourseStatus, DeliveryType, FreeChoice, ReferralStatus
from rehabplan.courses.services.intake import referral_record_free_choice
from rehabplan.courses.services.referrals import referral_register
from rehabplan.organisation.standards.services import standard_upload
from rehabplan.rules.registry import shipped_standards_dir
from rehabplan.scheduling.problem_builder import build_problem

D = datetime.date
DEMO_TEXT = (shipped_standards_dir() / "demo.toml").read_text("utf-8")
NO_FREE_CHOICE_SUL140 = """
[[version.rule]]
id = "SUL140.provider"
type = "provider"
exception = true
services = ["SUL140"]
free_choice = "never"
source = "demo"
section = "Frit valg"
text = "Demo Kommune tilbyder altid start inden fristen; der er ikke frit valg."
"""
FREE_CHOICE_SEL86_2 = """
[[version.rule]]
id = "SEL86-2.provider"
type = "provider"
services = ["SEL86-2"]
free_choice = "when_start_deadline_missed"
source = "demo"
section = "Frit valg"
text = "Kan træningen ikke starte inden fristen, kan borgeren vælge en anden leverandør."
"""


@pytest.fixture
def standard(municipality):
    """Use the shipped standards, or upload Demo Kommune's file with a rule added at its end."""

    def use(added: str) -> None:
        if added:
            standard_upload(text=DEMO_TEXT + added, file_name="demo.toml", operator="test")

    return use


@pytest.fixture
def visitator(make_user, municipality):
    return make_user("demo-visitator", VISITATOR, municipality)


def _course(visitator, service_code: str) -> Course:
    citizen = citizen_create(user=visitator, cpr="010150-1234", first_name="Åse", last_name="Bo")
    received = D(2026, 11, 23)
    if service_code == "SUL140":
        referral = referral_register(
            user=visitator,
            citizen=citizen,
            service_code=service_code,
            source="hospital_gop",
            received_on=received,
            discharge_on=received,
        )
    else:
        referral = referral_register(
            user=visitator,
            citizen=citizen,
            service_code=service_code,
            source="citizen",
            received_on=received,
        )
        referral.status = ReferralStatus.GRANTED
        referral.decided_on = received
        referral.save(update_fields=["status", "decided_on"])
        store_deadlines(referral)
    return Course.objects.create(
        municipality=visitator.municipality,
        citizen=citizen,
        referral=referral,
        service_code=service_code,
        status=CourseStatus.AWAITING_START,
        delivery_type=DeliveryType.INDIVIDUAL,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "added, service_code, applies",
    [
        ("", "SUL140", True),  # the baseline: § 140 free choice when the 7 days are missed
        (NO_FREE_CHOICE_SUL140, "SUL140", False),  # the file says never
        ("", "SEL86-2", False),  # no provider rule: no free choice
        (FREE_CHOICE_SEL86_2, "SEL86-2", True),  # the file grants it for § 86, stk. 2
    ],
)
def test_the_provider_rule_decides_free_choice(
    standard, visitator, municipality, client, added, service_code, applies
):
    standard(added)
    course = _course(visitator, service_code)
    referral = course.referral

    built = build_problem(municipality=municipality, first_day=D(2026, 11, 30), courses=[course])
    (request,) = built.problem.courses
    assert request.free_choice_applies is applies

    client.force_login(visitator)
    page = client.get(f"/henvisninger/{referral.pk}/").content.decode()
    assert ('data-testid="free-choice-form"' in page) is applies

    if applies:
        referral_record_free_choice(
            user=visitator, referral=referral, free_choice=FreeChoice.OFFERED
        )
        referral.refresh_from_db()
        assert referral.free_choice == FreeChoice.OFFERED
    else:
        with pytest.raises(ValidationError, match="ikke frit valg"):
            referral_record_free_choice(
                user=visitator, referral=referral, free_choice=FreeChoice.OFFERED
            )
        referral.refresh_from_db()
        assert referral.free_choice == ""
