"""The leader makes a research export of the demo in the browser, at desktop and phone width."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.citizens.models import Citizen
from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from rehabplan.reporting.models import ResearchExport
from rehabplan.reporting.research.key import KEY_VARIABLE
from tests.e2e.screens import axe_violations, duplicate_ids, follow_menu_link, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height", "name"), [(1366, 900, "desktop"), (390, 844, "phone")])
def test_leader_exports_research_data(
    live_server, page, screenshot, monkeypatch, width, height, name
):
    monkeypatch.setenv(KEY_VARIABLE, "e2e-research-key-" + "x" * 32)
    seed_demo(seed=2026, today=timezone.localdate())
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server.url, "leder", DEMO_PASSWORD)
    follow_menu_link(page, "Forskning")
    page.wait_for_url(f"{live_server.url}/forskning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forskningsudtræk")
    screenshot(f"research-form-{name}")

    first_day = timezone.localdate() - datetime.timedelta(days=2 * 365)
    page.get_by_label("Forløb startet fra og med").fill(f"{first_day:%d-%m-%Y}")
    page.get_by_label("Filformat").select_option("parquet")
    page.get_by_role("button", name="Vis antal forløb").click()
    count_box = page.get_by_test_id("research-count")
    expect(count_box).to_contain_text("hos borgere med samtykke til forskning")
    screenshot(f"research-count-{name}")
    assert axe_violations(page) == []
    assert duplicate_ids(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Hent udtrækket").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".parquet")
    content = Path(download.path()).read_bytes()
    table = pq.read_table(io.BytesIO(content))
    record = ResearchExport.objects.get()
    assert table.num_rows == record.row_count > 0
    for citizen in Citizen.objects.all():
        assert citizen.cpr.encode() not in content
        assert citizen.last_name.encode() not in content

    page.goto(f"{live_server.url}/forskning/")
    expect(page.get_by_role("table").get_by_text("Parquet")).to_have_count(1)
    screenshot(f"research-recent-{name}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
