"""One registry per process, built again only when another upload has been stored."""

from __future__ import annotations

import hashlib

from rehabplan import rules
from rehabplan.organisation.models import Municipality, MunicipalStandard
from rehabplan.organisation.standards import installation_registry


def test_without_uploads_the_registry_is_the_shipped_one(db):
    assert installation_registry() is rules.default_registry()


def test_the_registry_is_kept_until_an_upload_is_stored_elsewhere(db, skovlund_text):
    first = installation_registry()
    assert installation_registry() is first
    # Another process stores an upload: this process sees it on its next call.
    municipality = Municipality.objects.create(slug="skovlund", code=998, name="Skovlund Kommune")
    MunicipalStandard.objects.create(
        municipality=municipality,
        file_name="skovlund.toml",
        text=skovlund_text,
        checksum=hashlib.sha256(skovlund_text.encode()).hexdigest(),
        uploaded_by_name="en anden proces",
    )
    refreshed = installation_registry()
    assert refreshed is not first
    assert refreshed.municipality("skovlund").file == "skovlund.toml"
    assert installation_registry() is refreshed


def test_the_registry_holds_every_shipped_standard_and_every_upload(db, skovlund_text):
    from rehabplan.organisation.standards.services import standard_upload

    standard_upload(text=skovlund_text, file_name="skovlund.toml")
    slugs = {slug for slug, _code, _name in installation_registry().municipalities()}
    shipped = {slug for slug, _code, _name in rules.default_registry().municipalities()}
    assert slugs == shipped | {"skovlund"}


def test_django_code_asks_the_installation_registry_never_the_shipped_one():
    # Uploaded standards would be ignored by any Django code asking the rules core's registry of
    # shipped files directly.
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "rehabplan"
    allowed = {src / "organisation" / "standards" / "registry.py"}
    callers = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if "default_registry(" in path.read_text("utf-8")
        and path not in allowed
        and (src / "rules") not in path.parents
    ]
    assert callers == []


def _upload_marker_queries(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "organisation_municipalstandard" in q["sql"] and "ORDER BY" in q["sql"]
    ]


def test_a_page_checks_for_new_uploads_once_however_often_it_reads_the_standards(
    visitator, citizen, settings
):
    import datetime

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rehabplan.courses.services.referrals import referral_register

    referral = referral_register(
        user=visitator,
        citizen=citizen,
        service_code="SEL86-1",
        source="citizen",
        received_on=datetime.date(2026, 11, 2),
    )

    def marker_queries() -> int:
        client = Client()  # a new client loads the middleware as the settings are now
        client.force_login(visitator)
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(f"/henvisninger/{referral.pk}/").status_code == 200
        return len(_upload_marker_queries(page_queries.captured_queries))

    assert marker_queries() == 1
    # The referral page explains deadlines, service and guidance from the standards: without the
    # per-request scope each explanation checks for uploads again.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "StandardsRegistry" not in m]
    assert marker_queries() > 1


def test_an_upload_inside_a_scope_is_seen_by_the_same_scope(db, skovlund_text):
    from rehabplan.organisation.standards.registry import registry_scope
    from rehabplan.organisation.standards.services import standard_upload

    with registry_scope():
        before = installation_registry()
        assert installation_registry() is before
        standard_upload(text=skovlund_text, file_name="skovlund.toml")
        assert installation_registry().municipality("skovlund").file == "skovlund.toml"
