"""The FSIII screen: FSIII's own order grouped by area, filled in from the plan and the last
assessment, and "ikke relevant" for a whole area in one tick that the server applies."""

from __future__ import annotations

import datetime
import re

import pytest

from rehabplan.courses.models import Assessment
from rehabplan.courses.services.assessments import assessment_record, fsiii_training_areas
from rehabplan.reference.fsiii import fsiii_code, fsiii_from_icf

D = datetime.date
WALK = "fsiii_51697715_965a_40f3_b4a5_819103bf9d49"  # J3.8 Gå


def _selected(page: str, name: str) -> str:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select)
    return chosen.group(1) if chosen else ""


def test_the_areas_and_their_items_come_in_fsiii_order():
    areas = fsiii_training_areas()
    assert [area.area.old_code for area in areas] == ["J1", "J2", "J3", "J4"]
    mobility = next(area for area in areas if area.area.old_code == "J3")
    numbered = [c.old_code for c in mobility.concepts if c.old_code.startswith("J3.")]
    assert numbered == [f"J3.{n}" for n in range(1, 10)]
    # The newer unnumbered concepts come after the numbered ones.
    assert mobility.concepts[-1].display == "Mobilitet og bevægelse"


def test_an_icf_code_from_the_plan_finds_its_fsiii_area():
    assert fsiii_from_icf("d450") == fsiii_code("J3.8")
    assert fsiii_from_icf("d4500") == fsiii_code("J3.8")  # a more detailed code under it
    assert fsiii_from_icf("b730") == fsiii_code("J3.7")
    assert fsiii_from_icf("s750") is None


@pytest.fixture
def case(naestved, staff, make_citizen, make_referral):
    visitator, _therapist = staff(naestved)
    citizen = make_citizen(visitator)
    referral = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
    return visitator, citizen, referral


@pytest.mark.django_db
def test_the_screen_is_filled_in_from_the_last_assessment(client, case):
    visitator, citizen, referral = case
    assessment_record(
        user=visitator,
        citizen=citizen,
        phase="visitation",
        assessed_on=D(2026, 11, 3),
        levels={"J3.8": 3, "J1.1": 1},
    )
    client.force_login(visitator)
    page = client.get(f"/henvisninger/{referral.pk}/funktionsvurdering/").content.decode()
    assert _selected(page, WALK) == "3"
    assert "2 punkter er udfyldt fra den seneste vurdering 3. november 2026." in page


@pytest.mark.django_db
def test_the_screen_is_filled_in_from_a_newer_plans_function_levels(client, case):
    visitator, citizen, referral = case
    assessment_record(
        user=visitator,
        citizen=citizen,
        phase="visitation",
        assessed_on=D(2026, 10, 1),
        levels={"J3.8": 3},
    )
    referral.gop_content = {"icf": [{"code": "d450", "text": "Gå", "gradient": "2"}]}
    referral.save(update_fields=["gop_content"])
    client.force_login(visitator)
    page = client.get(f"/henvisninger/{referral.pk}/funktionsvurdering/").content.decode()
    assert _selected(page, WALK) == "2"
    assert "1 punkt er udfyldt fra genoptræningsplanens funktionsniveauer." in page


@pytest.mark.django_db
def test_a_whole_area_set_not_relevant_is_saved_as_nine_without_javascript(client, case):
    visitator, _citizen, referral = case
    client.force_login(visitator)
    url = f"/henvisninger/{referral.pk}/funktionsvurdering/"
    page = client.get(url).content.decode()
    assert "Hele området Egenomsorg er ikke relevant" in page
    response = client.post(
        url,
        {
            "phase": "visitation",
            "assessed_on": "2026-11-05",
            "area_0_not_relevant": "on",
            WALK: "3",
        },
    )
    assert response.status_code == 302
    levels = {item.label: item.level for item in Assessment.objects.get().items.all()}
    self_care = fsiii_training_areas()[0]
    assert self_care.area.display == "Egenomsorg"
    assert {levels[c.display] for c in self_care.concepts} == {9}
    assert levels["Gå"] == 3
