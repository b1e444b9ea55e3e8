"""POST-only addresses: a GET goes to the page the form is on; other methods are refused."""

from django.urls import reverse


def test_a_get_of_the_consent_address_goes_to_the_citizen_page(client, therapist_user, citizen):
    client.force_login(therapist_user)
    response = client.get(reverse("consent-record", kwargs={"citizen_id": citizen.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen-detail", kwargs={"citizen_id": citizen.pk})
    assert not citizen.consents.exists()


def test_other_methods_than_post_are_still_refused(client, therapist_user, citizen):
    client.force_login(therapist_user)
    response = client.put(reverse("consent-record", kwargs={"citizen_id": citizen.pk}))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
