"""The demo's research export holds no direct identifier, and the command line makes it."""

from __future__ import annotations

import datetime
import io

import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from rehabplan.accounts.models import User
from rehabplan.citizens.models import Citizen, ConsentScope, Relative
from rehabplan.reporting.models import ResearchExport
from rehabplan.reporting.research.key import KEY_VARIABLE
from rehabplan.reporting.research.services import research_export
from tests.shared_demo import seed_for_module

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FIRST_DAY = timezone.localdate() - datetime.timedelta(days=3 * 365)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    yield from seed_for_module(django_db_blocker, seed=2026, today=timezone.localdate())


def _identifiers(citizen: Citizen) -> set[str]:
    found = {
        citizen.cpr,
        f"{citizen.cpr[:6]}-{citizen.cpr[6:]}",
        citizen.first_name,
        citizen.last_name,
        citizen.full_name,
        citizen.birth_date.isoformat(),
        f"{citizen.birth_date:%d-%m-%Y}",
    }
    for value in (citizen.address, citizen.phone, citizen.email, citizen.phone.replace(" ", "")):
        if value:
            found.add(value)
    return found


def _all_identifiers() -> set[str]:
    found: set[str] = set()
    for citizen in Citizen.objects.all():
        found |= _identifiers(citizen)
    for relative in Relative.objects.all():
        found |= {relative.name, relative.phone}
    return {value for value in found if value}


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_demo_export_holds_no_direct_identifier(demo, monkeypatch, file_format):
    monkeypatch.setenv(KEY_VARIABLE, "k" * 40)
    leader = User.objects.get(username="leder")
    consenting = Citizen.objects.filter(consents__scope=ConsentScope.RESEARCH).distinct()
    assert consenting.count() >= 10, "the demo has citizens with research consent"
    result = research_export(
        user=leader, first_day=FIRST_DAY, last_day=timezone.localdate(), file_format=file_format
    )
    assert result.record.row_count >= 10
    content = result.content
    if file_format == "parquet":
        # Values as a researcher reads them, besides the file's bytes.
        table = pq.read_table(io.BytesIO(content))
        content += " ".join(str(value) for value in table.to_pylist()).encode("utf-8")
    leaks = sorted(value for value in _all_identifiers() if value.encode("utf-8") in content)
    assert leaks == []


def test_the_demo_export_has_outcomes_and_diagnosis_groups(demo, monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "k" * 40)
    leader = User.objects.get(username="leder")
    result = research_export(user=leader, first_day=FIRST_DAY, last_day=timezone.localdate())
    text = result.content.decode()
    assert "XIX" in text and "S70-S79" in text
    assert "gentagelser" in text


def test_command_line_export(demo, monkeypatch, tmp_path):
    monkeypatch.setenv(KEY_VARIABLE, "k" * 40)
    target = tmp_path / "udtraek.parquet"
    out = io.StringIO()
    call_command(
        "report",
        "research",
        "--bruger",
        "leder",
        "--from",
        f"{FIRST_DAY:%d-%m-%Y}",
        "--to",
        f"{timezone.localdate():%d-%m-%Y}",
        "--format",
        "parquet",
        "--out",
        str(target),
        stdout=out,
    )
    record = ResearchExport.objects.get()
    assert pq.read_table(target).num_rows == record.row_count > 0
    assert f"{record.row_count} forløb skrevet til {target}" in out.getvalue()


def test_command_line_refuses_without_key(demo, monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    with pytest.raises(CommandError):
        call_command(
            "report",
            "research",
            "--bruger",
            "leder",
            "--from",
            "01-01-2000",
            "--to",
            "31-12-2000",
            "--out",
            str(tmp_path / "x.csv"),
        )
    assert "kræver en nøgle" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
    assert not ResearchExport.objects.exists()


def test_command_line_refuses_a_therapist(demo, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(KEY_VARIABLE, "k" * 40)
    with pytest.raises(CommandError):
        call_command(
            "report", "research", "--bruger", "terapeut", "--from", "01-01-2000",
            "--to", "31-12-2000", "--out", str(tmp_path / "x.csv"),
        )  # fmt: skip
    assert "ikke adgang" in capsys.readouterr().err
