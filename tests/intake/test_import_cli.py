"""`rehabplan import-gop FILE...`: per-file lines and exit codes."""

from __future__ import annotations

import pytest

from rehabplan.audit.models import AuditEntry
from rehabplan.cli import main
from rehabplan.courses.models import Referral

# Django's command runner closes every database connection when a command ends; outside a test
# transaction the next query simply reconnects (inside one, PostgreSQL would refuse).
pytestmark = pytest.mark.django_db(transaction=True)


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def files(tmp_path, gop_bytes):
    good = tmp_path / "plan.xml"
    good.write_bytes(gop_bytes(encoding="iso-8859-1"))
    bad = tmp_path / "incomplete.xml"
    bad.write_bytes(gop_bytes(letter_identifier="77", omit=["Patient/PersonGivenName"]))
    return good, bad


def test_imported_and_already_imported_exit_0(files, fredericia, capsys):
    good, _bad = files
    code, out, _err = _run(["import-gop", "--municipality", "fredericia", str(good)], capsys)
    assert code == 0
    assert "plan.xml: Indlæst" in out
    code, out, _err = _run(["import-gop", "--municipality", "fredericia", str(good)], capsys)
    assert code == 0
    assert "plan.xml: Allerede indlæst" in out
    assert Referral.objects.count() == 1
    # Audited as the municipality's system user, which cannot log in.
    entry = AuditEntry.objects.filter(object_type="referral", action="create").get()
    assert entry.user_name == "system-gop-fredericia"
    assert not entry.user.is_active


def test_a_rejected_file_gives_non_zero_and_lists_problems(files, fredericia, capsys):
    good, bad = files
    code, out, _err = _run(
        ["import-gop", "--municipality", "fredericia", str(good), str(bad)], capsys
    )
    assert code == 1
    assert "plan.xml: Indlæst" in out
    assert "incomplete.xml: afvist (1 fejl)" in out
    assert "Patient/PersonGivenName: Elementet mangler." in out
    assert Referral.objects.count() == 1


def test_named_user_is_audited(files, fredericia_visitator, capsys):
    good, _bad = files
    code, _out, _err = _run(["import-gop", "--user", "fredericia-visitator", str(good)], capsys)
    assert code == 0
    assert AuditEntry.objects.filter(user=fredericia_visitator, object_type="referral").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--municipality", "ukendt"], "Ukendt kommune 'ukendt'"),
        (["--user", "nobody"], "Ukendt eller deaktiveret bruger 'nobody'"),
        ([], "Angiv --user BRUGERNAVN eller --municipality KORT-NAVN"),
    ],
)
def test_bad_arguments_exit_2_with_danish_message(files, fredericia, capsys, argv, message):
    good, _bad = files
    code, _out, err = _run(["import-gop", *argv, str(good)], capsys)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path, fredericia, capsys):
    code, _out, err = _run(
        ["import-gop", "--municipality", "fredericia", str(tmp_path / "findes-ikke.xml")], capsys
    )
    assert code == 2
    assert "kan ikke læses" in err
