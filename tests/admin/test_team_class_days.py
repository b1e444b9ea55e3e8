"""A team class meets on one to three weekdays: the administrator enters them in the admin, the
database keeps them distinct and in order, and a class from before keeps its one day."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from rehabplan.organisation.models import TeamClass

BEFORE = ("organisation", "0004_alter_absence_absence_last_after_first_and_more")
AFTER = ("organisation", "0005_team_class_weekdays")


def _data(unit, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Nyt hold",
        "location": unit.location.pk,
        "weekday": 3,
        "second_weekday": "",
        "third_weekday": "",
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


def test_the_administrator_enters_two_days_in_any_order(admin_of_second, own):
    response = admin_of_second.post(
        "/admin/organisation/teamclass/add/", _data(own, weekday=3, second_weekday=1)
    )
    assert response.status_code == 302
    team = TeamClass.objects.get(name="Nyt hold")
    assert team.weekdays == (1, 3)
    assert team.weekdays_display == "tirsdag og torsdag"
    listing = admin_of_second.get("/admin/organisation/teamclass/").content.decode()
    assert "Tirsdag og torsdag" in listing


def test_three_days_read_as_a_list(admin_of_second, own):
    admin_of_second.post(
        "/admin/organisation/teamclass/add/",
        _data(own, weekday=4, second_weekday=0, third_weekday=2),
    )
    assert TeamClass.objects.get(name="Nyt hold").weekdays_display == ("mandag, onsdag og fredag")


def test_the_same_day_twice_is_refused_in_danish(admin_of_second, own):
    response = admin_of_second.post(
        "/admin/organisation/teamclass/add/", _data(own, weekday=2, second_weekday=2)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["second_weekday"] == ["Holdet kan ikke mødes to gange på samme ugedag."]
    assert not TeamClass.objects.filter(name="Nyt hold").exists()


def test_the_first_day_is_required(admin_of_second, own):
    response = admin_of_second.post(
        "/admin/organisation/teamclass/add/", _data(own, weekday="", second_weekday=2)
    )
    assert response.status_code == 200
    assert "weekday" in response.context["adminform"].form.errors


@pytest.mark.parametrize(
    "days",
    [(2, 2, None), (3, 1, None), (1, None, 3), (1, 2, 2), (0, 7, None)],
    ids=["twice", "out-of-order", "third-without-second", "third-twice", "no-such-day"],
)
def test_the_database_refuses_days_out_of_order_or_repeated(own, days):
    first, second, third = days
    team = own.team_class
    team.weekday, team.second_weekday, team.third_weekday = first, second, third
    with pytest.raises(IntegrityError), transaction.atomic():
        team.save()


@pytest.mark.django_db(transaction=True)
def test_a_class_from_before_keeps_its_one_day():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    municipality = old_apps.get_model("organisation", "Municipality").objects.create(
        name="Gammel Kommune", slug="gammel", code=998
    )
    location = old_apps.get_model("organisation", "Location").objects.create(
        municipality=municipality, name="Salen", address="Vej 1", postcode="9990", city="By"
    )
    therapist = old_apps.get_model("organisation", "Therapist").objects.create(
        municipality=municipality, name="Tove Terapeut", profession="PT"
    )
    old_apps.get_model("organisation", "TeamClass").objects.create(
        municipality=municipality,
        name="Gammelt hold",
        location=location,
        weekday=2,
        starts_at="10:00",
        level="basal",
        profession="PT",
        therapist=therapist,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    team = TeamClass.objects.get(name="Gammelt hold")
    assert team.weekdays == (2,)
    assert team.weekdays_display == "onsdag"
