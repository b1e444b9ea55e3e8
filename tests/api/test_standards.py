"""/api/v1/standards/: the standard in force, and deadlines and eligibility for given facts."""

from __future__ import annotations

import pytest

from rehabplan.accounts.roles import VISITATOR
from rehabplan.audit.models import AuditEntry

STANDARD = "/api/v1/standards"
DEADLINES = "/api/v1/standards/deadlines"
ELIGIBILITY = "/api/v1/standards/eligibility"
ROLES = ["visitator", "therapist_user", "leader", "administrator"]


@pytest.fixture
def client(visitator, token_for, api_client):
    return api_client(token_for(visitator))


def _post(client, url: str, body: dict):
    return client.post(url, body, "application/json")


def _texts(problem: dict) -> list[str]:
    return [problem["detail"], *(error["message"] for error in problem.get("errors") or [])]


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_role_reads_the_standard_in_force(request, role, token_for, api_client):
    client = api_client(token_for(request.getfixturevalue(role)))
    response = client.get(STANDARD, {"on": "2026-06-01"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["municipality"] == "Demo Kommune"
    assert body["on"] == "2026-06-01"
    assert body["standard_version"].startswith("demo@2024-01-01")
    services = {service["code"]: service for service in body["services"]}
    assert {"SUL140", "SEL86-1", "SEL86-2-DAG"} <= set(services)
    assert services["SUL140"]["name"] == "Genoptræning efter sygehusophold"
    assert "demo:SUL140.start" in services["SUL140"]["rule_ids"]
    rules = {rule["id"]: rule for rule in body["rules"]}
    start = rules["demo:SUL140.start"]
    assert start["type"] == "deadline" and start["services"] == ["SUL140"]
    assert start["text"] and start["effect"] and start["topic"]
    assert start["source"]["issuer"] == "Demo Kommune"
    assert start["source"]["citation"].startswith("Demo Kommune: ")
    # Deadlines, criteria, extents, transport and complaint rules, each with its source.
    kinds = {rule["type"] for rule in body["rules"]}
    assert {"deadline", "criterion", "extent", "transport", "complaint"} <= kinds
    assert all(rule["source"]["title"] for rule in body["rules"])
    # A public document: reading it logs nothing about citizens.
    assert not AuditEntry.objects.exclude(shown_citizen_ids=[]).exists()


def test_a_caller_reads_its_own_municipalitys_standard(
    make_user, other_municipality, token_for, api_client
):
    client = api_client(token_for(make_user("varde-visitator", VISITATOR, other_municipality)))
    body = client.get(STANDARD, {"on": "2026-06-01"}).json()
    assert body["municipality"] == "Varde Kommune"
    assert body["standard_version"].startswith("varde@")
    assert not any(rule["id"].startswith("demo:") for rule in body["rules"])
    assert "SEL86-2-DAG" not in {service["code"] for service in body["services"]}


def test_a_day_with_no_standard_in_force_is_not_found(client):
    response = client.get(STANDARD, {"on": "1990-01-01"})
    assert response.status_code == 404
    assert "ingen kvalitetsstandard i kraft" in response.json()["detail"]


@pytest.mark.parametrize("on", ["2026-13-01", "2300-01-01", "1899-12-31", "i dag", ""])
def test_a_bad_day_is_a_422(client, on):
    response = client.get(STANDARD, {"on": on})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "on"


def test_without_a_key_nothing_is_read(db, api_client):
    for response in (
        api_client("rp_wrong").get(STANDARD),
        api_client("rp_wrong").post(DEADLINES, {"service": "SUL140"}, "application/json"),
    ):
        assert response.status_code == 401


# Danish working days: Easter, Ascension and Whit Monday, and Christmas (24 December is a
# working day in law, 25 and 26 December and 1 January are not).
@pytest.mark.parametrize(
    ("received_on", "decision_due"),
    [
        ("2026-04-01", "2026-04-20"),  # Maundy Thursday, Good Friday, Easter Monday skipped
        ("2026-05-13", "2026-05-29"),  # Ascension Day and Whit Monday skipped
        ("2026-12-18", "2027-01-05"),  # Christmas Day, Boxing Day, New Year's Day skipped
        ("2026-06-01", "2026-06-15"),  # two plain weeks (Constitution Day is a working day)
    ],
)
def test_the_decision_deadline_counts_danish_working_days(client, received_on, decision_due):
    response = _post(client, DEADLINES, {"service": "SEL86-1", "received_on": received_on})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["service_name"] == "Genoptræning"
    assert body["standard_version"].startswith("demo@2024-01-01")
    found = {deadline["kind"]: deadline for deadline in body["deadlines"]}
    decision = found["decision"]
    assert decision["due"] == decision_due
    assert decision["basis"] == "working_days"
    assert decision["explanations"][0]["rule_id"] == "demo:SEL86.decision"
    assert "10 hverdage efter modtagelsen" in decision["explanations"][-1]["text"]
    # The start deadline counts from the decision, which is not known yet.
    assert found["start"]["due"] is None
    assert found["start"]["depends_on"] == "decided"
    assert "først beregnes" in found["start"]["explanations"][-1]["text"]


def test_the_deadlines_after_a_discharge_name_their_rules_and_sources(client):
    body = _post(client, DEADLINES, {"service": "SUL140", "discharge_on": "2026-11-27"}).json()
    found = {deadline["kind"]: deadline for deadline in body["deadlines"]}
    assert found["contact"]["due"] == "2026-12-01"
    assert found["start"]["due"] == "2026-12-04"
    assert found["start"]["basis"] == "calendar_days"
    assert found["start"]["falls_on_closed_day"] is False
    assert found["start"]["explanations"][0]["source"]["issuer"] == "Demo Kommune"
    # The provider rule: free choice of provider when the start is late.
    assert "privat leverandør" in found["start"]["explanations"][-1]["text"]
    assert "Fristerne følger kvalitetsstandarden" in body["explanations"][0]["text"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"service": "UKENDT", "received_on": "2026-06-01"}, "ukendt indsats 'UKENDT'"),
        (
            {"service": "SUL140", "discharge_on": "2026-06-10", "gop_start_on": "2026-06-01"},
            "gop_start ligger før udskrivningsdagen",
        ),
        ({"service": "SUL140", "standard_on": "1990-01-01"}, "ingen kvalitetsstandard i kraft"),
        ({"service": "", "received_on": "2026-06-01"}, "Teksten er for kort."),
        ({"service": "SUL 140"}, "Har ikke den rigtige form."),
        ({"service": "SUL140", "received_on": "2026-02-30"}, "Skal være en dato (ÅÅÅÅ-MM-DD)."),
        ({"service": "SUL140", "received_on": "2200-01-01"}, "mellem 1900 og 2199"),
        ({"received_on": "2026-06-01"}, "Feltet skal udfyldes."),
    ],
)
def test_deadlines_for_facts_the_standard_cannot_use_are_a_danish_422(client, body, message):
    response = _post(client, DEADLINES, body)
    assert response.status_code == 422, response.content
    assert any(message in text for text in _texts(response.json())), response.json()


@pytest.mark.parametrize(
    ("facts", "outcome", "eligible"),
    [
        (
            {"motivated": True, "can_train_alone": False, "assessments": {"SEL86-1.target": True}},
            "eligible",
            True,
        ),
        # The qualified id the results show is accepted as the assessment's key too.
        (
            {
                "motivated": True,
                "can_train_alone": False,
                "assessments": {"demo:SEL86-1.target": True},
            },
            "eligible",
            True,
        ),
        ({"motivated": False}, "not_eligible", False),
        ({"motivated": True, "can_train_alone": False}, "needs_assessment", None),
        ({}, "needs_assessment", None),
    ],
)
def test_eligibility_for_given_facts(client, facts, outcome, eligible):
    response = _post(
        client, ELIGIBILITY, {"service": "SEL86-1", "on": "2026-06-01", "facts": facts}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["outcome"] == outcome and body["eligible"] is eligible
    assert body["service_name"] == "Genoptræning" and body["decision"] == "grant"
    criteria = {criterion["rule_id"]: criterion for criterion in body["criteria"]}
    assert set(criteria) == {
        "demo:SEL86.motivated",
        "demo:SEL86.needs_therapist",
        "demo:SEL86-1.target",
    }
    motivated = criteria["demo:SEL86.motivated"]
    expected = {True: "met", False: "unmet", None: "unknown"}[facts.get("motivated")]
    assert motivated["status"] == expected
    assert motivated["text"] and motivated["source"]["issuer"] == "Demo Kommune"
    assert len(body["explanations"]) >= len(body["criteria"])


def test_a_service_that_is_planned_not_granted_says_so(client):
    body = _post(client, ELIGIBILITY, {"service": "SUL140", "on": "2026-06-01"}).json()
    assert body["decision"] == "plan"
    assert any("ikke en bevilling" in item["text"] for item in body["explanations"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"service": "SEL86-1", "facts": {"shoe_size": 42}}, "Feltet kendes ikke."),
        ({"service": "SEL86-1", "facts": {"programme": "yoga"}}, "Skal være en af de tilladte"),
        ({"service": "SEL86-1", "facts": {"fsiii": {"nope": 2}}}, "ukendt FSIII-kode 'nope'"),
        ({"service": "SEL86-1", "facts": {"fsiii": {"x": 10}}}, "Værdien er for stor."),
        (
            {"service": "SEL86-1", "facts": {"assessments": {"SEL86-2.target": True}}},
            "er ikke et kriterium for Genoptræning",
        ),
        ({"service": "SEL86-1", "facts": {"last_grant": {"SEL 86": "2026-01-01"}}}, "rigtige form"),
        ({"service": "SEL86-1", "facts": {"motivated": "måske"}}, "Skal være true eller false."),
        ({"service": "SEL86-1", "facts": {"birth_date": "0001-01-01"}}, "mellem 1900 og 2199"),
        ({"service": "NOPE", "on": "2026-06-01"}, "ukendt indsats 'NOPE'"),
        ({"service": "SEL86-1", "on": "1990-01-01"}, "ingen kvalitetsstandard i kraft"),
        ({"service": "SEL86-1", "facts": []}, "Skal være et objekt."),
    ],
)
def test_facts_the_engine_cannot_use_are_a_danish_422(client, body, message):
    response = _post(client, ELIGIBILITY, body)
    assert response.status_code == 422, response.content
    assert any(message in text for text in _texts(response.json())), response.json()
