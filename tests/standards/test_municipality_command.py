"""`rehabplan municipality add --standard FILE` and `rehabplan municipality list`."""

from __future__ import annotations

import pytest

from rehabplan.audit.models import AuditEntry
from rehabplan.cli import main
from rehabplan.organisation.models import Municipality, MunicipalStandard
from tests.standards.conftest import SKOVLUND

# Django's command runner closes the database connection when a command ends; outside a test
# transaction the next query reconnects (inside one, PostgreSQL would refuse).
pytestmark = pytest.mark.django_db(transaction=True)


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_creates_the_municipality_and_says_what_it_serves(capsys):
    code, out, err = _run(["municipality", "add", "--standard", str(SKOVLUND)], capsys)
    assert (code, err) == (0, "")
    assert "Skovlund Kommune er oprettet (kort navn skovlund, kommunekode 998)." in out
    assert "  - Vedligeholdende træning: Serviceloven § 86, stk. 2" in out
    assert "  - Genoptræning: Serviceloven § 86, stk. 1" in out
    assert "Versioner:\n  - fra 1. januar 2026" in out
    assert Municipality.objects.filter(slug="skovlund", code=998).exists()
    entry = AuditEntry.objects.get(object_type="municipalstandard")
    assert entry.user_name.startswith("kommandolinje (")


def test_add_again_with_a_changed_file_stores_a_new_version(tmp_path, capsys):
    _run(["municipality", "add", "--standard", str(SKOVLUND)], capsys)
    changed = tmp_path / "skovlund.toml"
    changed.write_text(
        SKOVLUND.read_text("utf-8")
        + '\n[[version]]\neffective_from = 2027-01-01\nbased_on = 2026-01-01\nnote = "Ny."\n',
        "utf-8",
    )
    code, out, _err = _run(["municipality", "add", "--standard", str(changed)], capsys)
    # The first version has no end: the periods overlap, and the file is refused.
    assert code == 1
    assert MunicipalStandard.objects.count() == 1
    changed.write_text(
        changed.read_text("utf-8").replace(
            'note = "Første version."', 'effective_to = 2026-12-31\nnote = "Første version."'
        ),
        "utf-8",
    )
    code, out, _err = _run(["municipality", "add", "--standard", str(changed)], capsys)
    assert code == 0
    assert "Ny version af kvalitetsstandarden for Skovlund Kommune gemt." in out
    assert "fra 1. januar 2026 til og med 31. december 2026" in out
    assert "fra 1. januar 2027: Ny." in out
    assert MunicipalStandard.objects.count() == 2
    assert Municipality.objects.filter(slug="skovlund").count() == 1


def test_a_bad_file_prints_file_key_and_line_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "skovlund.toml"
    bad.write_text(
        SKOVLUND.read_text("utf-8").replace('unit = "weeks"', 'unit = "måneder"'), "utf-8"
    )
    code, out, err = _run(["municipality", "add", "--standard", str(bad)], capsys)
    assert code == 1
    assert out == ""
    assert "Afvist, intet er gemt: fil skovlund.toml, nøgle version[0].rule[2]" in err
    assert "unit, linje" in err
    assert "skal være en af" in err
    assert not Municipality.objects.exists()
    assert not MunicipalStandard.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_missing_file_exits_2(tmp_path, capsys):
    code, _out, err = _run(
        ["municipality", "add", "--standard", str(tmp_path / "findes-ikke.toml")], capsys
    )
    assert code == 2
    assert "kan ikke læses" in err


def test_list_names_each_municipality_and_its_standard(capsys):
    Municipality.objects.create(slug="varde", code=573, name="Varde Kommune")
    _run(["municipality", "add", "--standard", str(SKOVLUND)], capsys)
    code, out, _err = _run(["municipality", "list"], capsys)
    assert code == 0
    assert (
        "Skovlund Kommune (kort navn skovlund, kommunekode 998)\n  standard: skovlund.toml" in out
    )
    assert "(1 i historikken)" in out
    assert (
        "Varde Kommune (kort navn varde, kommunekode 573)\n  standard: varde.toml (leveret" in out
    )
    assert "Leveret med programmet, men ikke oprettet som kommune:" in out
    assert "Fredericia Kommune (kort navn fredericia, kommunekode 607)" in out


def test_list_reports_a_stored_file_that_no_longer_passes(capsys):
    # As after an upgrade whose baseline no longer fits a file stored before: here the stored
    # file shadows a baseline rule without declaring it an exception.
    text = SKOVLUND.read_text("utf-8").replace('id = "transport"', 'id = "SUL140.start"')
    municipality = Municipality.objects.create(slug="skovlund", code=998, name="Skovlund Kommune")
    MunicipalStandard.objects.create(
        municipality=municipality,
        file_name="skovlund.toml",
        text=text,
        checksum="0" * 64,
        uploaded_by_name="før opgraderingen",
    )
    code, _out, err = _run(["municipality", "list"], capsys)
    assert code == 1
    assert "kan ikke læses: fil skovlund.toml, nøgle rule SUL140.start" in err
