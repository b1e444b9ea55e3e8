"""Every URL of the product as every role, with its own municipality's data: a response that
shows a citizen writes an audit row naming that citizen, and a PDF is logged as an export."""

from __future__ import annotations

import pytest

from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditAction, AuditEntry
from tests.privacy.walk import POST_DATA, requests_for


def _logged_citizens(entries) -> set[int]:
    logged = set()
    for entry in entries:
        if entry.citizen_id is not None:
            logged.add(entry.citizen_id)
        logged.update(entry.shown_citizen_ids)
    return logged


@pytest.mark.parametrize("role", (VISITATOR, THERAPIST, LEADER, ADMINISTRATOR))
def test_every_page_that_shows_a_citizen_logs_that_citizen(client, world, role):
    a, b = world
    markers = a.markers + b.markers
    unlogged = []
    pages_with_citizens = 0
    for request in requests_for(a.ids):
        for method in ("get", "post"):
            client.force_login(a.users[role])
            last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
            response = getattr(client, method)(request.url, POST_DATA if method == "post" else None)
            written = list(AuditEntry.objects.filter(id__gt=last))
            where = f"{method.upper()} {request.url} as {role}: {response.status_code}"
            if response.get("Content-Type", "").startswith("application/pdf"):
                if not any(entry.action == AuditAction.EXPORT for entry in written):
                    unlogged.append(f"{where}: a PDF with no export entry")
                continue
            content = response.content.decode(errors="replace")
            seen = {m.citizen_id for m in markers if any(text in content for text in m.texts)}
            if not seen:
                continue
            pages_with_citizens += 1
            missing = seen - _logged_citizens(written)
            if missing:
                unlogged.append(f"{where}: shows citizens {sorted(missing)} without logging them")
    assert not unlogged, "\n".join(unlogged)
    # The administrator configures the unit and is refused every page about citizens.
    assert (pages_with_citizens > 0) == (role != ADMINISTRATOR)
