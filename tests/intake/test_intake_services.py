"""Registering applications and referrals by hand, correcting dates, recording contacts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rehabplan.audit.models import AuditEntry
from rehabplan.citizens.models import Citizen, ConsentScope
from rehabplan.citizens.services import consent_record
from rehabplan.courses.models import Referral
from rehabplan.courses.services.intake import (
    intake_register,
    referral_correct_dates,
    referral_record_contacts,
    referral_record_free_choice,
    referral_valid_until,
)

TODAY = dt.date(2026, 11, 23)


def _register(user, **overrides):
    arguments = {
        "user": user,
        "service_code": "SEL86-1",
        "source": "citizen",
        "received_on": dt.date(2026, 11, 16),
        "cpr": "010150-1234",
        "first_name": "Karen",
        "last_name": "Sørensen",
        "today": TODAY,
    }
    arguments.update(overrides)
    return intake_register(**arguments)


def test_application_from_the_citizen_registers_the_citizen_on_the_fly(fredericia_visitator):
    referral = _register(fredericia_visitator)
    assert referral.citizen.full_name == "Karen Sørensen"
    assert referral.citizen.municipality.slug == "fredericia"
    # Fredericia §86: contact within 14 working days, start within 4 weeks of receipt.
    assert referral.deadlines.get(kind="contact").due == dt.date(2026, 12, 4)
    assert referral.deadlines.get(kind="start").due == dt.date(2026, 12, 14)


def test_application_from_a_relative_is_refused_without_consent(fredericia_visitator):
    with pytest.raises(ValidationError) as error:
        _register(fredericia_visitator, source="relative", applicant="Søren Sørensen (søn)")
    assert "kræver borgerens samtykke" in error.value.message_dict["consent_given_on"][0]
    assert Referral.objects.count() == 0
    assert Citizen.objects.count() == 0


def test_application_from_a_relative_records_the_consent(fredericia_visitator):
    referral = _register(
        fredericia_visitator,
        service_code="SEL86-2",
        source="relative",
        applicant="Søren Sørensen (søn)",
        consent_given_on=dt.date(2026, 11, 14),
    )
    consent = referral.citizen.consents.get()
    assert consent.scope == ConsentScope.APPLICATION_BY_OTHERS
    assert consent.given_on == dt.date(2026, 11, 14)
    assert referral.referring_unit == "Søren Sørensen (søn)"


def test_an_existing_valid_consent_is_enough(fredericia_visitator):
    citizen = _register(fredericia_visitator).citizen
    consent_record(
        user=fredericia_visitator,
        citizen=citizen,
        scope=ConsentScope.APPLICATION_BY_OTHERS,
        given_on=dt.date(2026, 1, 1),
    )
    referral = _register(fredericia_visitator, citizen=citizen, source="home_care")
    assert referral.source == "home_care"
    assert citizen.consents.count() == 1


@pytest.mark.parametrize(
    "cpr, message",
    [
        ("0101501234x", "CPR-nummeret"),
        ("3102501234", "gyldig fødselsdato"),
        ("12345", "10 cifre"),
    ],
)
def test_invalid_cpr_gives_a_danish_error(fredericia_visitator, cpr, message):
    with pytest.raises(ValidationError) as error:
        _register(fredericia_visitator, cpr=cpr)
    assert message in " ".join(error.value.message_dict["cpr"])


def test_unknown_citizen_needs_names(fredericia_visitator):
    with pytest.raises(ValidationError) as error:
        _register(fredericia_visitator, first_name="", last_name=" ")
    assert set(error.value.message_dict) == {"first_name", "last_name"}


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"received_on": dt.date(2026, 11, 30)}, "received_on", "fremtiden"),
        (
            {"service_code": "SUL140a", "source": "gp", "referred_on": dt.date(2026, 11, 20)},
            "referred_on",
            "efter modtagelsen",
        ),
        (
            {"service_code": "SUL140a", "source": "gp", "referred_on": dt.date(2025, 11, 1)},
            "referred_on",
            "udløbet",
        ),
        ({"service_code": "SUL140a", "source": "gp"}, "referred_on", "datoen på henvisningen"),
        ({"service_code": "SUL140a", "source": "relative", "referred_on": TODAY}, "source", ""),
        ({"service_code": "SUL140"}, "service_code", "indlæses"),
    ],
)
def test_impossible_dates_and_choices_are_refused(fredericia_visitator, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        _register(fredericia_visitator, **overrides)
    assert message in " ".join(error.value.message_dict[field])


def test_gp_referral_for_140a_is_valid_one_year(fredericia_visitator):
    referral = _register(
        fredericia_visitator,
        service_code="SUL140a",
        source="gp",
        applicant="Lægehuset Vestergade",
        referred_on=dt.date(2026, 11, 10),
    )
    assert referral.valid_until == dt.date(2027, 11, 10)
    valid = referral_valid_until(
        dt.date(2028, 2, 29), municipality="national", service_code="SUL140a"
    )
    assert valid == dt.date(2029, 2, 28)


def test_correcting_the_discharge_date_recomputes_and_logs(import_gop, fredericia_visitator):
    referral = import_gop().referral
    referral_correct_dates(
        user=fredericia_visitator,
        referral=referral,
        received_on=referral.received_on,
        discharge_on=dt.date(2026, 11, 22),
        reason="Udskrevet to dage senere",
        today=TODAY,
    )
    assert referral.deadlines.get(kind="contact").due == dt.date(2026, 11, 26)
    assert referral.deadlines.get(kind="start").due == dt.date(2026, 11, 29)
    entry = AuditEntry.objects.filter(summary__startswith="Datoer rettet").get()
    assert entry.changes == {"discharge_on": ["2026-11-20", "2026-11-22"]}
    assert "Udskrevet to dage senere" in entry.summary


def test_recording_the_hospital_start_replaces_day_7(import_gop, fredericia_visitator):
    referral = import_gop().referral
    referral_correct_dates(
        user=fredericia_visitator,
        referral=referral,
        received_on=referral.received_on,
        discharge_on=referral.discharge_on,
        gop_start_on=dt.date(2026, 12, 15),
        today=TODAY,
    )
    assert referral.deadlines.get(kind="start").due == dt.date(2026, 12, 15)


def test_start_before_discharge_is_refused(import_gop, fredericia_visitator):
    referral = import_gop().referral
    with pytest.raises(ValidationError) as error:
        referral_correct_dates(
            user=fredericia_visitator,
            referral=referral,
            received_on=referral.received_on,
            discharge_on=referral.discharge_on,
            gop_start_on=dt.date(2026, 11, 1),
            today=TODAY,
        )
    assert "før udskrivningen" in error.value.message_dict["gop_start_on"][0]


def test_contacts_offered_meet_the_deadlines(import_gop, fredericia_visitator):
    referral = import_gop().referral
    referral_record_contacts(
        user=fredericia_visitator,
        referral=referral,
        first_contact_offered_on=dt.date(2026, 11, 23),
        first_training_offered_on=dt.date(2026, 11, 30),
        postponed_by_citizen=True,
        postponed_on=dt.date(2026, 11, 23),
        postponement_note="Borgeren er på besøg hos datteren",
        today=TODAY,
    )
    contact = referral.deadlines.get(kind="contact")
    start = referral.deadlines.get(kind="start")
    assert contact.met_on == dt.date(2026, 11, 23)
    assert start.met_on == dt.date(2026, 11, 30)  # after the due date: met, but late
    referral.refresh_from_db()
    assert referral.postponed_by_citizen and referral.postponed_on == dt.date(2026, 11, 23)
    entry = AuditEntry.objects.filter(summary__startswith="Første kontakt").get()
    assert entry.changes["first_contact_offered_on"] == [None, "2026-11-23"]
    assert "datteren" not in str(entry.changes)
    # Met dates survive a recomputation.
    referral_correct_dates(
        user=fredericia_visitator,
        referral=referral,
        received_on=referral.received_on,
        discharge_on=dt.date(2026, 11, 21),
        today=TODAY,
    )
    assert referral.deadlines.get(kind="contact").met_on == dt.date(2026, 11, 23)


def test_contact_in_the_future_and_postponement_without_date_are_refused(
    import_gop, fredericia_visitator
):
    referral = import_gop().referral
    with pytest.raises(ValidationError) as error:
        referral_record_contacts(
            user=fredericia_visitator,
            referral=referral,
            first_contact_offered_on=dt.date(2026, 11, 30),
            first_training_offered_on=None,
            postponed_by_citizen=True,
            today=TODAY,
        )
    assert set(error.value.message_dict) == {"first_contact_offered_on", "postponed_on"}


def test_free_choice_only_for_sul140(import_gop, fredericia_visitator):
    referral = import_gop().referral
    referral_record_free_choice(user=fredericia_visitator, referral=referral, free_choice="offered")
    referral_record_free_choice(
        user=fredericia_visitator, referral=referral, free_choice="declined"
    )
    referral.refresh_from_db()
    assert referral.free_choice == "declined"
    assert AuditEntry.objects.filter(summary__startswith="Frit valg").count() == 2
    application = _register(fredericia_visitator)
    with pytest.raises(ValidationError):
        referral_record_free_choice(
            user=fredericia_visitator, referral=application, free_choice="offered"
        )


def test_services_refuse_a_referral_of_another_municipality(import_gop, visitator):
    referral = import_gop().referral
    with pytest.raises(PermissionDenied):
        referral_record_free_choice(user=visitator, referral=referral, free_choice="offered")


def test_saving_unchanged_gop_dates_confirms_the_discharge_date(import_gop, fredericia_visitator):
    referral = import_gop().referral
    assert "dates_confirmed" not in referral.gop_content
    referral_correct_dates(
        user=fredericia_visitator,
        referral=referral,
        received_on=referral.received_on,
        discharge_on=referral.discharge_on,
        today=TODAY,
    )
    referral.refresh_from_db()
    assert referral.gop_content["dates_confirmed"]["on"] == "2026-11-23"
    entry = AuditEntry.objects.filter(summary__startswith="Udskrivningsdato bekræftet").get()
    assert entry.changes == {}
    assert referral.deadlines.get(kind="contact").due == dt.date(2026, 11, 24)
