"""The leader's screens: upload, errors on the form, the comparison, scope and the audit log."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rehabplan.audit.models import AuditEntry
from rehabplan.whatif.models import WhatIfRun, WhatIfState
from tests.whatif import drafts

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(client, text: str | bytes, name: str = "udkast.toml"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        reverse("whatif-start"), {"draft": SimpleUploadedFile(name, data, "text/plain")}
    )


def test_the_leader_uploads_a_draft_and_reads_the_comparison(client, leader, history):
    client.force_login(leader)
    assert "Afprøv udkast" in client.get(reverse("home")).content.decode()
    response = _upload(client, drafts.every_change())
    run = WhatIfRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("whatif-run", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert run.state == WhatIfState.DONE or WhatIfRun.objects.get().state == WhatIfState.DONE
    assert "Vedligeholdende træning" in page
    assert "Yrsa Ungeborg" in page and "Olga Ældregaard" not in page
    assert "Vedligeholdende træning gives til borgere på 67 år og derover." in page
    assert "Demokvalitetsstandard" in page  # the rule's source
    assert "-14" in page  # sessions: 30 now, 16 with the draft
    assert "-10,5" in page  # therapist hours, Danish decimal comma
    entry = AuditEntry.objects.filter(summary__startswith="Afprøvning vist").get()
    assert entry.shown_citizen_ids == [history.young.pk]


def test_an_invalid_draft_gets_the_loaders_error_with_line_on_the_form(client, leader):
    client.force_login(leader)
    text = drafts.demo_text().replace("count = 4\n", 'count = "fire"\n')
    response = _upload(client, text)
    page = response.content.decode()
    assert response.status_code == 200
    assert "form-error-message" in page and "linje" in page and "count" in page
    assert not WhatIfRun.objects.exists()


def test_a_file_that_is_not_text_is_refused_in_danish(client, leader):
    client.force_login(leader)
    page = _upload(client, b"\xff\xfe\x00binary").content.decode()
    assert "ikke en tekstfil i UTF-8" in page
    assert not WhatIfRun.objects.exists()


def test_a_file_over_the_limit_is_refused(client, leader):
    client.force_login(leader)
    page = _upload(client, drafts.demo_text() + "#" * (256 * 1024)).content.decode()
    assert "for stor" in page
    assert not WhatIfRun.objects.exists()


def test_other_roles_may_not_open_the_page(client, visitator, administrator):
    for user in (visitator, administrator):
        client.force_login(user)
        assert client.get(reverse("whatif-start")).status_code == 403
        assert "Afprøv udkast" not in client.get(reverse("home")).content.decode()


def test_a_leader_cannot_see_another_municipalitys_run(
    client, leader, history, other_municipality, make_user
):
    client.force_login(leader)
    _upload(client, drafts.every_change())
    run = WhatIfRun.objects.get()
    other_leader = make_user("varde-leder", "leder", other_municipality)
    client.force_login(other_leader)
    assert client.get(reverse("whatif-run", args=[run.pk])).status_code == 404
    assert (
        reverse("whatif-run", args=[run.pk])
        not in client.get(reverse("whatif-start")).content.decode()
    )


def test_the_run_names_the_draft_by_its_date_not_its_id(client, leader, history):
    client.force_login(leader)
    _upload(client, drafts.every_change())
    run = WhatIfRun.objects.get()
    for url in (reverse("whatif-run", args=[run.pk]), reverse("whatif-start")):
        page = client.get(url).content.decode()
        assert "Udkast til version gældende fra 1. januar 2024" in page
        assert "demo@" not in page


def test_progress_is_polled_while_the_task_runs(client, leader, history):
    client.force_login(leader)
    _upload(client, drafts.every_change())
    run = WhatIfRun.objects.get()
    WhatIfRun.objects.filter(pk=run.pk).update(
        state=WhatIfState.RUNNING, cases_total=4000, cases_done=1000
    )
    url = reverse("whatif-run", args=[run.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and 'value="25"' in page
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "1.000 af 4.000" in partial
    WhatIfRun.objects.filter(pk=run.pk).update(state=WhatIfState.DONE)
    finished = client.get(url, headers={"HX-Request": "true"})
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"


def test_a_leader_outside_any_municipality_gets_a_danish_message(client, make_user):
    leader = make_user("leder-uden-kommune", "leder", None)
    client.force_login(leader)
    page = _upload(client, drafts.every_change()).content.decode()
    assert "ikke knyttet til en kommune" in page
    assert not WhatIfRun.objects.exists()


def test_only_deadlines_a_standard_sets_are_shown(client, leader, history):
    client.force_login(leader)
    response = _upload(client, drafts.every_change())
    page = client.get(response["Location"]).content.decode()
    # Demo's maintenance training has decision and start deadlines, no contact deadline.
    assert '<th scope="row">Opstart</th>' in page
    assert '<th scope="row">Kontakt' not in page
