"""Recording and sending a delivery: the file, the hashes, corrections, refusals that record
nothing, municipality isolation, the leader's permission and the command's exit codes."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.reporting.klgateway.checker import check_delivery
from rehabplan.reporting.klgateway.facts import Period
from rehabplan.reporting.klgateway.services import (
    DeliveryRefused,
    NothingToDeliver,
    delivery_build,
    parse_period,
)
from rehabplan.reporting.models import KlGatewayBundle, KlGatewayDelivery
from tests.reporting.klgateway.conftest import gop_course, prepare_for_kl_gateway

NOVEMBER = Period(2026, 11)


def _report(capsys_or_out: io.StringIO, *args: str) -> tuple[int, str]:
    try:
        call_command("report", "kl-gateway", *args, stdout=capsys_or_out)
    except CommandError as error:
        return error.returncode, capsys_or_out.getvalue()
    return 0, capsys_or_out.getvalue()


def test_a_delivery_writes_the_file_and_records_each_bundle_s_hash(kl_unit, delivery_dir):
    first = gop_course(kl_unit)
    second = gop_course(kl_unit)

    delivery = delivery_build(
        municipality=kl_unit.municipality, period=NOVEMBER, user=kl_unit.leader
    )

    path = Path(delivery.file_path)
    assert path.parent == delivery_dir / "demo" / "2026-11"
    content = path.read_bytes()
    assert delivery.sha256 == hashlib.sha256(content).hexdigest()
    document = json.loads(content)
    assert document["meta"]["profile"] == [
        "http://fhir.kl.dk/rehab/StructureDefinition/klgateway-140-incremental-delivery"
    ]
    assert len(document["entry"]) == delivery.citizens_count == 2
    assert check_delivery(document) == []
    spoiled = {
        **document,
        "total": 2,
        "entry": [*document["entry"], {"resource": {"resourceType": "Patient"}}],
    }
    assert {problem.path for problem in check_delivery(spoiled)} == {"total", "entry.resource"}
    rows = KlGatewayBundle.objects.filter(delivery=delivery)
    assert {row.citizen_id for row in rows} == {first.citizen_id, second.citizen_id}
    inner = {
        hashlib.sha256(
            json.dumps(
                entry["resource"], ensure_ascii=False, sort_keys=True, separators=(",", ":")
            ).encode()
        ).hexdigest()
        for entry in document["entry"]
    }
    assert inner == {row.sha256 for row in rows}
    assert delivery.sequence == 1 and delivery.corrects is None
    assert delivery.created_by == kl_unit.leader
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id=str(delivery.pk))
    assert set(entry.shown_citizen_ids) == {first.citizen_id, second.citizen_id}


def test_a_second_build_of_a_period_is_a_correction_of_the_latest(kl_unit, delivery_dir):
    gop_course(kl_unit)
    first = delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)
    second = delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)
    third = delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)

    assert (first.sequence, second.sequence, third.sequence) == (1, 2, 3)
    assert second.corrects == first and third.corrects == second
    assert second.is_correction and not first.is_correction
    assert Path(first.file_path).exists() and Path(third.file_path).exists()
    assert first.file_path != third.file_path
    # Another period starts its own chain.
    gop_course(kl_unit, received_on=datetime.date(2026, 10, 5))
    october = delivery_build(municipality=kl_unit.municipality, period=Period(2026, 10))
    assert october.sequence == 1 and october.corrects is None


def test_a_bundle_failing_the_check_records_and_writes_nothing(kl_unit, delivery_dir):
    good = gop_course(kl_unit)
    bad = gop_course(kl_unit, plan_type="")  # no almen/specialiseret/rehabilitering

    with pytest.raises(DeliveryRefused) as refused:
        delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)

    assert [failure.citizen_id for failure in refused.value.failures] == [bad.citizen_id]
    failure = refused.value.failures[0]
    assert failure.citizen_name == bad.citizen.full_name
    assert any("Genoptræningsplanens type" in problem.message_da for problem in failure.problems)
    assert good.citizen_id not in {failure.citizen_id for failure in refused.value.failures}
    assert KlGatewayDelivery.objects.count() == 0
    assert KlGatewayBundle.objects.count() == 0
    assert not delivery_dir.exists() or not any(delivery_dir.rglob("*.json"))


def test_a_municipality_without_its_sor_code_is_refused(kl_unit, delivery_dir):
    kl_unit.municipality.sor_code = ""
    kl_unit.municipality.save(update_fields=["sor_code"])
    gop_course(kl_unit)
    with pytest.raises(DeliveryRefused) as refused:
        delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)
    messages = {problem.message_da for problem in refused.value.failures[0].problems}
    assert "journalførende organisations SOR-kode har ikke et gyldigt format" in messages


def test_a_plan_from_an_unknown_hospital_unit_is_refused(kl_unit, delivery_dir):
    gop_course(kl_unit, gop_sender_ean="5790000000999")
    with pytest.raises(DeliveryRefused) as refused:
        delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)
    messages = {problem.message_da for problem in refused.value.failures[0].problems}
    assert "genoptræningsplanens afsender mangler" in messages


def test_a_month_without_activity_has_nothing_to_deliver(kl_unit, delivery_dir):
    gop_course(kl_unit)
    with pytest.raises(NothingToDeliver):
        delivery_build(municipality=kl_unit.municipality, period=Period(2026, 8))
    # Other services than §140 are not reported.
    kl_unit.course("SEL86-1", received_on=datetime.date(2026, 8, 3))
    with pytest.raises(NothingToDeliver):
        delivery_build(municipality=kl_unit.municipality, period=Period(2026, 8))


def test_a_delivery_holds_only_its_own_municipality_s_citizens(kl_unit, varde, delivery_dir):
    prepare_for_kl_gateway(varde, sor_code="573001000016009")
    varde.counter[0] = 20  # CPR numbers of its own
    ours = gop_course(kl_unit)
    theirs = gop_course(varde)

    delivery = delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)

    assert {row.citizen_id for row in delivery.bundles.all()} == {ours.citizen_id}
    content = Path(delivery.file_path).read_text("utf-8")
    assert theirs.citizen.cpr not in content
    assert ours.citizen.cpr in content
    assert "573001000016009" not in content


def test_the_period_is_checked_with_a_danish_message():
    for text in ("2026-13", "11-2026", "", "2026/11"):
        with pytest.raises(Exception) as error:
            parse_period(text, today=datetime.date(2026, 12, 2))
        assert "Skriv perioden som år og måned, fx 2026-11." in error.value.messages
    with pytest.raises(Exception) as error:
        parse_period("2027-01", today=datetime.date(2026, 12, 2))
    assert "Perioden er ikke begyndt endnu." in error.value.messages
    assert parse_period("2026-11", today=datetime.date(2026, 12, 2)) == NOVEMBER


def test_the_command_delivers_and_says_so_in_danish(kl_unit, delivery_dir):
    gop_course(kl_unit)
    code, text = _report(
        io.StringIO(),
        "--period",
        "2026-11",
        "--kommune",
        "demo",
        "--bruger",
        kl_unit.leader.username,
    )
    assert code == 0, text
    assert "Indberetning for 2026-11 lavet: 1 borgere" in text
    code, text = _report(io.StringIO(), "--period", "2026-11", "--kommune", "demo")
    assert code == 0
    assert text.startswith("Rettelse for 2026-11 lavet")
    assert KlGatewayDelivery.objects.get(sequence=1).created_by == kl_unit.leader


def test_the_command_s_exit_codes_for_bad_input_refusal_and_nothing(kl_unit, delivery_dir):
    code, text = _report(io.StringIO(), "--period", "2026-14", "--kommune", "demo")
    assert (code, text) == (2, "Fejl: Skriv perioden som år og måned, fx 2026-11.\n")
    code, text = _report(io.StringIO(), "--period", "2026-11", "--kommune", "ukendt")
    assert (code, text) == (2, "Fejl: Kommunen 'ukendt' findes ikke.\n")
    code, text = _report(
        io.StringIO(),
        "--period",
        "2026-11",
        "--kommune",
        "demo",
        "--bruger",
        kl_unit.therapist_user.username,
    )
    assert code == 2 and "må ikke indberette til KL Gateway" in text
    code, text = _report(io.StringIO(), "--period", "2026-11", "--kommune", "demo")
    assert code == 3 and "intet er indberettet" in text
    bad = gop_course(kl_unit, plan_type="")
    code, text = _report(io.StringIO(), "--period", "2026-11", "--kommune", "demo")
    assert code == 1
    assert "Indberetningen for 2026-11 er ikke lavet" in text
    assert f"{bad.citizen.full_name}: Genoptræningsplanens type" in text
    assert KlGatewayDelivery.objects.count() == 0


class RecordingSender:
    sent: list[tuple[str, str, str]] = []

    def send(self, *, municipality_slug, period, file_name, content):
        RecordingSender.sent.append((municipality_slug, period, file_name))
        return f"recorded:{file_name}"


def test_the_sender_is_chosen_by_the_setting(kl_unit, settings):
    settings.REHABPLAN_KL_GATEWAY_SENDER = f"{__name__}.RecordingSender"
    RecordingSender.sent.clear()
    gop_course(kl_unit)
    delivery = delivery_build(municipality=kl_unit.municipality, period=NOVEMBER)
    assert RecordingSender.sent == [("demo", "2026-11", "kl-gateway-140-999-2026-11-01.json")]
    assert delivery.file_path == "recorded:kl-gateway-140-999-2026-11-01.json"
