"""The exercise library's screens: every staff role searches, filters and reads an exercise."""

from __future__ import annotations

import re

import pytest

from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR
from rehabplan.exercises.library import default_library
from tests.foundation.test_words_on_screens import _Page, leaks_in

pytestmark = pytest.mark.django_db

LIST = "/oevelser/"


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


@pytest.mark.parametrize("role", [VISITATOR, THERAPIST, LEADER, ADMINISTRATOR])
def test_every_staff_role_finds_the_library_in_the_menu_and_browses_it(
    client, make_user, municipality, role
):
    client.force_login(make_user(f"user-{role}", role, municipality))
    home = client.get("/").content.decode()
    assert f'href="{LIST}"' in home and "Øvelsesbibliotek" in home
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    total = len(default_library())
    assert f"Alle {total} øvelser" in html
    first = next(iter(default_library()))
    assert f'href="/oevelser/{first.key}/"' in html
    assert len(_ids(html)) == len(set(_ids(html)))


def test_login_is_required(client):
    for url in (LIST, "/oevelser/sit_to_stand/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/log-ind/")


def test_a_user_without_a_staff_role_is_refused(client, django_user_model, municipality):
    user = django_user_model.objects.create_user(
        username="no-role", password="x", municipality=municipality
    )
    client.force_login(user)
    assert client.get(LIST).status_code == 403


def test_search_by_words_and_filters(client, therapist_user):
    client.force_login(therapist_user)
    library = default_library()
    html = client.get(LIST, {"tekst": "rejse stol"}).content.decode()
    expected = library.search("rejse stol")
    assert expected
    count = len(expected)
    assert f"{count} øvelse{'r' if count != 1 else ''} fundet" in html
    for exercise in expected[:20]:
        assert f'href="/oevelser/{exercise.key}/"' in html

    html = client.get(
        LIST, {"formaal": "strength", "omraade": "knee", "niveau": "2", "forloeb": "hip_knee"}
    ).content.decode()
    found = library.search(function="strength", region="knee", level=2, course="hip_knee")
    assert found
    for exercise in library:
        shown = f'href="/oevelser/{exercise.key}/"' in html
        assert shown == (exercise in found[:20]), exercise.key
    # The chosen filters stay chosen, by their Danish labels.
    assert re.search(r'<option value="knee" selected>Knæ</option>', html)


def test_no_match_shows_an_empty_state(client, therapist_user):
    client.force_login(therapist_user)
    html = client.get(LIST, {"tekst": "qqqzzz"}).content.decode()
    assert "0 øvelser fundet" in html
    assert "Ingen øvelser passer til søgningen" in html


def test_long_lists_are_paged_with_the_filters_kept(client, therapist_user):
    client.force_login(therapist_user)
    total = len(default_library())
    if total <= 20:
        pytest.skip("the library fits on one page")
    html = client.get(LIST, {"formaal": ""}).content.decode()
    assert 'data-testid="pagination"' in html
    second = client.get(LIST, {"formaal": "", "side": "2"}).content.decode()
    assert "Viser 21–" in second


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"formaal": "flying"}, "Vælg et af formålene på listen."),
        ({"omraade": "toe"}, "Vælg et af kropsområderne på listen."),
        ({"niveau": "9"}, "Vælg et af niveauerne på listen."),
        ({"forloeb": "nope"}, "Vælg en af forløbsgrupperne på listen."),
        ({"tekst": "x" * 101}, "Skriv højst 100 tegn."),
    ],
)
def test_a_bad_filter_value_gets_a_danish_message(client, therapist_user, parameters, message):
    client.force_login(therapist_user)
    response = client.get(LIST, parameters)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html


def test_the_detail_page_shows_the_whole_exercise(client, therapist_user):
    client.force_login(therapist_user)
    library = default_library()
    exercise = library.require("sit_to_stand")
    response = client.get(f"/oevelser/{exercise.key}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{exercise.name}</h1>" in html
    assert f'aria-label="Tegning: {exercise.name}"' in html and 'role="img"' in html
    assert exercise.aim in html and exercise.starting_position in html
    for step in exercise.instructions:
        assert f"<li>{step}</li>" in html
    assert '<ol data-testid="exercise-instructions">' in html
    assert exercise.dosage.describe()[1:] in html
    for precaution in exercise.precautions:
        assert precaution in html
    harder = library.require(exercise.harder)
    assert f'href="/oevelser/{harder.key}/">{harder.name}</a>' in html
    for label in exercise.course_labels:
        assert label in html
    assert len(_ids(html)) == len(set(_ids(html)))


def test_an_easier_step_links_back(client, therapist_user):
    client.force_login(therapist_user)
    html = client.get("/oevelser/sit_to_stand_weight/").content.decode()
    assert 'href="/oevelser/sit_to_stand/">Rejse sig fra stol</a>' in html


def test_an_unknown_exercise_is_not_found(client, therapist_user):
    client.force_login(therapist_user)
    response = client.get("/oevelser/no_such_exercise/")
    assert response.status_code == 404


def test_no_technical_words_on_any_page_of_the_library(client, therapist_user):
    client.force_login(therapist_user)
    library = default_library()
    urls = [f"{LIST}?side={number}" for number in range(1, len(library) // 20 + 2)]
    urls += [f"/oevelser/{exercise.key}/" for exercise in library]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _Page()
        page.feed(response.content.decode())
        pages[url] = "\n".join(page.text)
    assert leaks_in(pages) == []
