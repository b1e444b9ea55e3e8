"""The intake screens in the browser's place: upload, register, the case, the inbox."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rehabplan.accounts.roles import VISITATOR
from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import Referral


@pytest.fixture
def logged_in(client, fredericia_visitator):
    client.force_login(fredericia_visitator)
    return client


def _upload(client, *files):
    uploads = [SimpleUploadedFile(name, data, content_type="text/xml") for name, data in files]
    return client.post("/modtagelse/gop/", {"files": uploads})


def test_upload_several_files_reports_each_in_danish(logged_in, gop_bytes):
    response = _upload(
        logged_in,
        ("utf8.xml", gop_bytes()),
        ("latin1.xml", gop_bytes(encoding="iso-8859-1")),
        ("mangler.xml", gop_bytes(letter_identifier="9", omit=["Patient/PersonSurnameName"])),
        ("itu.xml", b"<Emessage"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "utf8.xml: Indlæst" in text
    assert "latin1.xml: Allerede indlæst" in text
    assert "mangler.xml: Afvist" in text
    assert "Emessage/RehabilitationPlan/Patient/PersonSurnameName" in text
    assert "itu.xml: Afvist" in text
    assert "Intet fra filen er gemt" in text
    assert Referral.objects.count() == 1


def test_upload_needs_a_file(logged_in):
    response = logged_in.post("/modtagelse/gop/", {})
    assert "Vælg mindst én fil." in response.content.decode()


def test_therapist_cannot_upload(client, make_user, fredericia):
    from rehabplan.accounts.roles import THERAPIST

    client.force_login(make_user("t", THERAPIST, fredericia))
    assert client.get("/modtagelse/gop/").status_code == 403


def test_register_application_on_the_fly_and_open_the_case(logged_in):
    response = logged_in.post(
        "/modtagelse/ny/",
        {
            "cpr": "010150-1234",
            "first_name": "Karen",
            "last_name": "Sørensen",
            "service_code": "SEL86-1",
            "source": "citizen",
            "received_on": timezone.localdate().strftime("%d-%m-%Y"),
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/henvisninger/{referral.pk}/"
    page = logged_in.get(response["Location"]).content.decode()
    assert "Karen Sørensen" in page
    assert "dage tilbage" in page


def test_application_from_relative_without_consent_is_refused_in_the_form(logged_in):
    response = logged_in.post(
        "/modtagelse/ny/",
        {
            "cpr": "0101501234",
            "first_name": "Karen",
            "last_name": "Sørensen",
            "service_code": "SEL86-2",
            "source": "relative",
            "received_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "kræver borgerens samtykke" in response.content.decode()
    assert Referral.objects.count() == 0


@pytest.mark.parametrize(
    "cpr, received_on, message",
    [
        ("3102501234", None, "CPR-nummeret indeholder ikke en gyldig fødselsdato."),
        ("01015O1234", None, "CPR-nummeret"),
        ("0101501234", "31-02-2026", "Skriv datoen som dd-mm-åååå, fx 02-12-2026."),
        ("0101501234", "2026-13-01", "Skriv datoen som dd-mm-åååå, fx 02-12-2026."),
    ],
)
def test_invalid_cpr_and_impossible_dates_get_danish_errors(logged_in, cpr, received_on, message):
    response = logged_in.post(
        "/modtagelse/ny/",
        {
            "cpr": cpr,
            "first_name": "Karen",
            "last_name": "Sørensen",
            "service_code": "SEL86-1",
            "source": "citizen",
            "received_on": received_on or timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Referral.objects.count() == 0


def test_case_page_shows_the_gop_and_corrects_the_discharge_date(
    logged_in, import_gop, fredericia_visitator
):
    referral = import_gop().referral
    page = logged_in.get(f"/henvisninger/{referral.pk}/").content.decode()
    assert "Går med rollator indendørs" in page
    assert "Godt potentiale" in page
    assert "DS720 Brud på lårbenshals" in page
    assert "Basal" in page  # the proposed level, with its reason
    assert "Almen plan uden tegn på omfattende" in page
    response = logged_in.post(
        f"/henvisninger/{referral.pk}/datoer/",
        {
            "received_on": referral.received_on.isoformat(),
            "discharge_on": "22-11-2026",
            "gop_start_on": "",
            "reason": "Sygehuset ringede",
        },
    )
    assert response.status_code == 302
    assert referral.deadlines.get(kind="contact").due == dt.date(2026, 11, 26)
    assert AuditEntry.objects.filter(
        user=fredericia_visitator, summary__startswith="Datoer rettet"
    ).exists()


def test_case_page_refuses_start_before_discharge(logged_in, import_gop):
    referral = import_gop().referral
    response = logged_in.post(
        f"/henvisninger/{referral.pk}/datoer/",
        {"received_on": "2026-11-20", "discharge_on": "2026-11-20", "gop_start_on": "2026-11-01"},
    )
    assert response.status_code == 400
    assert "kan ikke ligge før udskrivningen" in response.content.decode()


def test_contacts_and_free_choice_from_the_case_page(logged_in, import_gop):
    referral = import_gop(received_on=dt.date(2026, 11, 20)).referral
    response = logged_in.post(
        f"/henvisninger/{referral.pk}/kontakt/",
        {"first_contact_offered_on": "2026-11-21", "first_training_offered_on": "2026-11-30"},
    )
    assert response.status_code == 302
    page = logged_in.get(f"/henvisninger/{referral.pk}/").content.decode()
    assert "Opfyldt 21. november 2026" in page
    assert "Opfyldt 30. november 2026, 3 dage for sent" in page
    assert "skal tilbydes frit valg" in page
    response = logged_in.post(
        f"/henvisninger/{referral.pk}/frit-valg/", {"free_choice": "declined"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.free_choice == "declined"


def test_a_user_of_another_municipality_cannot_open_the_referral(
    client, import_gop, make_user, municipality
):
    referral = import_gop().referral
    client.force_login(make_user("demo-visitator", VISITATOR, municipality))
    assert client.get(f"/henvisninger/{referral.pk}/").status_code == 404
    response = client.post(f"/henvisninger/{referral.pk}/frit-valg/", {"free_choice": "offered"})
    assert response.status_code == 404


def test_opening_the_case_is_audited(logged_in, import_gop, fredericia_visitator):
    referral = import_gop().referral
    logged_in.get(f"/henvisninger/{referral.pk}/")
    assert AuditEntry.objects.filter(
        user=fredericia_visitator, action="view", object_type="referral", object_id=str(referral.pk)
    ).exists()


def test_inbox_on_the_start_page_most_urgent_first(logged_in, import_gop, fredericia):
    from rehabplan.organisation.models import Location, Profession, TeamClass, Therapist

    therapist = Therapist.objects.create(municipality=fredericia, name="Lone", profession="PT")
    location = Location.objects.create(
        municipality=fredericia, name="Sundhedshuset", address="Vej 1", postcode="7000", city="F"
    )
    TeamClass.objects.create(
        municipality=fredericia,
        name="Basalhold tirsdag",
        location=location,
        weekday=1,
        starts_at=dt.time(10, 0),
        level="basal",
        profession=Profession.PHYSIOTHERAPIST,
        therapist=therapist,
        capacity=8,
    )
    today = timezone.localdate()
    later = import_gop(
        letter_identifier="A",
        episode_of_care_identifier="E1",
        discharge_at=dt.datetime.combine(today, dt.time(10)),
        received_on=today,
    ).referral
    sooner = import_gop(
        letter_identifier="B",
        episode_of_care_identifier="E2",
        cpr="0101501234",
        given_name="Bent",
        surname="Hansen",
        discharge_at=dt.datetime.combine(today - dt.timedelta(days=2), dt.time(10)),
        ability_at_discharge_summary="Omfattende funktionsnedsættelse efter komplikationer.",
        received_on=today,
    ).referral
    page = logged_in.get("/").content.decode()
    assert 'data-testid="intake-inbox"' in page
    assert page.index("Bent Hansen") < page.index("Åse Marie Bøgelund")
    assert "2 dage tilbage" in page  # Bent: contact day 4, discharged 2 days ago
    assert "4 dage tilbage" in page
    assert "Avanceret" in page and "omfattende" in page
    assert "Basalhold tirsdag" in page and "8 ledige pladser af 8" in page
    assert f"/henvisninger/{sooner.pk}/" in page and f"/henvisninger/{later.pk}/" in page


def test_gp_referral_lapsing_warns_on_citizen_page_and_start_page(logged_in, fredericia_visitator):
    from rehabplan.courses.services.intake import intake_register

    today = timezone.localdate()
    referral = intake_register(
        user=fredericia_visitator,
        service_code="SUL140a",
        source="gp",
        received_on=today - dt.timedelta(days=300),
        referred_on=today - dt.timedelta(days=345),
        cpr="0101501234",
        first_name="Bent",
        last_name="Hansen",
        today=today - dt.timedelta(days=300),
    )
    days = (referral.valid_until - today).days
    assert 0 < days <= 30
    expected = f"Henvisningen udløber om {days} dage"
    assert expected in logged_in.get("/").content.decode()
    citizen_page = logged_in.get(f"/borgere/{referral.citizen_id}/").content.decode()
    assert expected in citizen_page


def test_case_page_shows_whether_the_discharge_date_is_confirmed(logged_in, import_gop):
    referral = import_gop().referral
    page = logged_in.get(f"/henvisninger/{referral.pk}/").content.decode()
    assert 'data-testid="dates-unconfirmed"' in page
    assert "Udskrivningsdato ikke bekræftet" in logged_in.get("/").content.decode()
    logged_in.post(
        f"/henvisninger/{referral.pk}/datoer/",
        {"received_on": "2026-11-20", "discharge_on": "2026-11-20"},
    )
    page = logged_in.get(f"/henvisninger/{referral.pk}/").content.decode()
    assert 'data-testid="dates-confirmed"' in page
    assert "Udskrivningsdato ikke bekræftet" not in logged_in.get("/").content.decode()


def test_register_from_the_citizen_page_asks_for_no_cpr(logged_in, fredericia_visitator):
    from rehabplan.citizens.services import citizen_create

    citizen = citizen_create(
        user=fredericia_visitator, cpr="0101501234", first_name="Bent", last_name="Hansen"
    )
    form_page = logged_in.get(f"/borgere/{citizen.pk}/modtagelse/ny/").content.decode()
    assert 'name="cpr"' not in form_page
    response = logged_in.post(
        f"/borgere/{citizen.pk}/modtagelse/ny/",
        {
            "service_code": "SEL86-2",
            "source": "gp",
            "applicant": "Lægehuset Vestergade",
            "received_on": timezone.localdate().isoformat(),
            "consent_given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert Referral.objects.get().citizen == citizen
    citizen_page = logged_in.get(f"/borgere/{citizen.pk}/").content.decode()
    assert 'data-testid="intake-citizen"' in citizen_page
    assert "dage tilbage" in citizen_page


def test_register_for_a_citizen_of_another_municipality_is_not_found(logged_in, visitator):
    from rehabplan.citizens.services import citizen_create

    foreign = citizen_create(user=visitator, cpr="0101501234", first_name="A", last_name="B")
    assert logged_in.get(f"/borgere/{foreign.pk}/modtagelse/ny/").status_code == 404


def test_correcting_the_received_date_of_an_application(logged_in, fredericia_visitator):
    from rehabplan.courses.services.intake import intake_register

    referral = intake_register(
        user=fredericia_visitator,
        service_code="SEL86-1",
        source="citizen",
        received_on=dt.date(2026, 11, 16),
        cpr="0101501234",
        first_name="Bent",
        last_name="Hansen",
    )
    page = logged_in.get(f"/henvisninger/{referral.pk}/").content.decode()
    assert 'name="discharge_on"' not in page
    response = logged_in.post(
        f"/henvisninger/{referral.pk}/datoer/",
        {"received_on": "13-11-2026", "reason": "Poststempel"},
    )
    assert response.status_code == 302
    # Fredericia §86: contact within 14 working days of receipt.
    assert referral.deadlines.get(kind="contact").due == dt.date(2026, 12, 3)
    entry = AuditEntry.objects.filter(summary__startswith="Datoer rettet").get()
    assert entry.changes == {"received_on": ["2026-11-16", "2026-11-13"]}
