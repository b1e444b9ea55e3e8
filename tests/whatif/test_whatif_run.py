"""The what-if run: request, task, result, isolation, and that the replay writes nothing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from rehabplan.whatif.models import WhatIfRun, WhatIfState
from rehabplan.whatif.services import whatif_request
from tests.whatif import drafts

pytestmark = pytest.mark.django_db(transaction=True)

# Tables the replay may write: its own run, the audit log and the task framework's queue.
WRITTEN_BY_A_RUN = {"whatif.WhatIfRun", "audit.AuditEntry", "django_tasks_db.DBTaskResult"}


def _run(user, text: str) -> WhatIfRun:
    run = whatif_request(user=user, draft=text.encode("utf-8"), file_name="udkast.toml")
    run.refresh_from_db()
    return run


def _service(run: WhatIfRun, code: str) -> dict:
    return next(s for s in run.result["services"] if s["service"] == code)


def test_the_task_replays_the_draft_over_the_known_history(leader, history):
    run = _run(leader, drafts.every_change())
    assert run.state == WhatIfState.DONE, run.error
    assert (run.cases_total, run.cases_done) == (2, 2)
    tally = _service(run, "SEL86-2")
    start = next(row for row in tally["deadlines"] if row["kind"] == "start")
    assert (start["current_met"], start["draft_missed"], start["met_to_missed"]) == (2, 2, 2)
    # Olga's 20 sessions are capped at 16; Yrsa's 10 disappear with the refusal.
    assert (tally["sessions_current"], tally["sessions_draft"]) == (30, 16)
    assert tally["minutes_current"] - tally["minutes_draft"] == 14 * 45
    (changed,) = run.result["changed"]
    assert changed["citizen_id"] == history.young.pk
    assert changed["reasons"][0]["rule_id"] == "demo:SEL86-2.age"


def test_a_replay_changes_nothing_in_the_data(leader, history):
    def snapshot() -> dict[str, list]:
        return {
            model._meta.label: list(model._base_manager.order_by("pk").values_list())
            for model in apps.get_models()
            if model._meta.managed and model._meta.label not in WRITTEN_BY_A_RUN
        }

    before = snapshot()
    run = _run(leader, drafts.every_change())
    assert run.state == WhatIfState.DONE
    assert snapshot() == before


def test_another_municipalitys_referrals_never_enter_the_replay(
    leader, history, other_municipality, make_user
):
    other_visitator = make_user("varde-visitator", "visitator", other_municipality)
    from tests.whatif.conftest import build_history

    build_history(
        municipality=other_municipality, visitator=other_visitator, therapist_name="Anden"
    )
    run = _run(leader, drafts.every_change())
    assert run.cases_total == 2
    assert {c["citizen_id"] for c in run.result["changed"]} == {history.young.pk}


def test_a_draft_for_another_municipality_is_refused(leader):
    text = drafts.demo_text().replace("kommunekode = 999", "kommunekode = 573")
    with pytest.raises(ValidationError) as error:
        _run(leader, text)
    assert "din egen kommune" in error.value.message_dict["draft"][0]
    assert not WhatIfRun.objects.exists()


def test_only_the_leader_role_may_run_a_replay(visitator, administrator, therapist_user):
    for user in (visitator, administrator, therapist_user):
        with pytest.raises(PermissionDenied):
            _run(user, drafts.every_change())


def test_a_draft_that_no_longer_loads_fails_the_run_with_the_loaders_message(leader, history):
    from rehabplan.whatif.services import whatif_compute

    run = _run(leader, drafts.every_change())
    WhatIfRun.objects.filter(pk=run.pk).update(
        state=WhatIfState.QUEUED,
        draft_text=drafts.demo_text().replace("count = 4\n", 'count = "fire"\n'),
    )
    whatif_compute(run.pk)
    run.refresh_from_db()
    assert run.state == WhatIfState.FAILED
    assert "linje" in run.error and "count" in run.error


def test_answers_left_blank_do_not_lose_the_answers_given(leader, history):
    from rehabplan.courses.models import Decision

    # Yrsa was recorded as able to train alone, with the programme question left blank.
    decision = Decision.objects.get(referral__citizen=history.young)
    decision.eligibility = {
        "answers": {"motivated": True, "can_train_alone": True, "programme": "", "judgements": {}}
    }
    decision.save()
    text = drafts.demo_text()
    start = text.index('[[version.rule]]\nid = "SEL86.needs_therapist"')
    end = text.index("[[version.rule]]", start + 10)
    run = _run(leader, text[:start] + text[end:])
    (changed,) = run.result["changed"]
    assert changed["citizen_id"] == history.young.pk
    assert changed["current_outcome"] == "not_eligible"
