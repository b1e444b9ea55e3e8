"""A demo unit with two citizens in courses, one with a mobile number and e-mail on record, both
with sessions booked in the coming days; the SMS gateway writes to a folder of the test's own."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.course.conftest import at, demo_unit, make_unit, naestved  # noqa: F401 - shared fixtures

CODE = re.compile(r"\b(\d{6})\b")


def next_weekday(day: datetime.date, skip: int = 1) -> datetime.date:
    day += datetime.timedelta(days=skip)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


@dataclass
class SelfServiceWorld:
    unit: Any
    karen: Any
    karen_course: Any
    karen_sessions: list  # booked, in the coming days, the first one first
    other: Any
    other_session: Any


def book(unit, course, starts_at):
    from rehabplan.courses.services.sessions import session_book

    return session_book(
        user=unit.therapist_user,
        course=course,
        kind="individual",
        starts_at=starts_at,
        location=unit.location,
        confirmed=True,
    )


@pytest.fixture
def sms_dir(settings, tmp_path) -> Path:
    settings.REHABPLAN_SMS_GATEWAY = "file"
    settings.REHABPLAN_SMS_DIR = str(tmp_path / "sms")
    return tmp_path / "sms"


@pytest.fixture
def world(demo_unit, sms_dir) -> SelfServiceWorld:  # noqa: F811
    from rehabplan.courses.services.goals import goal_create

    today = timezone.localdate()
    karen = demo_unit.citizen("Karen", phone="20 12 34 56", email="karen@example.dk")
    course = demo_unit.course(
        "SEL86-1", received_on=today - datetime.timedelta(days=10), citizen=karen
    )
    goal_create(
        user=demo_unit.therapist_user,
        course=course,
        text="Jeg vil kunne gå til købmanden",
        set_on=today - datetime.timedelta(days=9),
    )
    first_day = next_weekday(today, 2)
    sessions = [
        book(demo_unit, course, at(first_day, 12)),
        book(demo_unit, course, at(next_weekday(first_day), 14)),
    ]
    other = demo_unit.citizen("Ole", phone="30 12 34 56")
    other_course = demo_unit.course(
        "SEL86-1", received_on=today - datetime.timedelta(days=10), citizen=other
    )
    other_session = book(demo_unit, other_course, at(first_day, 15))
    return SelfServiceWorld(demo_unit, karen, course, sessions, other, other_session)


def sent_codes(folder: Path) -> list[tuple[str, str]]:
    """(to, code) for every SMS in the folder, oldest first."""
    if not folder.exists():
        return []
    messages = [json.loads(path.read_text("utf-8")) for path in folder.glob("*.json")]
    messages.sort(key=lambda message: message["sent_at"])
    return [(m["to"], CODE.search(m["text"]).group(1)) for m in messages]


def last_code(folder: Path) -> str:
    return sent_codes(folder)[-1][1]


def log_in(client, citizen, folder: Path) -> None:
    """Log the citizen in through the pages, with the code from the SMS folder."""
    response = client.post("/borger/log-ind/", {"cpr": citizen.cpr, "channel": "sms"})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post("/borger/log-ind/kode/", {"code": last_code(folder)})
    assert response.status_code == 302 and response["Location"] == "/borger/"
