"""Importing GOP files: one referral per episode of care, every problem by element."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.audit.models import AuditEntry
from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import Referral, ReferralStatus, StoredDeadline
from rehabplan.courses.services.gop_import import GopImportStatus, gop_import
from rehabplan.gop import GopRejected

from .conftest import DISCHARGE


def _due(referral, kind):
    return referral.deadlines.get(kind=kind).due


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1"])
def test_import_creates_citizen_referral_and_fredericia_deadlines(import_gop, encoding):
    result = import_gop(encoding=encoding)

    assert result.status == GopImportStatus.IMPORTED
    assert result.citizen_created
    citizen = result.citizen
    assert (citizen.first_name, citizen.last_name) == ("Åse Marie", "Bøgelund")
    assert citizen.cpr == "1204431234"
    referral = result.referral
    assert referral.service_code == "SUL140"
    assert referral.discharge_on == DISCHARGE
    assert referral.plan_type == "almen"
    assert referral.gop_start_on is None  # "senest 7 dage efter udskrivelse" names no date
    assert referral.diagnosis_text.startswith("DS720 Brud på lårbenshals")
    # Fredericia: contact by day 4, start by day 7, discharge day = day 0.
    assert _due(referral, "contact") == dt.date(2026, 11, 24)
    assert _due(referral, "start") == dt.date(2026, 11, 27)
    start = referral.deadlines.get(kind="start")
    assert start.standard_version.startswith("fredericia")
    assert start.explanation and all("text" in line for line in start.explanation)


def test_content_kept_for_display_without_cpr(import_gop):
    content = import_gop(encoding="iso-8859-1").referral.gop_content
    assert content["plan_type_label"] == "Almen genoptræning"
    assert content["sender"]["organisation"] == "Sygehus Lillebælt, Kolding Sygehus"
    assert content["sender"]["signed_by"] == "Mette Højgaard, Fysioterapeut"
    assert [item["code"] for item in content["diagnoses"]] == ["DS720", "DM810"]
    assert "rollator" in content["ability_at_discharge_summary"]
    assert "Godt potentiale" in content["rehabilitation_need_and_potential"]
    assert content["rehabilitation_deadline_text"].startswith("Genoptræningen bør")
    assert "1204431234" not in str(content)


def test_the_hospitals_own_start_replaces_day_7(import_gop):
    referral = import_gop(
        rehabilitation_deadline="Udskudt opstart. Genoptræningen må tidligst påbegyndes "
        "15-12-2026, da knæet skal aflastes."
    ).referral
    assert referral.gop_start_on == dt.date(2026, 12, 15)
    assert _due(referral, "start") == dt.date(2026, 12, 15)
    assert _due(referral, "contact") == dt.date(2026, 11, 24)


def test_same_file_twice_is_one_referral(import_gop):
    first = import_gop()
    second = import_gop()
    assert second.status == GopImportStatus.ALREADY_IMPORTED
    assert second.referral.pk == first.referral.pk
    assert Referral.objects.count() == 1
    assert Citizen.objects.count() == 1


def test_known_citizen_is_linked_not_created(import_gop, fredericia_visitator):
    from rehabplan.citizens.services import citizen_create

    known = citizen_create(
        user=fredericia_visitator, cpr="120443-1234", first_name="Åse", last_name="Bøgelund"
    )
    result = import_gop()
    assert not result.citizen_created
    assert result.citizen == known
    # "Åse" on record, "Åse Marie" in the plan: linked, with a warning to check.
    (warning,) = result.warnings
    assert "Åse Marie Bøgelund" in warning and "Åse Bøgelund" in warning


def test_corrected_gop_replaces_the_earlier_plan(import_gop):
    first = import_gop()
    corrected = import_gop(
        letter_identifier="1001234999",
        authorised_at=dt.datetime(2026, 11, 20, 9, 0),
        discharge_at=dt.datetime(2026, 11, 21, 10, 0),
    )
    assert corrected.status == GopImportStatus.REPLACED
    assert corrected.referral.pk == first.referral.pk
    assert Referral.objects.count() == 1
    referral = Referral.objects.get()
    assert referral.gop_letter_identifier == "1001234999"
    assert referral.discharge_on == dt.date(2026, 11, 21)
    assert _due(referral, "contact") == dt.date(2026, 11, 25)
    assert _due(referral, "start") == dt.date(2026, 11, 28)
    history = referral.gop_content["history"]
    assert [item["letter_identifier"] for item in history] == ["1001234567"]
    # The first file again is recognised as the earlier version: nothing changes.
    again = import_gop()
    assert again.status == GopImportStatus.ALREADY_IMPORTED
    assert Referral.objects.get().gop_letter_identifier == "1001234999"


def test_older_version_arriving_late_does_not_overwrite(import_gop):
    import_gop(letter_identifier="2", authorised_at=dt.datetime(2026, 11, 20, 9, 0))
    late = import_gop(
        letter_identifier="1",
        authorised_at=dt.datetime(2026, 11, 19, 9, 0),
        discharge_at=dt.datetime(2026, 11, 25, 10, 0),
    )
    assert late.status == GopImportStatus.ALREADY_IMPORTED
    referral = Referral.objects.get()
    assert referral.gop_letter_identifier == "2"
    assert referral.discharge_on == DISCHARGE


def test_malformed_file_is_rejected_and_nothing_stored(fredericia_visitator):
    with pytest.raises(GopRejected) as rejected:
        gop_import(user=fredericia_visitator, data=b"<Emessage><RehabilitationPlan>")
    assert rejected.value.problems
    assert Referral.objects.count() == 0
    assert Citizen.objects.count() == 0


def test_incomplete_file_lists_every_problem_by_element(import_gop):
    with pytest.raises(GopRejected) as rejected:
        import_gop(
            omit=["Letter/Identifier", "Patient/PersonGivenName"],
            plan_type="ukendt",
            cpr="3113431234",
        )
    elements = {problem.element for problem in rejected.value.problems}
    assert "Emessage/RehabilitationPlan/Letter/Identifier" in elements
    assert "Emessage/RehabilitationPlan/Patient/PersonGivenName" in elements
    assert "Emessage/RehabilitationPlan/Patient/CivilRegistrationNumber" in elements
    assert "Emessage/RehabilitationPlan/TypeOfRehabilitationPlan" in elements
    assert all(problem.message for problem in rejected.value.problems)
    assert Referral.objects.count() == 0
    assert Citizen.objects.count() == 0
    assert StoredDeadline.objects.count() == 0


def test_gop_for_a_municipality_not_served_is_rejected_with_that_reason(import_gop):
    with pytest.raises(GopRejected) as rejected:
        import_gop(receiver_organisation="Horsens Kommune", receiver_municipality_code="615")
    (problem,) = rejected.value.problems
    assert "Horsens Kommune (615)" in problem.message
    assert "ikke betjener" in problem.message
    assert Referral.objects.count() == 0


def test_user_may_only_import_into_own_municipality(gop_bytes, fredericia, municipality, visitator):
    # Fredericia is served by the installation, but the demo visitator does not work there.
    with pytest.raises(GopRejected) as rejected:
        gop_import(user=visitator, data=gop_bytes())
    assert "kun indlæse planer til Demo Kommune" in rejected.value.problems[0].message
    assert Referral.objects.count() == 0


def test_import_and_rejection_are_audited(import_gop, fredericia_visitator):
    result = import_gop()
    entries = AuditEntry.objects.filter(user=fredericia_visitator)
    assert entries.filter(action="create", object_type="referral", citizen_id=result.citizen.pk)
    assert entries.filter(action="create", object_type="citizen")
    import_gop()
    assert entries.filter(action="view", object_type="referral").exists()
    with pytest.raises(GopRejected):
        import_gop(omit=["Patient/PersonGivenName"])
    rejection = entries.filter(summary__startswith="Genoptræningsplan afvist").get()
    assert rejection.changes["elements"] == ["Emessage/RehabilitationPlan/Patient/PersonGivenName"]
    assert rejection.citizen_id is None


def test_replaced_referral_keeps_open_status(import_gop):
    import_gop()
    import_gop(letter_identifier="1001234999", authorised_at=dt.datetime(2026, 11, 20, 9, 0))
    assert Referral.objects.get().status == ReferralStatus.NEW


def test_municipality_without_a_quality_standard_is_rejected_not_crashed(make_user, gop_bytes):
    from rehabplan.accounts.roles import VISITATOR
    from rehabplan.organisation.models import Municipality

    horsens = Municipality.objects.create(slug="horsens", code=615, name="Horsens Kommune")
    user = make_user("horsens-visitator", VISITATOR, horsens)
    data = gop_bytes(receiver_organisation="Horsens Kommune", receiver_municipality_code="615")
    with pytest.raises(GopRejected) as rejected:
        gop_import(user=user, data=data)
    assert "Fristerne kan ikke beregnes for Horsens Kommune" in rejected.value.problems[0].message
    assert Referral.objects.count() == 0
    assert Citizen.objects.count() == 0


def test_discharge_given_only_as_text_waits_for_the_visitator(import_gop, fredericia_visitator):
    from rehabplan.courses.selectors.intake import intake_inbox
    from rehabplan.courses.services.intake import referral_correct_dates

    referral = import_gop(
        discharge_at=None, expected_end_text="Forventes udskrevet midt i næste uge"
    ).referral
    assert referral.discharge_on is None
    contact = referral.deadlines.get(kind="contact")
    assert contact.due is None and contact.depends_on == "discharge"
    assert "Forventes udskrevet" in referral.gop_content["hospital_contact_expected_end_text"]
    (row,) = intake_inbox(municipality=referral.municipality, today=dt.date(2026, 11, 23))
    assert row.contact.text == "Afventer udskrivningsdatoen"
    assert row.most_urgent_due == referral.received_on
    referral_correct_dates(
        user=fredericia_visitator,
        referral=referral,
        received_on=referral.received_on,
        discharge_on=dt.date(2026, 11, 25),
        today=dt.date(2026, 11, 23),
    )
    assert referral.deadlines.get(kind="contact").due == dt.date(2026, 11, 29)
