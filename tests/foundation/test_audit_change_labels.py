"""The audit log names changed fields in Danish, never by their names in the code."""

from __future__ import annotations

from rehabplan.audit.change_labels import change_label
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.audit.services import audit_record
from rehabplan.citizens.services import citizen_update


def test_a_field_is_named_by_the_models_verbose_name(db):
    assert change_label("decision", "letter_received_on") == "Modtaget af borgeren"
    assert change_label("citizen", "phone") == "Telefon"


def test_an_admin_inline_key_keeps_its_prefix_and_names_the_field(db):
    assert change_label("citizen", "samtykke 3: phone") == "samtykke 3: Telefon"


def test_a_key_no_model_knows_is_shown_readably(db):
    assert change_label("decision", "warnings_confirmed") == "Advarsler bekræftet"
    assert change_label("", "brand_new_key") == "Brand new key"


def test_the_log_and_the_entry_page_show_danish_field_names(client, leader, visitator, citizen):
    citizen_update(user=visitator, citizen=citizen, phone="12 34 56 78")
    audit_record(
        user=visitator,
        action=AuditAction.CHANGE,
        citizen=citizen,
        summary="Brevets modtagelse registreret",
        changes={"letter_received_on": ["", "2026-03-02"], "replaces": 17},
    )
    client.force_login(leader)
    page = client.get("/log/").content.decode()
    assert "Telefon" in page and "Modtaget af borgeren" in page
    assert "phone" not in page and "letter_received_on" not in page
    receipt = AuditEntry.objects.get(summary="Brevets modtagelse registreret")
    page = client.get(f"/log/{receipt.pk}/").content.decode()
    assert "Modtaget af borgeren" in page and "2. marts 2026" in page
    assert "Erstatter tidligere aftale" in page and "17" in page
    assert "letter_received_on" not in page and "replaces" not in page


def test_the_admin_entry_page_shows_danish_field_names(admin_client, citizen):
    entry = audit_record(
        user=None,
        action=AuditAction.CHANGE,
        citizen=citizen,
        municipality=citizen.municipality,
        summary="Brevets modtagelse registreret",
        changes={"letter_received_on": ["", "2026-03-02"]},
    )
    page = admin_client.get(f"/admin/audit/auditentry/{entry.pk}/change/").content.decode()
    assert "Modtaget af borgeren: – → 2. marts 2026" in page
    assert "letter_received_on" not in page
