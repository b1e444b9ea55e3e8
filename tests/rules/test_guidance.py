"""Transport, complaint guidance, termination reasons, attendance, legal basis, calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.rules import (
    attendance_rules,
    closed_days,
    complaint_guidance,
    legal_basis,
    opening_hours,
    termination_reasons,
    transport,
)

D = dt.date
ON = D(2026, 3, 2)


@pytest.mark.parametrize(
    "municipality, service, arrangement",
    [
        ("fredericia", "SUL140", "free"),
        ("fredericia", "SEL86-1", "free"),
        ("fredericia", "SEL86-2", "self_pay"),
        ("fredericia", "SUL140a", "self_pay"),
        ("fredericia", "SUL119", "self_pay"),
        ("varde", "SEL86-2", "own"),
        ("naestved", "SEL86-2", "individual_assessment_self_pay"),
        ("varde", "SUL140", None),  # the standard is silent
    ],
)
def test_transport(registry, municipality, service, arrangement):
    result = transport(registry, municipality, service, on=ON)
    assert result.arrangement == arrangement
    assert result.explanation


def test_statutory_complaint_route_in_the_baseline(registry):
    result = complaint_guidance(
        registry, "varde", "SEL86-2", on=ON, decision_received=D(2026, 3, 5)
    )
    (route,) = result.routes
    assert route.topic == "decision"
    first, second = route.steps
    assert first.deadline == D(2026, 4, 2)  # 4 weeks from the day the letter was received
    assert "Ankestyrelsen" in second.body
    assert result.explanation[0].rule_id == "national:complaint.decision"


def test_complaint_deadline_waits_for_delivery(registry):
    result = complaint_guidance(registry, "varde", "SEL86-2", on=ON)
    step = result.routes[0].steps[0]
    assert step.deadline is None
    assert step.depends_on == "decision_received"


def test_naestved_complaint_addresses(registry):
    result = complaint_guidance(
        registry, "naestved", "SEL86-1", on=ON, decision_received=D(2026, 12, 10)
    )
    decision, service = result.routes
    assert decision.steps[0].address == "Rådmandshaven 20, 4700 Næstved"
    assert decision.steps[0].deadline == D(2027, 1, 7)
    assert service.steps[0].body == "Styrelsen for Patientsikkerhed"


def test_sul140_has_no_decision_to_appeal(registry):
    result = complaint_guidance(registry, "fredericia", "SUL140", on=ON)
    assert {r.topic for r in result.routes} == {"service", "health"}
    health = next(r for r in result.routes if r.topic == "health")
    assert health.steps[0].address == "Oluf Palmes Allé 18H, 8200 Aarhus N"
    assert any("ikke en bevilling" in e.text for e in result.explanation)


def test_termination_reasons(registry):
    varde = termination_reasons(registry, "varde", "SEL86-2", on=ON)
    assert "other_programme" in {r.code for r in varde.reasons}
    naestved = termination_reasons(registry, "naestved", "SEL86-1", on=ON)
    assert [r.code for r in naestved.reasons] == ["goals_reached", "goal_unreachable", "no_shows"]


def test_attendance_rules(registry):
    fredericia = attendance_rules(registry, "fredericia", "SUL140", on=ON)
    assert fredericia.citizen_cancellation == "day_before"
    assert fredericia.no_show_limit == 2
    assert fredericia.sms_reminder_hours == 24 and fredericia.sms_on_request
    naestved = attendance_rules(registry, "naestved", "SEL86-2", on=ON)
    assert naestved.therapist_cancellation_replacement
    assert naestved.no_show_limit is None
    varde = attendance_rules(registry, "varde", "SEL86-2", on=ON)
    assert varde.citizen_cancellation == "day_before" and varde.repeated_absence_ends


@pytest.mark.parametrize(
    "on, covered, law, depends_on",
    [
        (D(2025, 6, 30), True, "serviceloven", None),  # before the Ældrelov
        (D(2025, 7, 1), True, "aeldreloven", None),
        (D(2025, 7, 1), False, "serviceloven", None),
        (D(2025, 7, 1), None, "serviceloven", "covered_by_aeldreloven"),
    ],
)
def test_aeldreloven_switch(registry, on, covered, law, depends_on):
    facts = {} if covered is None else {"covered_by_aeldreloven": covered}
    result = legal_basis(registry, "varde", "SEL86-2", on=on, facts=facts)
    assert result.law == law
    assert result.depends_on == depends_on
    if law == "aeldreloven":
        assert result.text.startswith("Ældreloven")
        assert result.assumption
    else:
        assert result.text == "Serviceloven § 86, stk. 2"


def test_sul140_legal_basis_ignores_aeldreloven(registry):
    result = legal_basis(
        registry, "fredericia", "SUL140", on=D(2026, 1, 5), facts={"covered_by_aeldreloven": True}
    )
    assert result.text == "Sundhedsloven § 140"


def test_services_are_dated(registry):
    old = {s.code: s for s in registry.services("varde", D(2025, 6, 30))}
    new = {s.code: s for s in registry.services("varde", D(2025, 7, 1))}
    assert old["SEL86-2"].aeldrelov is None
    assert new["SEL86-2"].aeldrelov is not None
    assert not new["SUL140"].is_grant and new["SEL86-1"].is_grant
    assert ("fredericia", 607, "Fredericia Kommune") in registry.municipalities()
    assert ("demo", 999, "Demo Kommune") in registry.municipalities()


def test_closed_days_over_christmas(registry):
    result = closed_days(registry, "fredericia", start=D(2026, 12, 21), end=D(2027, 1, 3))
    assert [d.day.isoformat() for d in result.days] == [
        "2026-12-24",
        "2026-12-25",
        "2026-12-26",
        "2026-12-27",
        "2026-12-31",
        "2027-01-01",
        "2027-01-02",
        "2027-01-03",
    ]


def test_opening_hours(registry):
    result = opening_hours(registry, "fredericia", "SUL140", on=ON)
    assert result.hours["friday"] == ("07:30-15:00",)
    assert "saturday" not in result.hours
    assert opening_hours(registry, "naestved", "SEL86-1", on=ON).any_hour_possible


def test_every_result_is_json_ready(registry):
    import json

    results = [
        transport(registry, "varde", "SEL86-2", on=ON),
        complaint_guidance(registry, "varde", "SEL86-2", on=ON, decision_received=ON),
        termination_reasons(registry, "varde", "SEL86-2", on=ON),
        attendance_rules(registry, "varde", "SEL86-2", on=ON),
        legal_basis(registry, "varde", "SEL86-2", on=ON, facts={}),
        closed_days(registry, "varde", start=ON, end=ON + dt.timedelta(days=10)),
        opening_hours(registry, "varde", "SEL86-2", on=ON),
    ]
    for result in results:
        data = result.to_dict()
        json.dumps(data)
        assert "explanation" in data
        assert data["standard_version"] == "varde@2017-10-01+national@2025-07-01"


def test_no_criteria_means_professional_assessment(registry):
    from rehabplan.rules import eligibility

    result = eligibility(registry, "varde", "SEL86-1", on=ON, facts={"motivated": True})
    assert result.outcome == "needs_assessment"
    assert "ingen visitationskriterier" in result.explanation[-1].text


def test_sul140_start_explains_free_choice(registry):
    from rehabplan.rules import deadlines

    result = deadlines(registry, "fredericia", "SUL140", discharge=D(2026, 4, 1))
    start = result.by_kind("start")
    assert start.explanation[-1].rule_id == "fredericia:SUL140.provider"


def test_deadlines_name_the_version_even_without_rules(registry):
    from rehabplan.rules import deadlines

    result = deadlines(registry, "varde", "SEL86-1", received=D(2026, 3, 2))
    assert result.deadlines == ()
    assert "fastsætter ingen frister" in result.explanation[0].text


def test_on_must_be_a_date(registry):
    from rehabplan.rules import RulesError, eligibility

    with pytest.raises(RulesError, match="skal være en dato"):
        eligibility(registry, "varde", "RAAD", on="2026-01-01", facts={})
