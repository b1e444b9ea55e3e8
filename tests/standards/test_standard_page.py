"""The quality standard page: every role reads it; rules in Danish with anchors, versions, diffs."""

from __future__ import annotations

import re

import pytest

from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR
from rehabplan.web.standards.links import rule_anchor, rule_url, service_anchor

pytestmark = pytest.mark.django_db

PAGE = "/kvalitetsstandard/demo/"


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


@pytest.mark.parametrize("role", [VISITATOR, THERAPIST, LEADER, ADMINISTRATOR])
def test_every_role_reads_its_own_standard_from_the_navigation(
    client, make_user, municipality, role
):
    client.force_login(make_user(f"user-{role}", role, municipality))
    home = client.get("/").content.decode()
    assert 'href="/kvalitetsstandard/"' in home and "Kvalitetsstandard" in home
    response = client.get("/kvalitetsstandard/", follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    assert response.status_code == 200
    assert "Kvalitetsstandard: Demo Kommune" in response.content.decode()


def test_the_page_shows_services_rules_sources_and_assumptions_without_codes(
    client, therapist_user
):
    client.force_login(therapist_user)
    html = client.get(PAGE, {"dato": "2026-03-02"}).content.decode()
    assert "Standarden, som den gælder 2. marts 2026." in html
    # Services by name with their legal basis; the Ældrelov alternative is an assumption.
    assert "Vedligeholdende træning gives efter Serviceloven § 86, stk. 2" in html
    assert "Ældreloven § 9 (træning)" in html
    # The rule's own text, and its parameters as a Danish sentence.
    assert "Træningen starter senest 4 uger efter afgørelsen." in html
    assert "Start senest 4 uger efter afgørelsen." in html
    assert "Demokvalitetsstandard for træning (fiktiv, til demodata)" in html
    assert "»Servicemål for serviceloven § 86«" in html
    # Assumptions are marked in words with their reason; inherited rules are named as such.
    assert "<strong>Antagelse:</strong>" in html
    assert "Demo Kommune er fiktiv; fristen følger Næstveds standard." in html
    assert "<strong>National regel:</strong>" in html
    # Every rule has a stable anchor; rule ids and service codes are not shown as text.
    ids = _ids(html)
    assert rule_anchor("demo:SEL86.start") in ids
    assert rule_anchor("national:complaint.decision") in ids
    assert service_anchor("SEL86-2") in ids
    text = re.sub(r"<[^>]+>", " ", html)
    for code in ("SEL86-2", "SUL140a", "SEL86.start", "demo:", "national:"):
        assert code not in text, code
    # The versions with their dates.
    assert "1. januar 2024" in html and "1. juli 2025" in html


def test_a_national_change_is_visible_by_date_and_as_a_difference(client, therapist_user):
    client.force_login(therapist_user)
    before = client.get(PAGE, {"dato": "2025-06-30"}).content.decode()
    assert "Ældreloven § 9" not in before
    response = client.get(
        PAGE, {"dato": "2025-07-01", "sammenlign": "demo", "sammenlign_dato": "2025-06-30"}
    )
    html = response.content.decode()
    assert 'data-testid="comparison"' in html
    assert "Lovgrundlag" in html and "Borgere omfattet af ældreloven får den efter" in html
    # Each side links to its rule on the page for its own date.
    assert "/kvalitetsstandard/demo/?dato=2025-06-30#indsats-SEL86-1" in html


def test_comparison_with_another_municipality_names_both_rules_and_links_to_them(
    client, therapist_user
):
    client.force_login(therapist_user)
    html = client.get(PAGE, {"dato": "2026-03-02", "sammenlign": "naestved"}).content.decode()
    assert "Demo Kommune pr. 2. marts 2026" in html and "Næstved Kommune pr. 2. marts 2026" in html
    assert "Start senest 10 kalenderdage efter afgørelsen." in html
    assert (
        "/kvalitetsstandard/naestved/?dato=2026-03-02#" + rule_anchor("naestved:SEL86.start")
        in html
    )
    other = client.get("/kvalitetsstandard/naestved/", {"dato": "2026-03-02"}).content.decode()
    assert rule_anchor("naestved:SEL86.start") in _ids(other)


def test_same_standard_compared_shows_no_difference(client, therapist_user):
    client.force_login(therapist_user)
    html = client.get(
        PAGE, {"dato": "2026-03-02", "sammenlign_dato": "2026-05-01"}
    ).content.decode()
    assert "Ingen forskelle i virkning." in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"dato": "2026-13-40"}, "Skriv datoen som dd-mm-åååå"),
        ({"sammenlign": "aarhus"}, "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_input_is_a_danish_form_error_and_the_page_still_shows(
    client, therapist_user, query, message
):
    client.force_login(therapist_user)
    response = client.get(PAGE, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Kvalitetsstandard: Demo Kommune" in html


def test_a_date_before_every_version_says_so_in_danish(client, therapist_user):
    client.force_login(therapist_user)
    html = client.get(PAGE, {"dato": "2020-01-01"}).content.decode()
    assert "har ingen kvalitetsstandard i kraft den 1. januar 2020" in html
    html = client.get(
        PAGE, {"dato": "2026-01-01", "sammenlign_dato": "2020-01-01"}
    ).content.decode()
    assert "Der kan ikke sammenlignes" in html


def test_an_unknown_municipality_is_not_found(client, therapist_user):
    client.force_login(therapist_user)
    assert client.get("/kvalitetsstandard/aarhus/").status_code == 404


def test_rule_url_points_at_a_rule_or_its_service(municipality):
    import datetime as dt

    day = dt.date(2026, 3, 2)
    assert rule_url("demo:SEL86.start", day, "demo") == (
        "/kvalitetsstandard/demo/?dato=2026-03-02#regel-demo--SEL86-start"
    )
    # The engine's note where the standard is silent names the service: its section.
    assert rule_url("demo:SEL86-1.transport", day, "demo").endswith("#indsats-SEL86-1")
    assert rule_url("national:SEL86-2.legal_basis.aeldreloven", day, "demo").endswith(
        "#indsats-SEL86-2"
    )
    assert rule_url("demo:version", day, "demo").endswith("#versioner")
    # No standard in force: the page without an anchor, never an error.
    assert rule_url("demo:SEL86.start", dt.date(2000, 1, 1), "demo") == (
        "/kvalitetsstandard/demo/?dato=2000-01-01"
    )


def test_a_user_without_a_municipality_has_no_own_standard(client, make_user):
    client.force_login(make_user("uden-kommune", THERAPIST, None))
    assert client.get("/kvalitetsstandard/").status_code == 403
    # The standards themselves are public documents.
    assert client.get("/kvalitetsstandard/varde/").status_code == 200
