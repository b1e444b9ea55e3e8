"""Every form is checked by the server, with its Danish messages: never by the browser."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from rehabplan.courses.models import CourseStatus

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "rehabplan" / "web" / "templates"
FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)


def test_every_form_in_the_screens_leaves_validation_to_the_server():
    browser_checked = [
        f"{path.relative_to(TEMPLATES)}: {tag}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for tag in FORM_TAG.findall(path.read_text("utf-8"))
        if "novalidate" not in tag
    ]
    assert browser_checked == []


def test_the_closing_form_answers_a_missing_field_with_the_servers_danish_message(
    client, fredericia
):
    course = fredericia.course("SUL140", received_on=datetime.date(2026, 11, 9))
    client.force_login(fredericia.therapist_user)
    page = client.get(f"/forloeb/{course.pk}/afslut/").content.decode()
    closing_form = next(tag for tag in FORM_TAG.findall(page) if "closing-form" in tag)
    assert "novalidate" in closing_form
    response = client.post(
        f"/forloeb/{course.pk}/afslut/", {"end_reason": "goals_reached", "equipment": "none"}
    )
    assert response.status_code == 400
    assert "Skriv datoen for afslutningssamtalen." in response.content.decode()
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE
