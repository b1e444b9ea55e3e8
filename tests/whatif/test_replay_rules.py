"""The pure replay: known cases under Demo Kommune's standard and a draft of it."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.rules import StandardError, default_registry, parse_facts
from rehabplan.rules.whatif import HistoricCase, draft_registry, replay
from tests.whatif import drafts

AS_OF = dt.date(2026, 11, 30)
SINCE = dt.date(2025, 11, 30)


def _draft(text: str):
    return draft_registry(
        default_registry(), text, "udkast.toml", slug="demo", kommunekode=999, since=SINCE
    )


def _case(number: int, **fields) -> HistoricCase:
    values = {
        "case_id": number,
        "citizen_id": 100 + number,
        "service": "SEL86-1",
        "received": dt.date(2026, 2, 23),
        "decided": dt.date(2026, 3, 2),  # a Monday; 4 weeks: 30 March, 10 working days: 16 March
        "contacted": dt.date(2026, 2, 24),
    }
    values.update(fields)
    return HistoricCase(**values)


def _run(text: str, cases: list[HistoricCase]):
    registry, label = _draft(text)
    return replay(default_registry(), registry, "demo", cases, as_of=AS_OF, draft_version=label)


def _service(result, code: str):
    return next(tally for tally in result.services if tally.service == code)


@pytest.mark.parametrize(
    ("started", "current", "draft"),
    [
        (dt.date(2026, 3, 20), "met", "missed"),  # 18 days: inside 4 weeks, after 10 working days
        (dt.date(2026, 3, 16), "met", "met"),  # the 10th working day itself
        (dt.date(2026, 3, 17), "met", "missed"),
        (dt.date(2026, 3, 31), "missed", "missed"),  # a day after 4 weeks
    ],
)
def test_ten_working_days_instead_of_four_weeks(started, current, draft):
    result = _run(drafts.start_in_ten_working_days(), [_case(1, started=started)])
    start = _service(result, "SEL86-1").deadlines["start"]
    assert (start.current_met, start.current_missed) == ((1, 0) if current == "met" else (0, 1))
    assert (start.draft_met, start.draft_missed) == ((1, 0) if draft == "met" else (0, 1))
    assert start.met_to_missed == (current == "met" and draft == "missed")


def test_a_start_never_made_counts_as_missed_once_overdue():
    result = _run(drafts.start_in_ten_working_days(), [_case(1, started=None)])
    start = _service(result, "SEL86-1").deadlines["start"]
    assert (start.current_missed, start.draft_missed) == (1, 1)


def test_unchanged_deadlines_are_counted_alike():
    cases = [_case(n, started=dt.date(2026, 3, 20)) for n in range(3)]
    result = _run(drafts.sixteen_sessions(), cases)
    tally = _service(result, "SEL86-1")
    assert tally.deadlines["start"].current_met == tally.deadlines["start"].draft_met == 3
    assert tally.deadlines["decision"].current_met == 3  # decided within 10 working days
    assert tally.deadlines["contact"].current_met == 0  # demo sets no contact deadline for §86


def test_sixteen_sessions_instead_of_twenty():
    cases = [
        _case(1, service="SEL86-2", sessions_held=20, therapist_minutes=20 * 45),
        _case(2, service="SEL86-2", sessions_held=18, therapist_minutes=18 * 60),
        _case(3, service="SEL86-2", sessions_held=12, therapist_minutes=12 * 45),
        _case(4, service="SEL86-1", sessions_held=24, therapist_minutes=24 * 45),  # no cap
    ]
    result = _run(drafts.sixteen_sessions(), cases)
    tally = _service(result, "SEL86-2")
    assert (tally.sessions_current, tally.sessions_draft) == (50, 44)
    assert tally.minutes_current - tally.minutes_draft == 4 * 45 + 2 * 60
    assert tally.capped_cases == 2
    other = _service(result, "SEL86-1")
    assert other.sessions_current == other.sessions_draft == 24


def test_a_draft_criterion_refuses_a_known_citizen_with_its_reason():
    young = parse_facts({"birth_date": "1965-05-01", "motivated": True, "can_train_alone": False})
    old = parse_facts({"birth_date": "1940-05-01", "motivated": True, "can_train_alone": False})
    cases = [
        _case(1, service="SEL86-2", facts=young, sessions_held=10, therapist_minutes=450),
        _case(2, service="SEL86-2", facts=old, sessions_held=10, therapist_minutes=450),
    ]
    result = _run(drafts.age_criterion(), cases)
    assert result.changed_total == 1
    (changed,) = result.changed
    assert (changed.case_id, changed.citizen_id, changed.draft_outcome) == (1, 101, "not_eligible")
    (reason,) = changed.reasons
    assert reason.rule_id == "demo:SEL86-2.age"
    assert reason.text == "Vedligeholdende træning gives til borgere på 67 år og derover."
    assert "Demokvalitetsstandard" in reason.source and "Målgruppe" in reason.source
    assert "60 år" in reason.detail
    tally = _service(result, "SEL86-2")
    assert tally.refused_by_draft == 1
    assert (tally.sessions_current, tally.sessions_draft) == (20, 10)  # the refused ones: none


def test_removing_a_criterion_grants_a_refused_citizen_with_the_old_reason():
    can_alone = parse_facts({"motivated": True, "can_train_alone": True})
    text = drafts.demo_text()
    start = text.index('[[version.rule]]\nid = "SEL86.needs_therapist"')
    end = text.index("[[version.rule]]", start + 10)
    result = _run(text[:start] + text[end:], [_case(1, facts=can_alone)])
    (changed,) = result.changed
    assert (changed.current_outcome, changed.draft_outcome) == ("not_eligible", "needs_assessment")
    assert [r.rule_id for r in changed.reasons] == ["demo:SEL86.needs_therapist"]
    assert changed.reasons[0].standard == "current"


def test_a_judgement_the_draft_no_longer_asks_is_left_out_not_an_error():
    # The assessor answered "SEL86-1.target" under the standard in force; the draft drops it.
    answered = parse_facts(
        {"motivated": True, "can_train_alone": False, "assessments": {"SEL86-1.target": True}}
    )
    text = drafts.demo_text()
    start = text.index('[[version.rule]]\nid = "SEL86-1.target"')
    end = text.index("[[version.rule]]", start + 10)
    result = _run(text[:start] + text[end:], [_case(1, facts=answered)])
    assert result.cases == 1
    assert result.changed == ()  # eligible under both: the draft simply asks one question less


def test_the_result_is_json_ready():
    import json

    result = _run(drafts.every_change(), [_case(1, started=dt.date(2026, 3, 20))])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["draft_version"] == "demo@2024-01-01"
    assert data["services"][0]["deadlines"][2]["kind"] == "start"


def test_a_draft_for_another_municipality_is_refused():
    text = drafts.demo_text().replace('slug = "demo"', 'slug = "billund"')
    with pytest.raises(StandardError, match="din egen kommune"):
        _draft(text)


def test_an_invalid_draft_gets_the_loaders_error_with_line():
    text = drafts.demo_text().replace("count = 4\n", 'count = "fire"\n')
    with pytest.raises(StandardError) as error:
        _draft(text)
    assert error.value.line is not None
    assert "linje" in str(error.value)


def test_the_result_says_which_deadlines_each_standard_sets():
    result = _run(drafts.sixteen_sessions(), [_case(1, started=dt.date(2026, 3, 20))])
    tally = _service(result, "SEL86-1")
    assert not tally.deadlines["contact"].in_current and not tally.deadlines["contact"].in_draft
    assert tally.deadlines["start"].in_current and tally.deadlines["start"].in_draft
