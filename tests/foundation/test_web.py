import pytest

from rehabplan.accounts.roles import ROLES


def test_pages_need_a_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


def test_login_page_is_danish(client):
    response = client.get("/log-ind/")
    content = response.content.decode()
    assert '<html lang="da">' in content
    assert "Brugernavn" in content and "Adgangskode" in content


def test_wrong_password_gets_a_danish_message(client, visitator):
    response = client.post("/log-ind/", {"username": "visitator", "password": "forkert"})
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_start_page_renders_for_every_role(client, make_user, municipality, role):
    user = make_user(f"user-{role}", role, municipality)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Demo Kommune" in content
    assert "Log af" in content


def test_citizen_page_is_never_cached(client, visitator, citizen):
    client.force_login(visitator)
    response = client.get(f"/borgere/{citizen.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_search_by_cpr_is_a_post_and_the_cpr_stays_out_of_the_url(client, visitator, citizen):
    client.force_login(visitator)
    response = client.post("/borgere/", {"term": "010150-1234"})
    assert "Karen Sørensen" in response.content.decode()
    # A GET with the number in the query string does not search.
    response = client.get("/borgere/?term=0101501234")
    assert "Karen Sørensen" not in response.content.decode()


def test_no_link_on_the_citizen_page_carries_a_cpr(client, visitator, citizen):
    client.force_login(visitator)
    content = client.post("/borgere/", {"term": "Karen"}).content.decode()
    assert "0101501234" not in content.replace("010150-1234", "")
    assert f"/borgere/{citizen.pk}/" in content


def test_create_citizen_form_shows_danish_errors_and_keeps_input(client, visitator):
    client.force_login(visitator)
    response = client.post(
        "/borgere/ny/", {"cpr": "3213501234", "first_name": "Ole", "last_name": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Skriv borgerens efternavn." in content
    assert 'value="Ole"' in content


def test_create_citizen_form_creates_and_redirects(client, visitator):
    client.force_login(visitator)
    response = client.post(
        "/borgere/ny/",
        {"cpr": "0101501234", "first_name": "Ole", "last_name": "Hansen"},
    )
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "Ole Hansen" in follow.content.decode()


def test_a_therapist_may_not_create_citizens(client, therapist_user):
    client.force_login(therapist_user)
    assert client.get("/borgere/ny/").status_code == 403


def test_every_field_on_the_citizen_form_has_a_label(client, visitator):
    client.force_login(visitator)
    content = client.get("/borgere/ny/").content.decode()
    import re

    input_ids = re.findall(r'<(?:input|select|textarea)[^>]*id="(id_[a-z_]+)"', content)
    assert input_ids
    for input_id in input_ids:
        assert f'for="{input_id}"' in content, input_id


def test_consent_is_recorded_and_withdrawn_on_the_citizen_page(client, therapist_user, citizen):
    from rehabplan.audit.models import AuditEntry

    client.force_login(therapist_user)
    url = f"/borgere/{citizen.pk}/samtykke/"
    response = client.post(url, {"scope": "share_status", "given_on": "2026-11-02"}, follow=True)
    content = response.content.decode()
    assert "Samtykket er registreret." in content
    assert "givet 2. november 2026" in content
    consent = citizen.consents.get()
    assert consent.recorded_by == therapist_user
    response = client.post(
        f"/borgere/{citizen.pk}/samtykke/{consent.pk}/tilbagekald/",
        {"withdrawn_on": "2026-11-01"},
        follow=True,
    )
    assert "kan ikke trækkes tilbage før" in response.content.decode()
    client.post(
        f"/borgere/{citizen.pk}/samtykke/{consent.pk}/tilbagekald/", {"withdrawn_on": "2026-11-20"}
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on.isoformat() == "2026-11-20"
    assert AuditEntry.objects.filter(summary__startswith="Samtykke trukket tilbage").exists()


def test_a_consent_without_a_date_gets_a_danish_error(client, therapist_user, citizen):
    client.force_login(therapist_user)
    response = client.post(
        f"/borgere/{citizen.pk}/samtykke/", {"scope": "share_status", "given_on": ""}, follow=True
    )
    assert "Skriv datoen samtykket blev givet." in response.content.decode()
    assert not citizen.consents.exists()
