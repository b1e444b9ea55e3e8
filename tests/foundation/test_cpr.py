import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.citizens.cpr import birth_date_from_cpr, normalise_cpr
from rehabplan.citizens.services import citizen_create


@pytest.mark.parametrize(
    ("cpr", "birth_date"),
    [
        ("0101501234", datetime.date(1950, 1, 1)),  # fails modulus 11: still a valid number
        ("010150-1234", datetime.date(1950, 1, 1)),
        ("2110621629", datetime.date(1962, 10, 21)),
        ("2110625629", datetime.date(1862, 10, 21)),  # century digit 5 with year >= 58
        ("0101054123", datetime.date(2005, 1, 1)),  # century digit 4 and year <= 36
        ("0101384123", datetime.date(1938, 1, 1)),  # century digit 4 and year >= 37
        ("2902361234", datetime.date(1936, 2, 29)),
    ],
)
def test_valid_cpr_numbers_give_their_birth_date(cpr, birth_date):
    assert birth_date_from_cpr(cpr) == birth_date


@pytest.mark.parametrize(
    ("cpr", "message"),
    [
        ("12345", "CPR-nummeret skal have 10 cifre."),
        ("01015O1234", "CPR-nummeret må kun indeholde tal (og evt. bindestreg)."),
        ("3202501234", "CPR-nummeret indeholder ikke en gyldig fødselsdato."),
        ("2902371234", "CPR-nummeret indeholder ikke en gyldig fødselsdato."),
    ],
)
def test_bad_cpr_numbers_get_a_clear_danish_message(cpr, message):
    with pytest.raises(ValidationError) as error:
        normalise_cpr(cpr)
    assert error.value.messages == [message]


def test_citizen_with_first_january_cpr_without_modulus_check_is_accepted(visitator):
    citizen = citizen_create(
        user=visitator, cpr="010150-1234", first_name="Karen", last_name="Sørensen"
    )
    citizen.refresh_from_db()
    assert citizen.cpr == "0101501234"
    assert citizen.birth_date == datetime.date(1950, 1, 1)
    assert citizen.formatted_cpr == "010150-1234"


def test_creating_a_citizen_with_a_bad_cpr_stores_nothing(visitator):
    from rehabplan.citizens.models import Citizen

    with pytest.raises(ValidationError) as error:
        citizen_create(user=visitator, cpr="321350-1234", first_name="A", last_name="B")
    assert error.value.message_dict["cpr"] == [
        "CPR-nummeret indeholder ikke en gyldig fødselsdato."
    ]
    assert not Citizen.objects.exists()


def test_the_same_cpr_twice_in_a_municipality_is_refused(visitator, citizen):
    with pytest.raises(ValidationError) as error:
        citizen_create(user=visitator, cpr="0101501234", first_name="X", last_name="Y")
    assert "allerede" in error.value.message_dict["cpr"][0]


def test_gender_is_not_derived_from_the_cpr(citizen):
    field_names = {field.name for field in type(citizen)._meta.get_fields()}
    assert not field_names & {"gender", "sex", "køn"}
