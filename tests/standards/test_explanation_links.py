"""Every kind of explanation screen links to its rule on the standard page, and the link works.

On the demo data: each screen is requested, every link to the standard page is followed, and
the page it leads to must contain the anchor the link points at.
"""

from __future__ import annotations

import datetime
import html as html_lib
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.shared_demo import seed_for_module

TODAY = datetime.date(2026, 11, 23)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for the module's tests, which only look at it (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=7, today=TODAY)


@pytest.fixture
def demo(seeded_demo, db):
    return seeded_demo


def _login(username: str) -> Client:
    from rehabplan.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _standard_links(content: str) -> list[str]:
    hrefs = re.findall(r'href="(/kvalitetsstandard/[^"]*)"', content)
    return [html_lib.unescape(h) for h in hrefs]


def _assert_links_work(client: Client, url: str, *, rule_links: int = 1) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    content = response.content.decode()
    links = _standard_links(content)
    with_anchor = [link for link in links if "#" in link]
    assert len(with_anchor) >= rule_links, f"{url}: {links}"
    pages: dict[str, str] = {}
    for link in with_anchor:
        parts = urlsplit(link)
        page = f"{parts.path}?{parts.query}"
        if page not in pages:
            followed = client.get(page)
            assert followed.status_code == 200, link
            pages[page] = followed.content.decode()
        assert f'id="{parts.fragment}"' in pages[page], f"{url}: anchor of {link} is missing"
    return with_anchor


def _referral(**filters):
    from rehabplan.courses.models import Referral

    return Referral.objects.filter(deadlines__isnull=False, **filters).distinct().first()


def test_deadline_explanations_on_worklists_link_to_their_rules(demo):
    client = _login("visitator")
    links = _assert_links_work(client, "/frister/", rule_links=3)
    # A deadline rule is linked, not only its service: the anchor names the rule.
    assert any("#regel-" in link for link in links)
    _assert_links_work(client, "/", rule_links=1)


def test_deadline_explanations_on_referral_and_citizen_pages(demo):
    client = _login("visitator")
    referral = _referral()
    assert referral is not None
    links = _assert_links_work(client, f"/henvisninger/{referral.pk}/")
    # The link carries the date the explanation used (the first known event).
    assert f"dato={referral.deadlines.first().standard_date.isoformat()}" in links[0]
    _assert_links_work(client, f"/borgere/{referral.citizen_id}/")


def test_criteria_legal_basis_extent_and_transport_on_the_decision_screen(demo):
    from rehabplan.courses.models import Referral, ReferralStatus

    referral = Referral.objects.filter(
        status=ReferralStatus.AWAITING_DECISION, service_code="SEL86-2"
    ).first()
    assert referral is not None
    client = _login("visitator")
    links = _assert_links_work(client, f"/henvisninger/{referral.pk}/afgoerelse/", rule_links=5)
    anchors = {urlsplit(link).fragment for link in links}
    assert "regel-demo--SEL86-2-target" in anchors  # an eligibility criterion
    assert "regel-demo--SEL86-2-extent" in anchors  # the extent
    assert "regel-demo--transport-self_pay" in anchors  # transport
    assert "indsats-SEL86-2" in anchors  # the legal basis


def test_the_plan_screen_for_hospital_training(demo):
    from rehabplan.courses.models import Referral, ReferralStatus

    referral = Referral.objects.filter(status=ReferralStatus.NEW, service_code="SUL140").first()
    assert referral is not None
    client = _login("visitator")
    links = _assert_links_work(client, f"/henvisninger/{referral.pk}/afgoerelse/", rule_links=2)
    assert "regel-national--SUL140-gop" in {urlsplit(link).fragment for link in links}


def test_criteria_and_complaint_guidance_on_a_decision(demo):
    from rehabplan.courses.models import Decision, DecisionOutcome

    decision = Decision.objects.filter(outcome=DecisionOutcome.GRANTED).first()
    assert decision is not None
    client = _login("visitator")
    links = _assert_links_work(client, f"/afgoerelser/{decision.pk}/", rule_links=2)
    anchors = {urlsplit(link).fragment for link in links}
    assert "regel-national--complaint-decision" in anchors
    assert all(f"dato={decision.decided_on.isoformat()}" in link for link in links)


def test_attendance_rules_on_the_course_and_cancellation_screens(demo):
    from rehabplan.courses.models import Attendance, Course

    course = Course.objects.filter(attendances__isnull=False).first()
    assert course is not None
    client = _login("terapeut")
    links = _assert_links_work(client, f"/forloeb/{course.pk}/")
    assert "regel-demo--attendance" in {urlsplit(link).fragment for link in links}
    attendance = Attendance.objects.filter(course=course).first()
    _assert_links_work(client, f"/fremmoede/{attendance.pk}/afbud/")
