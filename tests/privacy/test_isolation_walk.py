"""A user of municipality B requests every URL of the product with municipality A's ids and
every list page: nothing of A may appear, and nothing of A may change."""

from __future__ import annotations

import pytest

from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditEntry
from rehabplan.organisation.scoping import is_scoped_model
from tests.privacy.walk import POST_DATA, requests_for, shown

ROLES = (VISITATOR, THERAPIST, LEADER, ADMINISTRATOR)
# A response to another municipality's id may refuse, redirect or render a harmless form.
ACCEPTED_STATUSES = {200, 204, 302, 400, 403, 404, 405}
# List pages where each role must see its own municipality's citizens.
OWN_DATA_EXPECTED = {
    ("home", VISITATOR),
    ("deadline-worklist", VISITATOR),
    ("audit-log", LEADER),
    ("my-alerts", VISITATOR),
    ("alerts-not-acted-on", LEADER),
}


def _snapshot(unit) -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.of_municipality(unit.municipality).count()
        for model in apps.get_models()
        if is_scoped_model(model)
    }


def test_a_user_of_another_municipality_sees_and_changes_nothing(client, world):
    a, b = world
    a_texts = a.texts()
    before = _snapshot(a)
    leaks = []
    for request in requests_for(a.ids):
        for role in ROLES:
            user = b.users[role]
            for method in ("get", "post"):
                client.force_login(user)
                response = getattr(client, method)(
                    request.url, POST_DATA if method == "post" else None
                )
                where = f"{method.upper()} {request.url} as {role} of B: {response.status_code}"
                if response.status_code not in ACCEPTED_STATUSES:
                    leaks.append(f"{where} (unexpected status)")
                found = shown(response.content.decode(errors="replace"), a_texts)
                if found:
                    leaks.append(f"{where} shows {found}")
    assert leaks == []
    assert _snapshot(a) == before
    touched = AuditEntry.objects.filter(
        user__in=b.users.values(), citizen_id__in=[m.citizen_id for m in a.markers]
    )
    assert list(touched.values_list("summary", flat=True)) == []


@pytest.mark.parametrize("role", ROLES)
def test_every_list_page_shows_the_own_municipality_only(client, world, role):
    a, b = world
    client.force_login(b.users[role])
    checked = 0
    for request in requests_for(b.ids):
        if request.has_ids:
            continue
        for method in ("get", "post"):
            client.force_login(b.users[role])
            response = getattr(client, method)(request.url, POST_DATA if method == "post" else None)
            content = response.content.decode(errors="replace")
            assert shown(content, a.texts()) == [], f"{method} {request.url} shows A's data"
            if method == "get" and (request.route.name, role) in OWN_DATA_EXPECTED:
                assert response.status_code == 200
                assert shown(content, b.texts()), f"{request.url} shows none of B's own citizens"
                checked += 1
    assert checked == sum(1 for _, expected_role in OWN_DATA_EXPECTED if expected_role == role)


def test_the_citizen_search_finds_the_own_municipality_only(client, world):
    a, b = world
    client.force_login(b.users[VISITATOR])
    content = client.post("/borgere/", POST_DATA).content.decode()
    assert shown(content, b.texts()) and not shown(content, a.texts())
