"""A citizen of municipality B, logged in to the self-service, requests every citizen page with
municipality A's ids and with the ids of B's other citizens: nothing of anyone else may appear or
change, and every page that shows the citizen's own data writes the audit log for them."""

from __future__ import annotations

import time

import pytest

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import Course
from rehabplan.selfservice.login.session import CITIZEN_KEY
from tests.privacy.test_isolation_walk import _snapshot
from tests.privacy.walk import POST_DATA, requests_for, shown

ACCEPTED_STATUSES = {200, 302, 404, 405}
ACTOR = "Borgeren selv (engangskode)"


def _as_citizen(client, citizen) -> None:
    """The session the one-time code login leaves (tests/selfservice logs in through the pages)."""
    session = client.session
    now = time.time()
    session[CITIZEN_KEY] = {
        "citizen_id": citizen.pk,
        "municipality_id": citizen.municipality_id,
        "method": "code",
        "actor": ACTOR,
        "login_at": now,
        "last_activity": now,
    }
    session.save()


def _citizen_requests(ids):
    return [r for r in requests_for(ids) if r.route.name.startswith("selfservice-")]


@pytest.fixture
def walker(world):
    a, b = world
    me = Course.objects.of_municipality(b.municipality).get(pk=b.ids["course_id"]).citizen
    mine = [m for m in b.markers if m.citizen_id == me.pk]
    others = [text for m in a.markers + b.markers if m.citizen_id != me.pk for text in m.texts]
    return a, b, me, mine, others


def test_a_citizen_sees_and_changes_no_one_else_s_data(client, walker):
    a, b, me, _mine, others = walker
    before_a, before_b = _snapshot(a), _snapshot(b)
    requests = _citizen_requests(a.ids) + _citizen_requests(b.ids)
    # Every id of A is another's; in B the letter is to B's third citizen, not to this one.
    foreign = {r.url for r in _citizen_requests(a.ids) if r.has_ids} | {
        r.url for r in _citizen_requests(b.ids) if "message_id" in r.route.converters
    }
    assert {r.route.name for r in requests} >= {
        "selfservice-home",
        "selfservice-cancel",
        "selfservice-letters",
        "selfservice-letter-pdf",
        "selfservice-plan",
    }
    leaks = []
    for request in requests:
        for method in ("get", "post"):
            _as_citizen(client, me)
            response = getattr(client, method)(request.url, POST_DATA if method == "post" else None)
            where = f"{method.upper()} {request.url}: {response.status_code}"
            if response.status_code not in ACCEPTED_STATUSES:
                leaks.append(f"{where} (unexpected status)")
            if request.url in foreign and response.status_code == 200:
                # Another's record is answered as one that does not exist; a PDF's text is
                # compressed, so the status is what tells.
                leaks.append(f"{where} answers a record that is not the citizen's")
            found = shown(response.content.decode(errors="replace"), others)
            if found:
                leaks.append(f"{where} shows {found}")
    assert leaks == []
    # The citizen's own past (documented) session may not be cancelled either: nothing changed.
    # B's audit log grows by the citizen's own page views; nothing else of A or B changes.
    after_b = _snapshot(b)
    assert after_b.pop("audit.AuditEntry") > before_b.pop("audit.AuditEntry")
    assert _snapshot(a) == before_a and after_b == before_b
    touched = AuditEntry.objects.filter(user_name=ACTOR).exclude(citizen_id=me.pk)
    assert list(touched.values_list("summary", flat=True)) == []


def test_every_citizen_page_that_shows_the_citizen_logs_it(client, walker):
    _a, b, me, mine, _others = walker
    texts = [text for marker in mine for text in marker.texts] + [me.first_name]
    unlogged, pages = [], 0
    for request in _citizen_requests(b.ids):
        _as_citizen(client, me)
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
        response = client.get(request.url)
        if response.status_code != 200:
            continue
        written = AuditEntry.objects.filter(id__gt=last, citizen_id=me.pk, user_name=ACTOR)
        if shown(response.content.decode(errors="replace"), texts):
            pages += 1
            if not written.exists():
                unlogged.append(request.url)
    assert unlogged == []
    assert pages >= 4
