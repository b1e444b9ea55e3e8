"""The citizen form: every typed value is saved, one CPR field everywhere, and CPR searches."""

import re

import pytest

from rehabplan.citizens.models import Citizen
from rehabplan.web.forms import CprField
from rehabplan.web.intake.forms import IntakeRegisterForm

EVERY_FIELD = {
    "cpr": "010150-1234",
    "first_name": "Ole",
    "last_name": "Hansen",
    "address": "Vestergade 1",
    "postcode": "7000",
    "city": "Fredericia",
    "phone": "75 12 34 56",
    "email": "ole@example.dk",
    "gp_name": "Lene Læge",
    "gp_clinic": "Lægehuset",
    "gp_phone": "75 99 88 77",
    "covered_by_aeldreloven": "on",
    "digital_post_exempt": "on",
}


def test_every_value_typed_on_the_citizen_form_is_saved(client, visitator):
    client.force_login(visitator)
    response = client.post("/borgere/ny/", EVERY_FIELD)
    assert response.status_code == 302
    citizen = Citizen.objects.get(last_name="Hansen")
    assert citizen.cpr == "0101501234"
    assert citizen.phone == "75 12 34 56"
    assert citizen.gp_phone == "75 99 88 77"
    assert (citizen.address, citizen.postcode, citizen.city) == (
        "Vestergade 1",
        "7000",
        "Fredericia",
    )
    assert (citizen.email, citizen.gp_name, citizen.gp_clinic) == (
        "ole@example.dk",
        "Lene Læge",
        "Lægehuset",
    )
    assert citizen.covered_by_aeldreloven is True
    assert citizen.digital_post_exempt is True


def test_every_field_is_on_the_citizen_form_once(client, visitator):
    client.force_login(visitator)
    content = client.get("/borgere/ny/").content.decode()
    form = content[content.index('<form method="post" novalidate>') :]
    form = form[: form.index("</form>")]
    names = re.findall(r'<(?:input|select|textarea)[^>]*name="([a-z_]+)"', form)
    names.remove("csrfmiddlewaretoken")
    assert sorted(names) == sorted(EVERY_FIELD)


def test_the_aeldrelov_checkbox_has_the_design_systems_markup(client, visitator):
    # DKFDS hides the input and draws the box from the label right after it.
    client.force_login(visitator)
    content = client.get("/borgere/ny/").content.decode()
    assert re.search(
        r'<div class="form-group-checkbox">\s*<input type="checkbox" name="covered_by_aeldreloven"'
        r'[^>]*class="form-checkbox"[^>]*>\s*'
        r'<label class="form-label" for="id_covered_by_aeldreloven">',
        content,
    )


@pytest.mark.parametrize("typed", ["010150-1234", "0101501234", " 010150-1234 "])
def test_the_cpr_field_takes_the_number_with_or_without_hyphen(typed):
    assert CprField().clean(typed) == "0101501234"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("010150-12345", "10 cifre"),
        ("01015O1234", "kun indeholde tal"),
        ("321350-1234", "gyldig fødselsdato"),
        ("", "Skriv borgerens CPR-nummer."),
    ],
)
def test_the_cpr_field_says_in_danish_what_is_wrong(typed, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        CprField().clean(typed)
    assert message in " ".join(error.value.messages)


def test_the_citizen_form_and_the_intake_form_type_the_cpr_in_the_same_field():
    from rehabplan.web.forms import CitizenForm

    assert isinstance(CitizenForm().fields["cpr"], CprField)
    assert isinstance(IntakeRegisterForm().fields["cpr"], CprField)


def test_a_search_for_an_invalid_cpr_says_so(client, visitator, citizen):
    client.force_login(visitator)
    content = client.post("/borgere/", {"term": "321350-1234"}).content.decode()
    assert "Det er ikke et gyldigt CPR-nummer." in content
    assert "gyldig fødselsdato" in content
    assert "borgere fundet" not in content


@pytest.mark.parametrize("term", ["010150", "Karen", "0101501234"])
def test_a_search_by_name_or_part_of_a_cpr_still_finds(client, visitator, citizen, term):
    client.force_login(visitator)
    content = client.post("/borgere/", {"term": term}).content.decode()
    assert "Karen Sørensen" in content
    assert "ikke et gyldigt CPR-nummer" not in content
