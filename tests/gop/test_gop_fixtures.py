"""The committed GOP test files parse into what the visitator needs to see."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.gop import GopRejected, parse_gop
from rehabplan.gop.dates import COPENHAGEN


def test_normal_gop_gives_patient_sender_and_discharge(gop_file):
    gop = parse_gop(gop_file("gop_fredericia_utf8.xml"))

    assert gop.letter_identifier == "1001234567"
    assert gop.episode_of_care_identifier == "EPI-2026-4711"
    assert gop.authorised_at == dt.datetime(2026, 11, 19, 14, 5, tzinfo=COPENHAGEN)
    assert gop.patient.cpr == "1204431234"
    assert gop.patient.name == "Åse Marie Bøgelund"
    assert gop.patient.birth_date == dt.date(1943, 4, 12)
    assert gop.patient.street == "Søndermarksvej 12, 1. th."
    assert (gop.patient.postcode, gop.patient.district) == ("7000", "Fredericia")
    assert gop.patient.co_address == "Birthe Kjær"
    assert gop.patient.phone == "75921234"
    assert gop.patient.email == "aase.boegelund@example.dk"
    assert [(r.name, r.relation, r.phone) for r in gop.relatives] == [
        ("Søren Bøgelund", "Søn", "20456789")
    ]
    assert gop.consent_informed is True
    assert gop.sender.party.ean == "5790001357248"
    assert gop.sender.party.organisation == "Sygehus Lillebælt, Kolding Sygehus"
    assert gop.sender.party.department == "Ortopædkirurgisk Afdeling"
    assert gop.sender.party.phone == "76363000"
    assert gop.sender.signed_by is not None
    assert (gop.sender.signed_by.name, gop.sender.signed_by.title) == (
        "Mette Højgaard",
        "Fysioterapeut",
    )
    assert gop.receiver.ean == "5790000403619"
    assert gop.receiving_municipality.code == "607"
    assert gop.receiving_municipality.name == "Fredericia Kommune"
    assert gop.plan_type == "almen"
    assert gop.plan_type_label == "Almen genoptræning"
    assert gop.hospital_contact_start == dt.datetime(2026, 11, 14, 9, 30, tzinfo=COPENHAGEN)
    assert gop.discharge_date == dt.date(2026, 11, 20)
    assert gop.rehabilitation_deadline_date is None
    assert "senest 7 dage" in gop.rehabilitation_deadline_text


def test_normal_gop_clinical_content(gop_file):
    gop = parse_gop(gop_file("gop_fredericia_utf8.xml"))

    assert gop.primary_diagnosis is not None
    assert (gop.primary_diagnosis.code, gop.primary_diagnosis.text) == (
        "DS720",
        "Brud på lårbenshals",
    )
    assert [(d.code, d.primary) for d in gop.diagnoses] == [("DS720", True), ("DM810", False)]
    assert [(i.code, i.code_text, i.gradient) for i in gop.icf_classifications] == [
        ("d450", "Gå", "2"),
        ("b730", "Muskelkraft", "2"),
    ]
    assert gop.rehabilitation_need_and_potential.splitlines() == [
        "Behov: genoptræning af gang, balance og styrke i venstre ben.",
        "Potentiale: godt; var selvhjulpen og gik ture på 2 km før faldet.",
        "Mål: at kunne gå til købmanden (400 m) uden rollator.",
    ]
    assert gop.patient_safety_aspects == "OBS\nFaldrisiko. Må fuldt vægtbære."
    assert gop.ability_at_discharge_summary.startswith("Går med rollator")
    assert "Personlig pleje:" in gop.ability_at_discharge_extended
    assert "informeret" in gop.information_for_patient_and_relatives
    assert "Høreapparat" in gop.practical_information
    assert "venstre hofte" in gop.patient_health_summary
    control = gop.hospital_ambulatory_control
    assert control is not None
    assert control.expected_start == dt.datetime(2026, 12, 18, 10, 30, tzinfo=COPENHAGEN)
    assert control.location is not None
    assert control.location.department == "Ortopædkirurgisk Ambulatorium"
    assert gop.gp_cc_receiver is not None
    assert gop.gp_cc_receiver.organisation == "Lægehuset Vestergade"
    assert gop.gp_cc_receiver.identifier_code == "ydernummer"
    assert gop.final_result_receiver is not None
    assert gop.final_result_receiver.department == "Ortopædkirurgisk Afdeling"


def test_both_encodings_give_identical_data(gop_file):
    utf8 = gop_file("gop_fredericia_utf8.xml")
    latin1 = gop_file("gop_fredericia_iso8859.xml")
    assert b'encoding="ISO-8859-1"' in latin1
    assert "Bøgelund".encode("iso-8859-1") in latin1

    assert parse_gop(latin1) == parse_gop(utf8)


def test_corrected_gop_has_new_letter_for_same_episode(gop_file):
    original = parse_gop(gop_file("gop_fredericia_utf8.xml"))
    corrected = parse_gop(gop_file("gop_fredericia_corrected.xml"))

    assert corrected.letter_identifier != original.letter_identifier
    assert corrected.episode_of_care_identifier == original.episode_of_care_identifier
    assert corrected.patient.cpr == original.patient.cpr
    assert corrected.authorised_at > original.authorised_at
    assert corrected.discharge_date == dt.date(2026, 11, 21)


def test_postponed_start_gives_the_hospital_date_for_confirmation(gop_file):
    gop = parse_gop(gop_file("gop_udskudt_opstart.xml"))

    assert gop.plan_type == "specialiseret"
    assert gop.discharge_date == dt.date(2026, 11, 17)
    assert gop.rehabilitation_deadline_text.splitlines()[0] == "Udskudt opstart."
    assert gop.rehabilitation_deadline_date == dt.date(2026, 12, 15)
    assert gop.patient.name == "Jørgen Ørum Æbelø"
    assert gop.patient.email == ""
    assert gop.relatives == ()


def test_gop_for_another_municipality_without_declaration(gop_file):
    data = gop_file("gop_varde.xml")
    assert not data.startswith(b"<?xml")

    gop = parse_gop(data)

    assert gop.receiving_municipality.code == "573"
    assert gop.receiving_municipality.name == "Varde Kommune"
    assert gop.receiving_municipality.source == "Receiver/OrganisationName"
    assert gop.plan_type == "rehabilitering"
    assert gop.discharge_date is None
    assert gop.hospital_contact_expected_end_text.startswith("Udskrives når plads")
    assert gop.gp_cc_receiver is None
    assert gop.gp_cc_deselected is True
    assert gop.final_result_receiver is None
    assert gop.final_result_deselected is True


def test_incomplete_gop_lists_every_problem_by_element(gop_file):
    with pytest.raises(GopRejected) as rejected:
        parse_gop(gop_file("gop_incomplete.xml"))

    plan = "Emessage/RehabilitationPlan"
    assert [problem.element for problem in rejected.value.problems] == [
        f"{plan}/Letter/Identifier",
        f"{plan}/Sender/EANIdentifier",
        f"{plan}/Patient/CivilRegistrationNumber",
        f"{plan}/Patient/PersonGivenName",
        f"{plan}/TypeOfRehabilitationPlan",
        f"{plan}/CurrentHospitalContact/ExpectedEnd/Date",
    ]
    messages = [problem.message for problem in rejected.value.problems]
    assert messages[0] == "Elementet mangler."
    assert messages[2] == "CPR-nummeret indeholder ikke en gyldig fødselsdato."
    assert "ekstraordinær" in messages[4]
    assert "2026-11-31" in messages[5]
    assert "6 fejl" in str(rejected.value)


def test_malformed_gop_is_rejected_with_line_number(gop_file):
    with pytest.raises(GopRejected) as rejected:
        parse_gop(gop_file("gop_malformed.xml"))

    [problem] = rejected.value.problems
    assert "ikke gyldig XML" in problem.message
    assert "linje" in problem.message


def test_plan_for_a_municipality_the_installation_does_not_serve(gop_file):
    data = gop_file("gop_varde.xml")
    with pytest.raises(GopRejected) as rejected:
        parse_gop(data, served_municipalities={"0607", "370"})

    [problem] = rejected.value.problems
    assert problem.element == "Emessage/RehabilitationPlan/Receiver/OrganisationName"
    assert problem.message == (
        "Planen er sendt til Varde Kommune (573), som denne installation ikke betjener "
        "(betjener: Næstved Kommune (370), Fredericia Kommune (607))."
    )
    assert parse_gop(gop_file("gop_fredericia_utf8.xml"), served_municipalities={"607"})
    assert parse_gop(data, served_municipalities=["573"]).receiving_municipality.code == "573"
