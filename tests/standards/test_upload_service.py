"""A standard file becomes a municipality: validated, stored as history, audited, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan import rules
from rehabplan.audit.models import AuditEntry
from rehabplan.organisation.models import Municipality, MunicipalStandard
from rehabplan.organisation.standards import installation_registry
from rehabplan.organisation.standards.services import (
    StandardRefused,
    decode_standard,
    standard_upload,
)
from rehabplan.rules.registry import shipped_standards_dir

RECEIVED = dt.date(2026, 3, 2)  # a Monday


def _contact_due(slug: str, service: str = "SEL86-2") -> dt.date:
    result = rules.deadlines(installation_registry(), slug, service, received=RECEIVED)
    return next(d.due for d in result.deadlines if d.kind == "contact")


def test_a_new_file_creates_the_municipality_and_its_history(db, skovlund_text):
    result = standard_upload(text=skovlund_text, file_name="skovlund.toml", operator="drift")

    municipality = Municipality.objects.get(slug="skovlund")
    assert (municipality.code, municipality.name) == (998, "Skovlund Kommune")
    assert result.created_municipality and result.changed
    stored = MunicipalStandard.objects.get()
    assert stored.text == skovlund_text
    assert stored.uploaded_by_name == "drift"
    assert len(stored.checksum) == 64
    entry = AuditEntry.objects.get(object_type="municipalstandard")
    assert entry.municipality == municipality
    assert entry.action == "create"
    assert entry.user_name == "drift"
    # The installation's registry serves it at once: 5 working days after Monday 2 March.
    assert _contact_due("skovlund") == dt.date(2026, 3, 9)
    assert "Vedligeholdende træning: Serviceloven § 86, stk. 2" in "\n".join(result.summary.lines())


def test_a_changed_file_is_a_new_version_and_the_old_one_is_kept(db, skovlund_text):
    standard_upload(text=skovlund_text, file_name="skovlund.toml")
    changed = skovlund_text.replace("count = 5\n", "count = 7\n").replace(
        'name = "Skovlund Kommune"', 'name = "Skovlund Kommune, Træning"'
    )
    result = standard_upload(text=changed, file_name="skovlund-2026.toml")

    assert not result.created_municipality and result.changed
    assert MunicipalStandard.objects.count() == 2
    first, second = MunicipalStandard.objects.order_by("id")
    assert (first.text, second.text) == (skovlund_text, changed)
    assert Municipality.objects.get(slug="skovlund").name == "Skovlund Kommune, Træning"
    assert _contact_due("skovlund") == dt.date(2026, 3, 11)
    change = AuditEntry.objects.filter(object_type="municipalstandard").latest("id")
    assert change.action == "change"
    assert change.changes["name"] == ["Skovlund Kommune", "Skovlund Kommune, Træning"]


def test_the_same_file_again_stores_nothing(db, skovlund_text):
    standard_upload(text=skovlund_text, file_name="skovlund.toml")
    result = standard_upload(text=skovlund_text, file_name="skovlund.toml")
    assert not result.changed
    assert MunicipalStandard.objects.count() == 1


def test_history_is_never_changed_or_deleted(db, skovlund_text):
    row = standard_upload(text=skovlund_text, file_name="skovlund.toml").standard
    row.text = "schema = 1"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        MunicipalStandard.objects.update(text="")
    with pytest.raises(PermissionError):
        MunicipalStandard.objects.all().delete()
    with pytest.raises(PermissionError):
        row.delete()
    assert MunicipalStandard.objects.get().text == skovlund_text


def _refused(text: str, file_name: str = "skovlund.toml") -> str:
    before = (
        Municipality.objects.count(),
        MunicipalStandard.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(StandardRefused) as refused:
        standard_upload(text=text, file_name=file_name)
    after = (
        Municipality.objects.count(),
        MunicipalStandard.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before, "a refused file wrote something"
    return str(refused.value)


def test_a_bad_file_names_file_key_and_line_and_writes_nothing(db, skovlund_text):
    broken = skovlund_text.replace("max_sessions = 12\n", "max_sessions = 12\nmax_sesions = 14\n")
    line = broken.splitlines().index("max_sesions = 14") + 1
    message = _refused(broken)
    assert "fil skovlund.toml" in message
    assert "max_sesions" in message
    assert f"linje {line}" in message
    assert "ukendt nøgle" in message
    assert not Municipality.objects.filter(slug="skovlund").exists()


def test_a_rule_shadowing_the_baseline_without_exception_is_refused(db, skovlund_text):
    shadowing = skovlund_text.replace('id = "transport"', 'id = "termination"').replace(
        'type = "transport"\nservices = ["SEL86-1", "SEL86-2"]\narrangement = "own"',
        'type = "termination"\nservices = ["SEL86-1", "SEL86-2"]\nreasons = []',
    )
    assert "exception = true" in _refused(shadowing)


def test_a_kommunekode_of_a_shipped_standard_is_refused(db, skovlund_text):
    # Fredericia's code is in the shipped files even where no Fredericia municipality exists.
    message = _refused(skovlund_text.replace("kommunekode = 998", "kommunekode = 607"))
    assert "kommunekode 607" in message


def test_a_kommunekode_of_another_municipality_is_refused(db, skovlund_text):
    Municipality.objects.create(slug="egnsby", code=998, name="Egnsby Kommune")
    message = _refused(skovlund_text)
    assert "kommunekode 998 bruges allerede af Egnsby Kommune" in message


def test_a_short_name_with_another_kommunekode_is_refused(db, skovlund_text):
    Municipality.objects.create(slug="skovlund", code=997, name="Skovlund Kommune")
    message = _refused(skovlund_text)
    assert "har kommunekode 997 i installationen, men filen angiver 998" in message
    assert MunicipalStandard.objects.count() == 0


def test_the_national_baseline_cannot_be_uploaded(db):
    national = (shipped_standards_dir() / "national.toml").read_text("utf-8")
    assert "den nationale basis følger med programmet" in _refused(national, "national.toml")


def test_an_upload_takes_the_place_of_the_shipped_file_with_its_slug(db):
    shipped = (shipped_standards_dir() / "varde.toml").read_text("utf-8")
    on = dt.date(2026, 3, 2)
    before = rules.deadlines(installation_registry(), "varde", "SEL86-2", granted=on)
    assert before.deadlines[-1].due == dt.date(2026, 4, 13)  # 6 weeks after the grant
    standard_upload(text=shipped.replace("count = 6\n", "count = 5\n"), file_name="varde.toml")
    after = rules.deadlines(installation_registry(), "varde", "SEL86-2", granted=on)
    assert after.deadlines[-1].due == dt.date(2026, 4, 6)
    assert Municipality.objects.get(slug="varde").code == 573
    # The shipped registry itself is untouched.
    assert rules.deadlines(rules.default_registry(), "varde", "SEL86-2", granted=on) == before


def test_a_file_that_is_not_utf8_is_refused_in_danish():
    with pytest.raises(StandardRefused, match="ikke tekst i UTF-8"):
        decode_standard("navn = 'Næstved'".encode("latin-1"), "næstved.toml")
    with pytest.raises(StandardRefused, match="for stor"):
        decode_standard(b"#" * 1_000_001, "stor.toml")
