"""The case page shows what clinicians need from a GOP; the demo offers a sample GOP to upload."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rehabplan.accounts.roles import THERAPIST
from rehabplan.courses.models import Referral
from rehabplan.courses.services.gop_import import gop_import
from rehabplan.gop import parse_gop

FIXTURES = Path(__file__).parent.parent / "fixtures" / "gop"


def _case_page(client, user, name: str) -> str:
    data = (FIXTURES / name).read_bytes()
    referral = gop_import(user=user, data=data, received_on=dt.date(2026, 11, 24)).referral
    client.force_login(user)
    response = client.get(f"/henvisninger/{referral.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_case_page_shows_the_plans_clinical_content(client, fredericia_visitator):
    page = _case_page(client, fredericia_visitator, "ggop_almen_uden_episode.xml")

    assert "Uddrag fra journalen" in page
    assert "Status: rejser sig fra stol uden støtte.<br>Gangdistance 40 m med stok." in page
    assert "21. november 2026, Hanne Lund Winther, Fysioterapeut" in page
    assert "Klarer selv personlig hygiejne. Behov for badebænk." in page
    assert "Blodsukker stabilt. Ingen sår." in page
    assert "Behandlende team under indlæggelsen" in page
    assert "Jens Aagaard, Overlæge, Medicinsk Afdeling M2" in page
    assert "Mobil: 30112233" in page and "Fastnet: 75940011" in page
    assert "Bent Skov (ægtefælle): mobil 40556677, fastnet 75940011" in page
    assert "Lene Skov Bak (datter): mobil 22889900, arbejde 76201020" in page
    assert "Spørgsmål til regionen" in page
    assert "Region Demo, Sundhed, Sygehusenes visitation, tlf. 78460000" in page
    assert "Hjemmeplejen Syd, Område Syd, tlf. 75947000" in page
    assert re.search(r"<dt>Informeret samtykke</dt><dd>Ja</dd>", page)


def test_references_are_links_only_for_http_and_https(client, fredericia_visitator):
    page = _case_page(client, fredericia_visitator, "ggop_almen_uden_episode.xml")

    assert (
        '<a href="https://hospital.example.dk/traening/88120311" rel="noopener noreferrer">'
        "Træningsprogram (PDF)</a>"
    ) in page
    assert 'href="javascript:' not in page
    assert "Billedbeskrivelse i journalen" in page
    assert "adressen kan ikke åbnes herfra: javascript:alert(1)" in page


def test_case_page_shows_no_codes_of_the_message(client, fredericia_visitator):
    page = _case_page(client, fredericia_visitator, "ggop_almen_uden_episode.xml")
    for code in ("kommunenummer", "sygehusafdelingsnummer", "ydernummer", "GGOP", "5790001340011"):
        assert code not in page, code
    assert "style=" not in page and "<script>" not in page


def test_demo_upload_page_offers_a_sample_to_download_and_upload(client, visitator, municipality):
    municipality.ean = "5790000999999"
    municipality.save()
    client.force_login(visitator)
    page = client.get("/modtagelse/gop/").content.decode()
    assert 'href="/modtagelse/gop/eksempel/"' in page

    response = client.get("/modtagelse/gop/eksempel/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="eksempel-genoptraeningsplan.xml"'
    )
    sample = parse_gop(response.content, served_municipalities={"999": "Demo Kommune"})
    today = timezone.localdate()
    assert sample.receiving_municipality.code == "999"
    assert sample.receiver.ean == "5790000999999"
    assert sample.discharge_date == today
    assert sample.patient.birth_date < dt.date(2007, 1, 1)
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    assert sum(int(d) * w for d, w in zip(sample.patient.cpr, weights, strict=True)) % 11
    assert sample.journal_excerpts and sample.health_care_team

    upload = SimpleUploadedFile("eksempel.xml", response.content, content_type="text/xml")
    result = client.post("/modtagelse/gop/", {"files": [upload]}).content.decode()
    assert "eksempel.xml: Indlæst" in result
    referral = Referral.objects.get()
    assert referral.citizen.full_name == sample.patient.name
    assert referral.discharge_on == today

    second = client.get("/modtagelse/gop/eksempel/").content
    assert parse_gop(second, served_municipalities={"999": "Demo Kommune"}).letter_identifier != (
        sample.letter_identifier
    )


def test_no_sample_outside_the_demo(client, fredericia_visitator):
    client.force_login(fredericia_visitator)
    assert "eksempel" not in client.get("/modtagelse/gop/").content.decode()
    assert client.get("/modtagelse/gop/eksempel/").status_code == 404


def test_sample_needs_the_right_to_register_referrals(client, make_user, municipality):
    client.force_login(make_user("t", THERAPIST, municipality))
    assert client.get("/modtagelse/gop/eksempel/").status_code == 403
