"""Each type read by id: valid FHIR, the record's content, one audit row naming the citizen."""

from __future__ import annotations

import pytest

from rehabplan.audit.models import AuditAction, AuditEntry
from tests.fhir.conftest import parsed

# (type, how the test finds the id in the records)
READS = [
    ("Patient", lambda r: r.citizen.pk),
    ("ServiceRequest", lambda r: r.referral.pk),
    ("CarePlan", lambda r: r.course.pk),
    ("Goal", lambda r: r.goal.pk),
    ("Appointment", lambda r: r.attendance.pk),
    ("Encounter", lambda r: r.attendance.pk),
    ("Encounter", lambda r: f"intake-{r.course.pk}"),
    ("Observation", lambda r: r.measurement.pk),
    ("Condition", lambda r: f"{r.referral.pk}-1"),
]


@pytest.mark.parametrize(("type_name", "id_of"), READS)
def test_each_type_reads_as_valid_fhir_and_is_audited(
    fhir_client, therapist_user, records, type_name, id_of
):
    resource_id = str(id_of(records))
    client = fhir_client(therapist_user)
    before = AuditEntry.objects.count()
    response = client.get(f"/fhir/{type_name}/{resource_id}")
    assert response.status_code == 200, response.content
    resource = parsed(response)
    assert resource.__resource_type__ == type_name
    assert resource.id == resource_id
    assert response["Cache-Control"] == "no-store, private"
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == AuditAction.VIEW
    assert entry.citizen_id == records.citizen.pk
    assert entry.user == therapist_user


def test_the_patient_follows_dk_core_with_the_cpr_number(fhir_client, visitator, records):
    patient = parsed(fhir_client(visitator).get(f"/fhir/Patient/{records.citizen.pk}"))
    assert patient.meta.profile == ["http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient"]
    (identifier,) = patient.identifier
    assert (identifier.use, identifier.system, identifier.value) == (
        "official",
        "urn:oid:1.2.208.176.1.2",
        "0101501234",
    )
    assert patient.name[0].family == "Sørensen" and patient.name[0].given == ["Karen"]
    assert patient.name[0].use == "official"
    assert str(patient.birthDate) == "1950-01-01"
    assert patient.address[0].line == ["Kirkevej 4"] and patient.address[0].postalCode == "9990"


def test_the_referral_is_an_order_for_the_service_with_its_diagnosis(
    fhir_client, visitator, records
):
    request = parsed(fhir_client(visitator).get(f"/fhir/ServiceRequest/{records.referral.pk}"))
    assert request.intent == "order" and request.status == "active"
    assert request.subject.reference == f"Patient/{records.citizen.pk}"
    assert request.code.coding[0].code == "SUL140"
    assert "genoptræning" in request.code.text.lower()
    assert request.reasonCode[0].coding[0].code == "DS720"
    assert request.reasonCode[0].coding[0].system == "urn:oid:1.2.208.176.2.4.12"
    assert request.requester.display.startswith("Sjællands Universitetshospital")
    assert request.reasonReference[0].reference == f"Condition/{records.referral.pk}-1"


def test_the_condition_carries_the_sks_code(fhir_client, visitator, records):
    condition = parsed(fhir_client(visitator).get(f"/fhir/Condition/{records.referral.pk}-1"))
    assert condition.meta.profile == [
        "http://hl7.dk/fhir/core/StructureDefinition/dk-core-condition"
    ]
    assert condition.code.coding[0].code == "DS720"
    assert condition.code.text == "Hoftebrud, opereret"


def test_the_course_is_a_plan_based_on_the_referral_with_its_goals(
    fhir_client, therapist_user, records
):
    plan = parsed(fhir_client(therapist_user).get(f"/fhir/CarePlan/{records.course.pk}"))
    assert plan.intent == "plan" and plan.status == "active"
    assert plan.basedOn[0].reference == f"ServiceRequest/{records.referral.pk}"
    assert [goal.reference for goal in plan.goal] == [f"Goal/{records.goal.pk}"]
    assert plan.activity[0].detail.status == "in-progress"


def test_an_attended_session_is_a_fulfilled_appointment_and_an_encounter(
    fhir_client, therapist_user, records
):
    client = fhir_client(therapist_user)
    appointment = parsed(client.get(f"/fhir/Appointment/{records.attendance.pk}"))
    assert appointment.status == "fulfilled"
    assert appointment.start == records.session.starts_at
    assert appointment.start.tzinfo is not None and appointment.end > appointment.start
    actors = [participant.actor for participant in appointment.participant]
    assert actors[0].reference == f"Patient/{records.citizen.pk}"
    assert actors[1].display == "Tove Terapeut"
    encounter = parsed(client.get(f"/fhir/Encounter/{records.attendance.pk}"))
    assert encounter.status == "finished" and encounter.class_fhir.code == "AMB"
    assert encounter.appointment[0].reference == f"Appointment/{records.attendance.pk}"


def test_a_measurement_is_an_observation_in_the_tests_unit(fhir_client, therapist_user, records):
    observation = parsed(
        fhir_client(therapist_user).get(f"/fhir/Observation/{records.measurement.pk}")
    )
    assert observation.code.coding[0].code == "chair_stand_30s"
    assert observation.code.coding[0].system == "https://rehabplan.dk/fhir/CodeSystem/test"
    assert observation.code.text == "30 sekunders rejse-sætte-sig-test"
    assert float(observation.valueQuantity.value) == 9
    assert observation.valueQuantity.unit == "gentagelser"
    assert observation.category[0].coding[0].code == "exam"
    assert str(observation.effectiveDateTime) == str(records.measurement.measured_on)


def test_a_goal_is_the_citizens_own_words(fhir_client, therapist_user, records):
    goal = parsed(fhir_client(therapist_user).get(f"/fhir/Goal/{records.goal.pk}"))
    assert goal.description.text == "Jeg vil gå til købmanden"
    assert goal.lifecycleStatus == "active"
    assert goal.subject.reference == f"Patient/{records.citizen.pk}"


def test_the_web_session_reads_too(client, visitator, records):
    client.force_login(visitator)
    response = client.get(f"/fhir/Patient/{records.citizen.pk}")
    assert response.status_code == 200
    assert parsed(response).id == str(records.citizen.pk)
