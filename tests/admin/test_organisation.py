"""Locations, therapists, team classes, closed days and the municipality, as the administrator of
the second municipality."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from rehabplan.accounts.models import User
from rehabplan.organisation.models import ClosedDay, TeamClass, Therapist, WorkingHours

PAGES = {
    "location": lambda unit: (unit.location.pk, unit.location.name),
    "therapist": lambda unit: (unit.therapist.pk, unit.therapist.name),
    "teamclass": lambda unit: (unit.team_class.pk, unit.team_class.name),
    "closedday": lambda unit: (unit.closed_day.pk, unit.closed_day.reason),
    "municipality": lambda unit: (unit.municipality.pk, unit.municipality.name),
}


def _team_class_data(unit, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Nyt hold",
        "location": unit.location.pk,
        "weekday": 3,
        "starts_at": "13:00",
        "duration_minutes": 60,
        "capacity": 8,
        "minimum_to_run": 3,
        "level": "basal",
        "profession": "PT",
        "therapist": unit.therapist.pk,
        "active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", sorted(PAGES))
def test_a_list_shows_only_own_records(admin_of_second, own, foreign, model):
    page = admin_of_second.get(f"/admin/organisation/{model}/").content.decode()
    assert PAGES[model](own)[1] in page
    assert PAGES[model](foreign)[1] not in page


def test_list_filters_name_no_record_of_another_municipality(admin_of_second, own, foreign):
    page = admin_of_second.get("/admin/organisation/teamclass/").content.decode()
    assert own.location.name in page
    assert foreign.location.name not in page


@pytest.mark.parametrize("model", sorted(PAGES))
def test_a_record_of_another_municipality_cannot_be_opened(admin_of_second, foreign, model):
    pk = PAGES[model](foreign)[0]
    assert admin_of_second.get(f"/admin/organisation/{model}/{pk}/change/").status_code == 404
    assert admin_of_second.get(f"/admin/organisation/{model}/{pk}/history/").status_code == 404


def test_a_record_of_another_municipality_cannot_be_changed_or_deleted(admin_of_second, foreign):
    day = foreign.closed_day
    url = f"/admin/organisation/closedday/{day.pk}/"
    changed = admin_of_second.post(url + "change/", {"day": "2026-12-24", "reason": "Overtaget"})
    deleted = admin_of_second.post(url + "delete/", {"post": "yes"})
    assert (changed.status_code, deleted.status_code) == (404, 404)
    day.refresh_from_db()
    assert day.reason == "Fremmed lukket"


def test_the_dropdowns_offer_only_own_records(admin_of_second, own, foreign):
    fields = admin_of_second.get("/admin/organisation/teamclass/add/").context["adminform"].form
    assert list(fields.fields["location"].queryset) == [own.location]
    assert list(fields.fields["therapist"].queryset) == [own.therapist]
    assert "municipality" not in fields.fields

    form = admin_of_second.get("/admin/organisation/therapist/add/").context["adminform"].form
    assert set(form.fields["user"].queryset) == {own.administrator, own.visitator}


@pytest.mark.parametrize("field", ["location", "therapist"])
def test_a_posted_id_of_another_municipality_is_refused(admin_of_second, own, foreign, field):
    foreign_record = getattr(foreign, field)
    before = TeamClass.objects.count()
    response = admin_of_second.post(
        "/admin/organisation/teamclass/add/",
        _team_class_data(own, **{field: foreign_record.pk}),
    )
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert TeamClass.objects.count() == before


def test_a_new_record_is_placed_in_the_administrators_municipality(admin_of_second, own, foreign):
    response = admin_of_second.post(
        "/admin/organisation/teamclass/add/",
        _team_class_data(own, municipality=foreign.municipality.pk),
    )
    assert response.status_code == 302
    created = TeamClass.objects.get(name="Nyt hold")
    assert created.municipality == own.municipality


def test_a_superuser_cannot_mix_municipalities_in_one_team_class(client, own, foreign):
    client.force_login(User.objects.create_superuser(username="drift", password="x-Y-z-123456"))
    response = client.post(
        "/admin/organisation/teamclass/add/",
        _team_class_data(own, municipality=own.municipality.pk, location=foreign.location.pk),
    )
    assert response.status_code == 200
    assert "location" in response.context["adminform"].form.errors
    assert not TeamClass.objects.filter(name="Nyt hold").exists()


def test_working_hours_and_absences_belong_to_a_therapist_of_the_municipality(own, foreign):
    from rehabplan.organisation.admin import TherapistAdmin

    request = RequestFactory().get("/admin/organisation/therapist/add/")
    request.user = own.administrator
    therapist_field = WorkingHours._meta.get_field("therapist")
    for inline in TherapistAdmin(Therapist, admin.site).get_inline_instances(request):
        formfield = inline.formfield_for_foreignkey(therapist_field, request)
        assert list(formfield.queryset) == [own.therapist]
    inline = TherapistAdmin(Therapist, admin.site).get_inline_instances(request)[0]
    assert list(inline.get_queryset(request)) == [own.working_hours]


def test_an_inline_row_of_another_therapist_cannot_be_posted(admin_of_second, own, foreign):
    url = f"/admin/organisation/therapist/{own.therapist.pk}/change/"
    data = {
        "name": own.therapist.name,
        "profession": "PT",
        "max_sessions_per_week": 30,
        "active": "on",
        "working_hours-TOTAL_FORMS": 1,
        "working_hours-INITIAL_FORMS": 1,
        "working_hours-0-id": foreign.working_hours.pk,
        "working_hours-0-therapist": own.therapist.pk,
        "working_hours-0-weekday": 0,
        "working_hours-0-starts_at": "06:00",
        "working_hours-0-ends_at": "07:00",
        "absences-TOTAL_FORMS": 0,
        "absences-INITIAL_FORMS": 0,
    }
    admin_of_second.post(url, data)
    foreign.working_hours.refresh_from_db()
    assert foreign.working_hours.therapist == foreign.therapist
    assert foreign.working_hours.starts_at.hour == 8
    assert not WorkingHours.objects.filter(starts_at="06:00").exists()


def test_the_municipality_is_read_only_for_its_administrator(admin_of_second, own):
    url = f"/admin/organisation/municipality/{own.municipality.pk}/"
    assert admin_of_second.get(url + "change/").status_code == 200
    assert admin_of_second.post(url + "change/", {"name": "Omdøbt"}).status_code == 403
    assert admin_of_second.post(url + "delete/", {"post": "yes"}).status_code == 403
    assert admin_of_second.get("/admin/organisation/municipality/add/").status_code == 403


def test_closed_day_added_by_the_administrator(admin_of_second, own):
    response = admin_of_second.post(
        "/admin/organisation/closedday/add/", {"day": "2026-12-31", "reason": "Nytårsaften"}
    )
    assert response.status_code == 302
    assert ClosedDay.objects.get(reason="Nytårsaften").municipality == own.municipality
