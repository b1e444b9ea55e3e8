"""The leader's audit log: bounded, CPR numbers in search terms masked, each entry in full."""

from __future__ import annotations

import logging

import pytest

from rehabplan.audit.masking import mask_cpr
from rehabplan.audit.models import AuditAction, AuditEntry


@pytest.mark.parametrize(
    ("term", "shown"),
    [
        ("010150-1234", "010150-****"),
        ("0101501234", "010150-****"),
        ("010150 1234", "010150-****"),
        ("0101501", "010150-****"),
        ("Karen 010150-1234", "Karen 010150-****"),
        ("Sørensen", "Sørensen"),
        ("010150", "010150"),
    ],
)
def test_cpr_numbers_are_masked_to_the_birth_date(term, shown):
    assert mask_cpr(term) == shown


def test_the_log_list_masks_a_cpr_search_and_the_entry_shows_it_in_full(
    client, visitator, leader, citizen
):
    client.force_login(visitator)
    client.post("/borgere/", {"term": "010150-1234"})
    search = AuditEntry.objects.get(action=AuditAction.SEARCH)
    assert search.search_term == "010150-1234"
    assert search.shown_citizen_ids == [citizen.pk]

    client.force_login(leader)
    listing = client.get("/log/").content.decode()
    assert "010150-****" in listing
    assert "010150-1234" not in listing and "0101501234" not in listing

    detail = client.get(f"/log/{search.pk}/")
    assert detail.status_code == 200
    assert "010150-1234" in detail.content.decode()
    opened = AuditEntry.objects.filter(summary="Logpost vist").get()
    assert (opened.user, opened.object_type, opened.object_id) == (
        leader,
        "auditentry",
        str(search.pk),
    )


def test_reading_the_log_is_logged_with_the_citizens_it_names(client, leader, citizen):
    client.force_login(leader)
    client.get("/log/")
    entry = AuditEntry.objects.get(summary="Log over adgang vist")
    assert entry.shown_citizen_ids == [citizen.pk]


def test_the_log_is_paged_newest_first(client, leader):
    from rehabplan.audit import selectors
    from rehabplan.audit.services import audit_record

    # Logging in writes its own entry; the posts come after it, the newest first.
    client.force_login(leader)
    for number in range(selectors.LOG_PAGE_ROWS + 5):
        audit_record(user=leader, action=AuditAction.VIEW, summary=f"post {number:03d}")
    first = client.get("/log/").content.decode()
    newest, oldest_on_first = selectors.LOG_PAGE_ROWS + 4, 5
    assert f"post {newest:03d}" in first and f"post {oldest_on_first:03d}" in first
    assert f"post {oldest_on_first - 1:03d}" not in first
    assert "Side 1 af 2" in first and "Næste" in first
    second = client.get("/log/?side=2").content.decode()
    assert "post 000" in second and f"post {newest:03d}" not in second
    assert "Side 2 af 2" in second and "Forrige" in second


def test_an_entry_of_another_municipality_is_not_found(
    client, leader, make_user, other_municipality
):
    from rehabplan.accounts.roles import LEADER
    from rehabplan.audit.services import audit_record

    theirs = audit_record(
        user=make_user("varde-leder", LEADER, other_municipality),
        action=AuditAction.VIEW,
        summary="Borgerens side vist",
    )
    client.force_login(leader)
    assert client.get(f"/log/{theirs.pk}/").status_code == 404


def test_the_visitator_cannot_open_an_entry(client, visitator, citizen):
    client.force_login(visitator)
    entry = AuditEntry.objects.first()
    assert client.get(f"/log/{entry.pk}/").status_code == 403


def test_a_cpr_search_writes_no_cpr_to_the_application_log(client, visitator, citizen, caplog):
    client.force_login(visitator)
    with caplog.at_level(logging.DEBUG):
        client.post("/borgere/", {"term": "010150-1234"})
        client.post("/borgere/", {"term": "0101501234"})
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "1234" not in text.replace("010150-****", "")
