"""The assessment and decision screens in the browser's terms: forms, permissions, isolation."""

from __future__ import annotations

import datetime
import re

import pytest

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import Assessment, Decision, DecisionOutcome, ReferralStatus
from rehabplan.courses.selectors.decisions import DecisionAnswers
from rehabplan.courses.services.decisions import decision_make
from rehabplan.outbox.models import OutboxMessage
from tests.decisions.conftest import pdf_text

D = datetime.date


@pytest.fixture
def varde_case(varde, staff, make_citizen, make_referral):
    visitator, therapist = staff(varde)
    citizen = make_citizen(visitator)
    referral = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
    return visitator, therapist, citizen, referral


def _decision_post(**overrides):
    data = {
        "decided_on": "2026-11-10",
        "motivated": "yes",
        "can_train_alone": "no",
        "needs_pt_and_ot": "no",
        "judgement_0": "yes",
        "judgement_1": "yes",
        "outcome": "granted",
        "granted_sessions": "20",
        "sessions_per_week": "2",
        "granted_weeks": "",
        "period_start": "2026-11-10",
        "period_end": "",
        "deviation_reason": "",
        "refusal_reason": "",
        "decide": "1",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_decision_screen_shows_every_criterion_with_status_and_source(client, varde_case):
    visitator, _therapist, _citizen, referral = varde_case
    client.force_login(visitator)
    response = client.get(f"/henvisninger/{referral.pk}/afgoerelse/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Borgeren har væsentligt nedsat funktionsevne." in content
    assert "Ukendt – kræver vurdering" in content
    assert "Kvalitetsstandard: Vedligeholdende træning" in content  # the source
    assert "Serviceloven § 86, stk. 2" in content
    # The form is prefilled from the engine's extent.
    assert 'name="granted_sessions" value="20"' in content
    assert 'name="sessions_per_week" value="2"' in content
    assert "Borgeren sørger selv for transport." in content


@pytest.mark.django_db
def test_evaluating_the_answers_updates_criteria_and_extent(client, varde_case):
    visitator, _therapist, _citizen, referral = varde_case
    client.force_login(visitator)
    data = _decision_post(needs_pt_and_ot="yes", sessions_per_week="1", evaluate="1")
    del data["decide"]
    content = client.post(f"/henvisninger/{referral.pk}/afgoerelse/", data).content.decode()
    assert "Alle kriterier er opfyldt." in content
    assert 'name="sessions_per_week" value="3"' in content
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_deviation_without_reason_is_refused_in_danish_and_with_reason_saved(client, varde_case):
    visitator, _therapist, citizen, referral = varde_case
    client.force_login(visitator)
    url = f"/henvisninger/{referral.pk}/afgoerelse/"
    response = client.post(url, _decision_post(sessions_per_week="3"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Omfanget afviger fra kvalitetsstandarden; skriv en begrundelse." in content
    assert not Decision.objects.exists()
    response = client.post(
        url, _decision_post(sessions_per_week="3", deviation_reason="Intensiv periode efter fald.")
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/afgoerelser/{decision.pk}/"
    assert decision.deviation_reason == "Intensiv periode efter fald."
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.GRANTED
    assert OutboxMessage.objects.filter(citizen=citizen, kind="decision_letter").count() == 1


@pytest.mark.django_db
def test_letter_is_downloadable_and_the_download_is_audited(client, varde_case):
    visitator, therapist, citizen, referral = varde_case
    client.force_login(visitator)
    client.post(f"/henvisninger/{referral.pk}/afgoerelse/", _decision_post())
    decision = Decision.objects.get()
    client.force_login(therapist)  # therapists may read the letter
    response = client.get(f"/afgoerelser/{decision.pk}/brev.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Afgørelse om vedligeholdende træning" in pdf_text(response.content)
    assert AuditEntry.objects.filter(
        citizen_id=citizen.pk, action="export", user=therapist
    ).exists()


@pytest.mark.django_db
def test_receipt_form_sets_the_complaint_deadline_shown_on_the_page(client, varde_case):
    visitator, _therapist, _citizen, referral = varde_case
    decision = decision_make(
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.REFUSED,
        decided_on=D(2026, 11, 10),
        answers=DecisionAnswers(motivated=False),
        refusal_reason="Ikke motiveret.",
    )
    client.force_login(visitator)
    page = client.get(f"/afgoerelser/{decision.pk}/").content.decode()
    assert "Modtagelsen er ikke registreret endnu." in page
    bad = client.post(f"/afgoerelser/{decision.pk}/modtaget/", {"received_on": "2026-11-01"})
    assert bad.status_code == 400
    assert "før afgørelsen blev truffet" in bad.content.decode()
    client.post(f"/afgoerelser/{decision.pk}/modtaget/", {"received_on": "2026-11-13"})
    page = client.get(f"/afgoerelser/{decision.pk}/").content.decode()
    assert "Klagefrist: 11. december 2026" in page
    decision.refresh_from_db()
    assert decision.complaint_deadline == D(2026, 12, 11)


@pytest.mark.django_db
def test_a_therapist_cannot_decide(client, varde_case):
    _visitator, therapist, _citizen, referral = varde_case
    client.force_login(therapist)
    assert client.get(f"/henvisninger/{referral.pk}/afgoerelse/").status_code == 403
    response = client.post(f"/henvisninger/{referral.pk}/afgoerelse/", _decision_post())
    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_another_municipality_sees_nothing(client, varde_case, naestved, staff):
    visitator, _therapist, citizen, referral = varde_case
    decision = decision_make(
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.REFUSED,
        decided_on=D(2026, 11, 10),
        refusal_reason="Ikke i målgruppen.",
    )
    outsider, _ = staff(naestved)
    client.force_login(outsider)
    for url in (
        f"/henvisninger/{referral.pk}/afgoerelse/",
        f"/henvisninger/{referral.pk}/funktionsvurdering/",
        f"/borgere/{citizen.pk}/funktionsvurdering/",
        f"/afgoerelser/{decision.pk}/",
        f"/afgoerelser/{decision.pk}/brev.pdf",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/afgoerelser/{decision.pk}/modtaget/", {"received_on": "2026-11-12"})
    assert response.status_code == 404
    home = client.get("/").content.decode()
    assert citizen.full_name not in home


@pytest.mark.django_db
def test_fsiii_assessment_form_stores_levels_and_feeds_the_engine(
    client, naestved, staff, make_citizen, make_referral
):
    (
        visitator,
        therapist,
    ) = staff(naestved)
    citizen = make_citizen(visitator)
    referral = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
    client.force_login(visitator)
    url = f"/henvisninger/{referral.pk}/funktionsvurdering/"
    form = client.get(url).content.decode()
    assert "Mobilitet" in form and "Gå" in form and "3 – Svære begrænsninger" in form
    empty = client.post(url, {"phase": "visitation", "assessed_on": "2026-11-05"})
    assert "Vurder mindst ét funktionsevneområde." in empty.content.decode()
    walk = "fsiii_51697715_965a_40f3_b4a5_819103bf9d49"  # J3.8 Gå
    response = client.post(
        url,
        {
            "phase": "visitation",
            "assessed_on": "2026-11-05",
            walk: "3",
            "note": "Går med rollator.",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert [(i.label, i.level) for i in assessment.items.all()] == [("Gå", 3)]
    page = client.get(response["Location"]).content.decode()
    # Næstved's SEL86-2 criterion on FSIII level 2 or more is now met.
    assert "FSIII: Gå er vurderet til niveau 3." in page
    # A therapist may record a start assessment from the citizen page.
    client.force_login(therapist)
    response = client.post(
        f"/borgere/{citizen.pk}/funktionsvurdering/",
        {"phase": "start", "assessed_on": "2026-11-06", walk: "2"},
    )
    assert response.status_code == 302
    assert Assessment.objects.filter(phase="start", assessed_by=therapist).exists()


@pytest.mark.django_db
def test_sul140_plan_screen_sets_level_and_sends_a_plan_letter(
    client, fredericia, staff, make_citizen, make_referral
):
    visitator, _therapist = staff(fredericia)
    citizen = make_citizen(visitator)
    referral = make_referral(
        visitator,
        citizen,
        "SUL140",
        D(2026, 11, 16),
        source="hospital_gop",
        discharge_on=D(2026, 11, 16),
    )
    client.force_login(visitator)
    url = f"/henvisninger/{referral.pk}/afgoerelse/"
    page = client.get(url).content.decode()
    assert "er ikke en bevilling" in page
    assert "Bevilling" not in page
    response = client.post(url, {"decided_on": "2026-11-17", "level": "", "plan_text": ""})
    assert "Vælg niveau: basal eller avanceret." in response.content.decode()
    response = client.post(
        url, {"decided_on": "2026-11-17", "level": "basal", "plan_text": "Holdtræning for knæ."}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PLANNED and referral.gop_level == "basal"
    assert OutboxMessage.objects.get(citizen=citizen).kind == "plan_letter"


@pytest.mark.django_db
def test_start_page_worklist_shows_days_left_and_unconfirmed_letters(
    client, naestved, staff, make_citizen, make_referral
):
    visitator, therapist = staff(naestved)
    waiting = make_citizen(visitator)
    decided = make_citizen(visitator, cpr="020260-1234", first_name="Bent", last_name="Holm")
    make_referral(visitator, waiting, "SEL86-1", D(2026, 11, 20))
    referral = make_referral(visitator, decided, "SEL86-1", D(2026, 11, 2))
    decision_make(
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.REFUSED,
        decided_on=D(2026, 11, 10),
        refusal_reason="Kan træne selv.",
    )
    client.force_login(visitator)
    content = client.get("/").content.decode()
    assert "Visitation: afventer vurdering og afgørelse" in content
    assert "Åse Bøgelund" in content
    assert "Afgørelse: 4. december 2026" in content  # 10 working days after 20 November
    assert re.search(r"\d+ dage? tilbage|Overskredet|Udløber i dag", content)
    assert "Breve, hvor modtagelsen ikke er registreret" in content
    assert "Bent Holm: Afgørelsesbrev" in content
    client.force_login(therapist)
    assert "Visitation: afventer" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_citizen_page_lists_decisions_and_links_to_the_decision_screen(client, varde_case):
    visitator, _therapist, citizen, referral = varde_case
    client.force_login(visitator)
    content = client.get(f"/borgere/{citizen.pk}/").content.decode()
    assert f"/henvisninger/{referral.pk}/afgoerelse/" in content
    assert "Ingen afgørelser endnu." in content


@pytest.mark.django_db
def test_a_therapist_cannot_record_the_receipt_of_a_letter(client, varde_case):
    visitator, therapist, _citizen, referral = varde_case
    decision = decision_make(
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.REFUSED,
        decided_on=D(2026, 11, 10),
        refusal_reason="Ikke i målgruppen.",
    )
    client.force_login(therapist)
    assert client.get(f"/afgoerelser/{decision.pk}/").status_code == 200
    response = client.post(f"/afgoerelser/{decision.pk}/modtaget/", {"received_on": "2026-11-12"})
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.letter_received_on is None
