import pytest
from django.http import Http404

from rehabplan.citizens.selectors import citizen_get, citizen_search
from rehabplan.citizens.services import citizen_create


@pytest.fixture
def foreign_citizen(make_user, other_municipality):
    from rehabplan.accounts.roles import VISITATOR

    foreign_visitator = make_user("varde-visitator", VISITATOR, other_municipality)
    return citizen_create(
        user=foreign_visitator, cpr="0202402345", first_name="Karen", last_name="Varde"
    )


def test_search_finds_only_the_users_own_municipality(visitator, citizen, foreign_citizen):
    found = citizen_search(user=visitator, term="Karen")
    assert found == [citizen]


def test_search_by_cpr_of_another_municipality_finds_nothing(visitator, foreign_citizen):
    assert citizen_search(user=visitator, term="020240-2345") == []


def test_a_citizen_of_another_municipality_cannot_be_opened(visitator, foreign_citizen):
    with pytest.raises(Http404):
        citizen_get(user=visitator, citizen_id=foreign_citizen.pk)


def test_citizen_page_of_another_municipality_is_not_found(client, visitator, foreign_citizen):
    client.force_login(visitator)
    response = client.get(f"/borgere/{foreign_citizen.pk}/")
    assert response.status_code == 404


def test_same_cpr_may_exist_in_two_municipalities(visitator, foreign_citizen):
    own = citizen_create(user=visitator, cpr="0202402345", first_name="Karen", last_name="Demo")
    assert own.pk != foreign_citizen.pk
