"""Paged lists: the next page shows the next rows, a page past the end shows the last page, and
the start page's blocks link to their full lists with the number of rows in them."""

from __future__ import annotations

import re

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import ClinicalNote, Referral

NAME = re.compile(r"Hansen\d{4}")


def _names(content: str) -> list[str]:
    return NAME.findall(content)


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_deadline_list_pages_in_order_and_never_fails_on_a_page_number(client, world):
    world.grow()
    visitator = world.users["visitator"]
    first = _page(client, visitator, "/frister/")
    second = _page(client, visitator, "/frister/?side=2")
    assert "Side 1 af" in first and "Side 2 af" in second
    assert 'rel="next"' in first and 'rel="prev"' in second
    dates_first = re.findall(r"<td>(\d+\. \w+ \d{4})</td>", first)
    assert dates_first and len(set(_names(first))) > 1
    last = re.search(r"Side 1 af (\d+)", first).group(1)
    beyond = _page(client, visitator, "/frister/?side=9999")
    assert f"Side {last} af {last}" in beyond
    assert "Side 1 af" in _page(client, visitator, "/frister/?side=ikke-et-tal")
    # Page 2 continues where page 1 ended: no row is on both.
    row = re.compile(r'href="/henvisninger/(\d+)/".*?</td>\s*<td>.*?</td>\s*<td>(\w+)', re.S)
    rows_first = row.findall(first)
    rows_second = row.findall(second)
    assert rows_second and not set(rows_first) & set(rows_second)


def test_the_citizen_timeline_pages_from_the_newest(client, world):
    world.grow()
    visitator = world.users["visitator"]
    url = f"/borgere/{world.heavy_citizen.pk}/"
    first = _page(client, visitator, url)
    second = _page(client, visitator, url + "?tidslinje=2")
    timeline = re.compile(r'<ol class="timeline" data-testid="timeline">(.*?)</ol>', re.S)
    events_first = timeline.search(first).group(1).count("<li>")
    events_second = timeline.search(second).group(1)
    assert events_first == 25
    # The page count comes from one query of counts per kind: it agrees with the events.
    from rehabplan.courses.selectors.citizen_page import timeline_events

    total = timeline_events(world.heavy_citizen).count()
    assert f"af {total}</p>" in first and total > 25
    assert "Side 2 af" in second and events_second.count("<li>") > 0
    # The page's other lists keep their place: the links carry every page parameter.
    assert "?tidslinje=1" in second or "?tidslinje=1&amp;" in second


def test_the_timeline_names_every_kind_of_event_in_danish(client, world):
    world.grow()
    visitator = world.users["visitator"]
    url = f"/borgere/{world.heavy_citizen.pk}/"
    pages = "".join(_page(client, visitator, f"{url}?tidslinje={n}") for n in range(1, 10))
    for text in (
        "modtaget – Borgeren selv",
        "Afgørelse: Bevilget",
        "Forløb startet",
        "Afgørelse om genoptræning – Digital Post · I kø",
        '<li><span class="timeline-date">',
    ):
        assert text in pages, text
    assert re.search(r"Individuel kl\. \d\d\.00 – (Mødt|Udeblevet)", pages)
    assert ClinicalNote.objects.filter(citizen=world.heavy_citizen).count() > 25
    assert "</span>Notat</li>" in pages


def test_course_notes_are_paged_and_a_corrected_note_says_so(client, world):
    world.grow()
    therapist = world.users["terapeut"]
    url = f"/forloeb/{world.heavy_course.pk}/"
    first = _page(client, therapist, url)
    second = _page(client, therapist, url + "?notater=2")
    assert first.count('data-testid="note"') == 25
    assert second.count('data-testid="note"') > 0
    assert "Dette notat er rettet" in first + second


def test_search_results_are_paged_by_buttons_and_the_term_stays_out_of_the_url(client, world):
    world.grow()
    visitator = world.users["visitator"]
    client.force_login(visitator)
    first = client.post("/borgere/", {"term": "Karen"}).content.decode()
    second = client.post("/borgere/", {"term": "Karen", "side": "2"}).content.decode()
    beyond = client.post("/borgere/", {"term": "Karen", "side": "999"}).content.decode()
    found = int(re.search(r"(\d+) borgere fundet", first).group(1))
    assert found > 25 and len(set(_names(first))) == 25
    assert not set(_names(first)) & set(_names(second))
    assert 'name="side" value="2"' in first and "Side 2 af" in second
    assert "Side" in beyond and re.search(r"Side (\d+) af \1", beyond)
    search = AuditEntry.objects.filter(action="search").order_by("-id").first()
    assert len(search.shown_citizen_ids) == len(set(_names(beyond)))


def test_the_start_page_shows_the_first_rows_and_links_to_all(client, world):
    world.grow()
    visitator = world.users["visitator"]
    home = _page(client, visitator, "/")
    awaiting = re.search(r"Se alle, der afventer afgørelse \((\d+)\)", home)
    inbox = re.search(r"Se alle nye sager \((\d+)\)", home)
    deadlines = re.search(r"Se alle åbne frister \((\d+)\)", home)
    assert awaiting and inbox and deadlines
    referrals = Referral.objects.filter(municipality=world.municipality)
    undecided = referrals.filter(status__in=["new", "awaiting_decision"]).count()
    assert int(awaiting.group(1)) == undecided > 25
    assert int(inbox.group(1)) == referrals.filter(status="new").count() > 25
    assert home.count('href="/afgoerelser/') == 25
    pages = -(-undecided // 25)
    full = _page(client, visitator, f"/visitation/afventer/?side={pages}")
    assert f"Side {pages} af {pages}" in full
