"""Hostile GOP files through the upload page, the import service and `rehabplan import-gop`.

A hostile file gets a Danish rejection (never an error page or a traceback), leaves nothing but
the audit entry of the attempt, and a file over the size limit is refused before it is read.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
)
from django.test import RequestFactory

from rehabplan.audit.models import AuditEntry
from rehabplan.citizens.models import Citizen
from rehabplan.cli import main
from rehabplan.courses.models import Referral
from rehabplan.gop import GopRejected
from rehabplan.gop.sample import build_gop_xml

UPLOAD_URL = "/modtagelse/gop/"
SURNAME = b"<m100:PersonSurnameName>B\xc3\xb8gelund</m100:PersonSurnameName>"
DEPTH_MESSAGE = "Filen er for dybt indlejret (mere end 40 niveauer"


def _nested_surname(depth: int) -> bytes:
    inner = b"<a>" * depth + b"Indlejret" + b"</a>" * depth
    return build_gop_xml().replace(
        SURNAME, b"<m100:PersonSurnameName>" + inner + b"</m100:PersonSurnameName>", 1
    )


def _oversize(total: int) -> bytes:
    """A plan padded with a comment to `total` bytes: nothing wrong with it but its size."""
    plan = build_gop_xml()
    return plan + b"<!--" + b"x" * (total - len(plan) - 7) + b"-->"


def _rejections() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(summary__startswith="Genoptræningsplan afvist"))


@pytest.fixture
def logged_in(client, fredericia_visitator):
    client.force_login(fredericia_visitator)
    return client


def _upload(client, *files):
    uploads = [SimpleUploadedFile(name, data, content_type="text/xml") for name, data in files]
    return client.post(UPLOAD_URL, {"files": uploads})


# -- the upload page --------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [900, 1000])
def test_deep_nesting_in_the_surname_is_a_danish_rejection_not_an_error_page(logged_in, depth):
    response = _upload(logged_in, ("dyb.xml", _nested_surname(depth)))
    assert response.status_code == 200
    text = response.content.decode()
    assert "dyb.xml: Afvist" in text
    assert DEPTH_MESSAGE in text
    assert not Citizen.objects.exists()
    assert not Referral.objects.exists()
    assert len(_rejections()) == 1


def test_an_oversize_upload_is_refused_by_its_size_before_it_is_read(logged_in):
    response = _upload(logged_in, ("stor.xml", _oversize(3_000_000)))
    text = response.content.decode()
    assert "stor.xml: Afvist" in text
    # The whole size is named: the file was judged by the size Django counted, not by reading.
    assert "Filen fylder 3.000.000 byte" in text
    assert "Filen er ikke læst" in text
    assert not Referral.objects.exists()
    [entry] = _rejections()
    assert entry.changes == {"elements": ["(fil)"]}


def test_more_files_than_the_form_takes_get_a_danish_form_error(logged_in):
    files = [(f"plan{number}.xml", build_gop_xml()) for number in range(21)]
    response = _upload(logged_in, *files)
    assert response.status_code == 200
    assert "Du har valgt 21 filer; vælg højst 20 filer ad gangen." in response.content.decode()
    assert not Referral.objects.exists()
    assert not AuditEntry.objects.filter(object_type="referral").exists()


def test_twenty_files_are_taken(logged_in):
    files = [(f"plan{number}.xml", build_gop_xml()) for number in range(20)]
    text = _upload(logged_in, *files).content.decode()
    assert "plan19.xml: Allerede indlæst" in text
    assert Referral.objects.count() == 1


def test_a_request_with_far_too_many_files_is_refused_before_its_files_are_stored(logged_in):
    files = [(f"plan{number}.xml", b"<x/>") for number in range(41)]
    response = _upload(logged_in, *files)
    assert response.status_code == 400
    assert "vælg højst 20 filer ad gangen" in response.content.decode()
    assert not _rejections()


def test_a_request_over_256_kb_streams_its_files_to_disk(rf: RequestFactory):
    def stored(size: int):
        upload = SimpleUploadedFile("plan.xml", b"x" * size, content_type="text/xml")
        request = rf.post(UPLOAD_URL, {"files": [upload]})
        return request.FILES["files"]

    assert isinstance(stored(200_000), InMemoryUploadedFile)
    on_disk = stored(300_000)
    assert isinstance(on_disk, TemporaryUploadedFile)
    on_disk.close()


# -- the service --------------------------------------------------------------------------------


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_the_service_reads_nothing_of_a_file_over_the_limit(fredericia_visitator):
    from rehabplan.courses.services.gop_import import gop_import_file

    stream = _CountingStream(_oversize(2_500_000))
    with pytest.raises(GopRejected) as rejected:
        gop_import_file(user=fredericia_visitator, stream=stream, size=2_500_000)
    assert stream.bytes_read == 0
    assert "Filen fylder 2.500.000 byte" in rejected.value.problems[0].message
    assert len(_rejections()) == 1


def test_a_size_reported_too_small_still_reads_no_more_than_the_limit(fredericia_visitator):
    from rehabplan.courses.services.gop_import import gop_import_file

    stream = _CountingStream(_oversize(4_000_000))
    with pytest.raises(GopRejected) as rejected:
        gop_import_file(user=fredericia_visitator, stream=stream, size=6_000)
    assert stream.bytes_read == 2_000_001
    assert "Filen fylder 2.000.001 byte" in rejected.value.problems[0].message


# -- the command line ---------------------------------------------------------------------------


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("depth", [900, 1000])
def test_cli_refuses_deep_nesting_with_a_clean_message(tmp_path, fredericia, capsys, depth):
    path = tmp_path / "dyb.xml"
    path.write_bytes(_nested_surname(depth))
    code, out, err = _run(["import-gop", "--municipality", "fredericia", str(path)], capsys)
    assert code == 1
    assert "dyb.xml: afvist (1 fejl)" in out
    assert DEPTH_MESSAGE in out
    assert "Traceback" not in out + err
    assert not Referral.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_cli_refuses_an_oversize_file_by_its_size_on_disk(tmp_path, fredericia, capsys):
    path = tmp_path / "stor.xml"
    path.write_bytes(_oversize(3_000_000))
    code, out, err = _run(["import-gop", "--municipality", "fredericia", str(path)], capsys)
    assert code == 1
    assert "stor.xml: afvist (1 fejl)" in out
    assert "Filen fylder 3.000.000 byte" in out
    assert "Traceback" not in out + err
    assert len(_rejections()) == 1
