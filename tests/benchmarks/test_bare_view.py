"""The benchmark's bare view exists only while the benchmark's flag is on."""

from __future__ import annotations

import importlib

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

from rehabplan.audit.models import AuditEntry

BARE_PATH = "/maaling/borger/{}/"


def _reload_urls() -> None:
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


@pytest.fixture
def bare_view_on():
    override = override_settings(BENCHMARK_BARE_VIEW=True)
    override.enable()
    _reload_urls()
    yield
    override.disable()
    _reload_urls()


def test_without_the_flag_the_bare_view_does_not_exist(client, visitator, citizen):
    assert settings.BENCHMARK_BARE_VIEW is False
    with pytest.raises(Resolver404):
        resolve(BARE_PATH.format(citizen.pk))
    client.force_login(visitator)
    assert client.get(BARE_PATH.format(citizen.pk)).status_code == 404


def test_with_the_flag_it_reads_the_citizen_and_writes_one_audit_row(
    bare_view_on, client, visitator, citizen
):
    client.force_login(visitator)
    before = AuditEntry.objects.filter(citizen_id=citizen.pk).count()
    response = client.get(BARE_PATH.format(citizen.pk))
    assert response.status_code == 200
    assert citizen.full_name in response.content.decode()
    assert AuditEntry.objects.filter(citizen_id=citizen.pk).count() == before + 1
